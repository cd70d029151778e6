import type { Context } from 'hono';
import { badRequest, payloadTooLarge } from './errors';

/**
 * Strict request validation. Axigen answers 400 when "a parameter is invalid, missing though
 * required, or unexpected", so every body and query is checked against a declared schema:
 * unknown fields, wrong types and broken rules fail with a message and `field` naming the path
 * (`to`, `receipts.sendReadReceipts`, `temporaryAttachments[0].id`).
 *
 * A route declares its schema once, next to the handler:
 *
 *   const patchSchema = object({ isUnread: optional(boolean()), isFlagged: optional(boolean()) });
 *   const patch = await readBody(c, patchSchema); // typed { isUnread?: boolean; isFlagged?: boolean }
 */

/** Checks one value found at `path`; returns it typed or throws a 400 HttpError. */
export type Validator<T> = (value: unknown, path: string) => T;

const OPTIONAL = Symbol('optional');

/** A validator whose field may be absent from its object (or query). */
export type OptionalValidator<T> = Validator<T> & { readonly [OPTIONAL]: true };

export type Infer<V> = V extends Validator<infer T> ? T : never;

type Shape = Record<string, Validator<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalValidator<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The typed result of `object(shape)`: optional validators make optional properties. */
export type InferShape<S extends Shape> = Simplify<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

/** Words for a value's type in error messages ("a number", "null", "a list"). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const fieldName = (path: string) => (path === '' ? 'The request body' : `Field "${path}"`);

const wrongType = (path: string, expected: string, value: unknown) =>
  badRequest(`${fieldName(path)} must be ${expected}, not ${describeType(value)}.`, path || undefined);

/** Fails with a 400 about `path`; for rules a route checks itself after validation. */
export const invalidField = (path: string, rule: string) => badRequest(`${fieldName(path)} ${rule}.`, path);

export interface StringRules {
  /** Reject "" (and whitespace-only when `trim`). */
  nonEmpty?: boolean;
  /** Maximum length in characters. */
  maxLength?: number;
  /** Remove leading/trailing whitespace before checking and returning. */
  trim?: boolean;
  pattern?: RegExp;
  /** Says what the pattern means, e.g. "an e-mail address". */
  patternMeaning?: string;
}

export function string(rules: StringRules = {}): Validator<string> {
  return (value, path) => {
    if (typeof value !== 'string') throw wrongType(path, 'a string', value);
    const text = rules.trim ? value.trim() : value;
    if (rules.nonEmpty && text === '') throw invalidField(path, 'must not be empty');
    if (rules.maxLength !== undefined && text.length > rules.maxLength) {
      throw invalidField(path, `must be at most ${rules.maxLength} characters long`);
    }
    if (rules.pattern && !rules.pattern.test(text)) {
      throw invalidField(path, `must be ${rules.patternMeaning ?? `in the form ${rules.pattern.source}`}`);
    }
    return text;
  };
}

export function boolean(): Validator<boolean> {
  return (value, path) => {
    if (typeof value !== 'boolean') throw wrongType(path, 'true or false', value);
    return value;
  };
}

export interface NumberRules {
  min?: number;
  max?: number;
}

function checkRange(value: number, path: string, rules: NumberRules): number {
  if (rules.min !== undefined && value < rules.min) throw invalidField(path, `must be at least ${rules.min}`);
  if (rules.max !== undefined && value > rules.max) throw invalidField(path, `must be at most ${rules.max}`);
  return value;
}

export function number(rules: NumberRules = {}): Validator<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(path, 'a number', value);
    return checkRange(value, path, rules);
  };
}

export function integer(rules: NumberRules = {}): Validator<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(path, 'a whole number', value);
    if (!Number.isSafeInteger(value)) throw invalidField(path, 'must be a whole number');
    return checkRange(value, path, rules);
  };
}

/** One of a fixed set of strings. */
export function oneOf<const T extends string>(values: readonly T[]): Validator<T> {
  const allowed = new Set<string>(values);
  const list = values.map((v) => `"${v}"`).join(', ');
  return (value, path) => {
    if (typeof value !== 'string') throw wrongType(path, `one of ${list}`, value);
    if (!allowed.has(value)) throw invalidField(path, `must be one of ${list}, not "${value}"`);
    return value as T;
  };
}

export interface ArrayRules {
  maxItems?: number;
}

