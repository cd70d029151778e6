import { en, type MessageKey } from './catalogs/en';

/**
 * The one message catalog of the app. Plain TypeScript (no React) so the compose model can use it
 * too. Messages use a small ICU subset: `{name}` placeholders and
 * `{count, plural, =0 {…} one {# file} few {…} other {# files}}` chosen with `Intl.PluralRules`
 * of the active locale (`#` is the count, formatted for the locale).
 */
export type { MessageKey } from './catalogs/en';
export type Catalog = Record<MessageKey, string>;
export type Locale = 'en' | 'ro' | 'ar';
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const LOCALES: readonly Locale[] = ['en', 'ro', 'ar'];
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * English is built in (it is also every message's fallback); the other catalogs are chunks of their
 * own, fetched when a page switches to them, so nobody downloads languages they do not read.
 */
const catalogs: Partial<Record<Locale, Catalog>> = { en };
const catalogLoaders: Record<Locale, () => Promise<Catalog>> = {
  en: async () => en,
  ro: async () => (await import('./catalogs/ro')).ro,
  ar: async () => (await import('./catalogs/ar')).ar,
};
const catalogLoads = new Map<Locale, Promise<Catalog>>();

/** The catalog of `locale`, fetched once (a failed fetch is tried again on the next call). */
export function loadCatalog(locale: Locale): Promise<Catalog> {
  const ready = catalogs[locale];
  if (ready) return Promise.resolve(ready);
  let load = catalogLoads.get(locale);
  if (!load) {
    load = catalogLoaders[locale]().then(
      (catalog) => (catalogs[locale] = catalog),
      (error: unknown) => {
        catalogLoads.delete(locale);
        throw error;
      },
    );
    catalogLoads.set(locale, load);
  }
  return load;
}

export function isCatalogLoaded(locale: Locale): boolean {
  return catalogs[locale] !== undefined;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first candidate we have a catalog for: "ro", "ro-RO" and "ro_RO" all give `ro`. Axigen stores
 * the account language as a tag or a bare code; the browser gives BCP 47 tags.
 */
export function resolveLocale(...candidates: readonly (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const base = candidate.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

// ---- the active locale (one per page: the standalone app or the embedded window) ----

let active: Locale = DEFAULT_LOCALE;
/** The locale last asked for; its catalog may still be on its way. */
let requested: Locale = DEFAULT_LOCALE;
const listeners = new Set<() => void>();

export function getLocale(): Locale {
  return active;
}

/**
 * Makes `locale` the active one. With its catalog loaded (English always is) that happens at once;
 * otherwise the page keeps its current language until the catalog arrives, then switches — text,
 * plurals and direction together, never half translated. The promise settles when the switch has
 * happened (or was overtaken by a later call); if the catalog cannot be fetched the language stays.
 */
export function setLocale(locale: Locale): Promise<void> {
  requested = locale;
  if (isCatalogLoaded(locale)) {
    activate(locale);
    return Promise.resolve();
  }
  return loadCatalog(locale).then(
    () => {
      if (requested === locale) activate(locale);
    },
    () => {
      // Offline for a moment: the page stays readable in the language it has.
      if (requested === locale) requested = active;
    },
  );
}

/**
 * `setLocale`, then `onSwitched(active locale)` once the language shown has changed: synchronously
 * when the catalog is loaded already (no frame in between), else when it arrives.
 */
export function switchLocale(locale: Locale, onSwitched: (shown: Locale) => void): void {
  if (isCatalogLoaded(locale)) {
    void setLocale(locale);
    onSwitched(active);
  } else {
    void setLocale(locale).then(() => onSwitched(active));
  }
}

function activate(locale: Locale): void {
  if (locale === active) return;
  active = locale;
  for (const listener of [...listeners]) listener();
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `<html lang dir>` for the locale, so screen readers pick the right voice and CSS mirrors. */
export function applyDocumentLocale(locale: Locale, root: HTMLElement | undefined = globalThis.document?.documentElement): void {
  if (!root) return;
  root.lang = locale;
  root.dir = directionOf(locale);
}

/** A message of the active locale (model code imports this; React code uses `useT()`). */
export const t: Translate = (key, params) => formatMessage(active, key, params);

export function translatorFor(locale: Locale): Translate {
  return (key, params) => formatMessage(locale, key, params);
}

export function formatMessage(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  // A locale whose catalog has not arrived yet speaks English meanwhile.
  const template = catalogs[locale]?.[key] ?? en[key];
  return interpolate(locale, template, params);
}

// ---- the ICU subset ----

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function pluralCategory(locale: Locale, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

export function formatNumber(locale: Locale, n: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(n);
}

function interpolate(locale: Locale, template: string, params: MessageParams): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) return out + template.slice(i);
    out += template.slice(i, open);
    const close = matchingBrace(template, open);
    const inner = template.slice(open + 1, close);
    out += placeholder(locale, inner, params);
    i = close + 1;
  }
  return out;
}

function placeholder(locale: Locale, inner: string, params: MessageParams): string {
  const plural = /^\s*(\w+)\s*,\s*plural\s*,/.exec(inner);
  if (!plural) {
    const value = params[inner.trim()];
    if (value === undefined) return `{${inner}}`;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  }
  const name = plural[1]!;
  const n = Number(params[name]);
  const branches = parseBranches(inner.slice(plural[0].length));
  const chosen = branches.get(`=${n}`) ?? branches.get(pluralCategory(locale, n)) ?? branches.get('other') ?? '';
  // `#` is the count; nested placeholders are filled as usual.
  return interpolate(locale, chosen.replace(/#/g, formatNumber(locale, n)), params);
}

function parseBranches(text: string): Map<string, string> {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const selector = /^\s*(=?\w+)\s*\{/.exec(text.slice(i));
    if (!selector) break;
    const open = i + selector[0].length - 1;
    const close = matchingBrace(text, open);
    branches.set(selector[1]!, text.slice(open + 1, close));
    i = close + 1;
  }
  return branches;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`Unbalanced braces in message: ${text}`);
}