export function arrayOf<T>(item: Validator<T>, rules: ArrayRules = {}): Validator<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw wrongType(path, 'a list', value);
    if (rules.maxItems !== undefined && value.length > rules.maxItems) {
      throw invalidField(path, `may hold at most ${rules.maxItems} items`);
    }
    return value.map((entry, index) => item(entry, `${path}[${index}]`));
  };
}

const joinPath = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A JSON object with exactly the declared fields: unknown fields are refused (400 naming the
 * field), required ones must be present, optional ones may be absent. `null` is never taken to
 * mean "absent": it is a wrong type, as a strict server would say.
 */
export function object<S extends Shape>(shape: S): Validator<InferShape<S>> {
  return (value, path) => {
    if (!isPlainObject(value)) throw wrongType(path, 'an object', value);
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(shape, key)) {
        const at = joinPath(path, key);
        throw badRequest(`Unknown field "${at}".`, at);
      }
    }
    const result: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const at = joinPath(path, key);
      if (!Object.hasOwn(value, key) || value[key] === undefined) {
        if (OPTIONAL in check) continue;
        throw badRequest(`Field "${at}" is required.`, at);
      }
      result[key] = check(value[key], at);
    }
    return result as InferShape<S>;
  };
}

/** Marks a field that may be left out. */
export function optional<T>(check: Validator<T>): OptionalValidator<T> {
  const wrapped = ((value: unknown, path: string) => check(value, path)) as Validator<T>;
  return Object.assign(wrapped, { [OPTIONAL]: true as const });
}

/** Adds a rule on top of a validator; `rule` returns a problem description ("must be …") or nothing. */
export function refine<T>(check: Validator<T>, rule: (value: T) => string | undefined): Validator<T> {
  const refined: Validator<T> = (value, path) => {
    const result = check(value, path);
    const problem = rule(result);
    if (problem !== undefined) throw invalidField(path, problem);
    return result;
  };
  return OPTIONAL in check ? optional(refined) : refined;
}

// ---------------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------------

/** JSON bodies larger than this are refused with 413 (uploads go through multipart, not JSON). */
export const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads the raw body as a JSON object. The API is UTF-8 only and performs no charset
 * conversion, so bytes that are not valid UTF-8 are refused rather than replaced.
 * An empty body reads as `{}` when `emptyAsObject` (endpoints whose fields are all optional).
 */
export async function readJsonObject(c: Context, options: { emptyAsObject?: boolean } = {}): Promise<Record<string, unknown>> {
  const bytes = await readLimitedBody(c);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw badRequest('The request body is not valid UTF-8.');
  }
  if (text.trim() === '') {
    if (options.emptyAsObject) return {};
    throw badRequest('The request body is empty; a JSON object was expected.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (!isPlainObject(parsed)) throw badRequest(`The request body must be a JSON object, not ${describeType(parsed)}.`);
  return parsed;
}

/**
 * The raw body, at most MAX_JSON_BODY_BYTES: a larger one is refused (413) as soon as it is seen
 * — from Content-Length, or while reading a body sent without one — never buffered whole.
 */
async function readLimitedBody(c: Context): Promise<Uint8Array> {
  const tooLarge = () => payloadTooLarge(`The request body is larger than ${MAX_JSON_BODY_BYTES} bytes.`);
  if (Number(c.req.header('content-length') ?? '0') > MAX_JSON_BODY_BYTES) throw tooLarge();
  const body = c.req.raw.body;
  if (body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_JSON_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads and validates a JSON body against a schema (usually `object({...})`). */
export async function readBody<T>(c: Context, schema: Validator<T>, options: { emptyAsObject?: boolean } = {}): Promise<T> {
  return schema(await readJsonObject(c, options), '');
}

/** For endpoints documented without a body: anything but an empty body (or `{}`) is refused. */
export async function expectNoBody(c: Context): Promise<void> {
  const bytes = await readLimitedBody(c);
  if (bytes.byteLength === 0) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    throw badRequest('This endpoint takes no request body.');
  }
  object({})(parsed, '');
}

// ---------------------------------------------------------------------------------------------
// Query parameters
// ---------------------------------------------------------------------------------------------

/** Checks one raw query value (always a string) and converts it. */
export type QueryValidator<T> = (raw: string, name: string) => T;

const DEFAULT = Symbol('default');
type OptionalQueryValidator<T> = QueryValidator<T> & { readonly [OPTIONAL]: true };
type DefaultedQueryValidator<T> = QueryValidator<T> & { readonly [DEFAULT]: T };
type QueryShape = Record<string, QueryValidator<unknown>>;
type InferQuery<V> = V extends QueryValidator<infer T> ? T : never;
type QueryOptionalKeys<S extends QueryShape> = { [K in keyof S]: S[K] extends OptionalQueryValidator<unknown> ? K : never }[keyof S];
type QueryRequiredKeys<S extends QueryShape> = Exclude<keyof S, QueryOptionalKeys<S>>;

/** The typed result of `parseQuery`: `optional` parameters may be absent, `withDefault` ones never are. */
export type InferQueryShape<S extends QueryShape> = Simplify<
  { [K in QueryRequiredKeys<S>]: InferQuery<S[K]> } & { [K in QueryOptionalKeys<S>]?: InferQuery<S[K]> }
>;

/**
 * Query parameters every endpoint accepts: `_h` carries the session of cookie logins (checked by
 * the session middleware), `t` is the cache-buster Axigen's own client appends.
 */
export const ALWAYS_ALLOWED_QUERY = ['_h', 't'] as const;

const queryProblem = (name: string, rule: string) => badRequest(`Query parameter "${name}" ${rule}.`, name);

export const query = {
  string(rules: StringRules = {}): QueryValidator<string> {
    const check = string(rules);
    return (raw, name) => {
      try {
        return check(raw, name);
      } catch {
        throw queryProblem(name, rules.nonEmpty && raw.trim() === '' ? 'must not be empty' : 'is not valid');
      }
    };
  },
  integer(rules: NumberRules = {}): QueryValidator<number> {
    return (raw, name) => {
      if (!/^-?\d+$/.test(raw)) throw queryProblem(name, `must be a whole number, not "${raw}"`);
      const value = Number(raw);
      if (!Number.isSafeInteger(value)) throw queryProblem(name, 'is too large');
      if (rules.min !== undefined && value < rules.min) throw queryProblem(name, `must be at least ${rules.min}`);
      if (rules.max !== undefined && value > rules.max) throw queryProblem(name, `must be at most ${rules.max}`);
      return value;
    };
  },
  boolean(): QueryValidator<boolean> {
    return (raw, name) => {
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      throw queryProblem(name, `must be true or false, not "${raw}"`);
    };
  },
  oneOf<const T extends string>(values: readonly T[]): QueryValidator<T> {
    const list = values.map((v) => `"${v}"`).join(', ');
    return (raw, name) => {
      if (!(values as readonly string[]).includes(raw)) throw queryProblem(name, `must be one of ${list}, not "${raw}"`);
      return raw as T;
    };
  },
  /** The parameter may be absent (then it is absent from the result). */
  optional<T>(check: QueryValidator<T>): OptionalQueryValidator<T> {
    const wrapped = ((raw: string, name: string) => check(raw, name)) as QueryValidator<T>;
    return Object.assign(wrapped, { [OPTIONAL]: true as const });
  },
  /** The parameter may be absent; then `fallback` is used. */
  withDefault<T>(check: QueryValidator<T>, fallback: T): DefaultedQueryValidator<T> {
    const wrapped = ((raw: string, name: string) => check(raw, name)) as QueryValidator<T>;
    return Object.assign(wrapped, { [DEFAULT]: fallback });
  },
};

/**
 * Validates the query string against a shape: unknown parameters (other than `_h` and `t`)
 * and repeated parameters are refused; `withDefault` ones take their fallback when absent.
 */
export function parseQuery<S extends QueryShape>(c: Context, shape: S): InferQueryShape<S> {
  const params = new URL(c.req.url).searchParams;
  const result: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    if (!Object.hasOwn(shape, name)) {
      if ((ALWAYS_ALLOWED_QUERY as readonly string[]).includes(name)) continue;
      throw badRequest(`Unknown query parameter "${name}".`, name);
    }
    if (params.getAll(name).length > 1) throw queryProblem(name, 'is given more than once');
  }
  for (const [name, check] of Object.entries(shape)) {
    const raw = params.get(name);
    if (raw !== null) result[name] = check(raw, name);
    else if (DEFAULT in check) result[name] = check[DEFAULT];
    else if (!(OPTIONAL in check)) throw queryProblem(name, 'is required');
  }
  return result as InferQueryShape<S>;
}
