import { Hono } from 'hono';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ApiErrorBody } from '../../src/api/contract';
import { HttpError, respondWithError } from './errors';
import {
  arrayOf,
  boolean,
  expectNoBody,
  integer,
  number,
  object,
  oneOf,
  optional,
  parseQuery,
  query,
  readBody,
  refine,
  string,
} from './validate';

const attachmentRef = object({ id: integer({ min: 0 }), contentId: optional(string()), isInline: optional(boolean()) });
const composeSchema = object({
  to: optional(string()),
  subject: optional(string({ maxLength: 10 })),
  importance: optional(oneOf(['normal', 'low', 'high'])),
  deliveryTime: integer({ min: 1 }),
  ratio: optional(number({ min: 0, max: 1 })),
  receipts: optional(object({ requestReadReceipts: optional(boolean()) })),
  temporaryAttachments: optional(arrayOf(attachmentRef, { maxItems: 3 })),
  name: optional(refine(string({ trim: true }), (v) => (v.startsWith('x') ? 'must not start with x' : undefined))),
});

/** A tiny app whose one route echoes what the schema read, so tests go through real requests. */
function echoApp() {
  const app = new Hono();
  app.onError(respondWithError);
  app.post('/body', async (c) => c.json(await readBody(c, composeSchema)));
  app.post('/optional-body', async (c) => c.json(await readBody(c, object({ a: optional(string()) }), { emptyAsObject: true })));
  app.post('/no-body', async (c) => {
    await expectNoBody(c);
    return c.body(null, 200);
  });
  app.get('/query', (c) =>
    c.json(
      parseQuery(c, {
        query: query.withDefault(query.string(), ''),
        limit: query.withDefault(query.integer({ min: 1, max: 50 }), 10),
        type: query.optional(query.oneOf(['html', 'text'])),
        full: query.optional(query.boolean()),
      }),
    ),
  );
  return app;
}

const post = (path: string, body: BodyInit) => echoApp().request(path, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
const postJson = (value: unknown) => post('/body', JSON.stringify(value));

async function expectBadRequest(res: Response, field: string | undefined, message: RegExp) {
  expect(res.status).toBe(400);
  const body = (await res.json()) as ApiErrorBody;
  expect(body.error.code).toBe('BAD_REQUEST');
  expect(body.error.field).toBe(field);
  expect(body.error.message).toMatch(message);
}

describe('reading a JSON body', () => {
  it('returns the declared fields, typed, leaving absent optional ones out', async () => {
    const res = await postJson({ to: 'a@b.test', deliveryTime: 5, temporaryAttachments: [{ id: 1, isInline: true, contentId: 'c1' }] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ to: 'a@b.test', deliveryTime: 5, temporaryAttachments: [{ id: 1, isInline: true, contentId: 'c1' }] });
  });

  it('infers optional and required properties from the schema', () => {
    type Compose = ReturnType<typeof composeSchema>;
    expectTypeOf<Compose['deliveryTime']>().toEqualTypeOf<number>();
    expectTypeOf<Compose['importance']>().toEqualTypeOf<'normal' | 'low' | 'high' | undefined>();
    expectTypeOf<NonNullable<Compose['temporaryAttachments']>[number]['contentId']>().toEqualTypeOf<string | undefined>();
  });

  it('refuses unknown fields, naming them', async () => {
    await expectBadRequest(await postJson({ deliveryTime: 1, colour: 'red' }), 'colour', /Unknown field "colour"/);
    await expectBadRequest(await postJson({ deliveryTime: 1, receipts: { x: true } }), 'receipts.x', /Unknown field "receipts.x"/);
    await expectBadRequest(
      await postJson({ deliveryTime: 1, temporaryAttachments: [{ id: 1 }, { id: 2, name: 'a' }] }),
      'temporaryAttachments[1].name',
      /Unknown field "temporaryAttachments\[1\]\.name"/,
    );
  });

  it('refuses wrong types with the path and the type it got', async () => {
    await expectBadRequest(await postJson({ deliveryTime: '5' }), 'deliveryTime', /"deliveryTime" must be a whole number, not a string/);
    await expectBadRequest(await postJson({ deliveryTime: 1.5 }), 'deliveryTime', /whole number/);
    await expectBadRequest(await postJson({ deliveryTime: 1, to: null }), 'to', /"to" must be a string, not null/);
    await expectBadRequest(await postJson({ deliveryTime: 1, to: ['a'] }), 'to', /not a list/);
    await expectBadRequest(await postJson({ deliveryTime: 1, receipts: { requestReadReceipts: 'yes' } }), 'receipts.requestReadReceipts', /true or false/);
    await expectBadRequest(await postJson({ deliveryTime: 1, temporaryAttachments: [{ id: 'x' }] }), 'temporaryAttachments[0].id', /whole number/);
    await expectBadRequest(await postJson({ deliveryTime: 1, temporaryAttachments: {} }), 'temporaryAttachments', /must be a list, not an object/);
    await expectBadRequest(await postJson({ deliveryTime: 1, ratio: 'a' }), 'ratio', /must be a number/);
  });

  it('checks required fields, enums, ranges, lengths and extra rules', async () => {
    await expectBadRequest(await postJson({}), 'deliveryTime', /"deliveryTime" is required/);
    await expectBadRequest(await postJson({ deliveryTime: 0 }), 'deliveryTime', /at least 1/);
    await expectBadRequest(await postJson({ deliveryTime: 1, ratio: 2 }), 'ratio', /at most 1/);
    await expectBadRequest(await postJson({ deliveryTime: 1, importance: 'urgent' }), 'importance', /one of "normal", "low", "high", not "urgent"/);
    await expectBadRequest(await postJson({ deliveryTime: 1, subject: 'x'.repeat(11) }), 'subject', /at most 10 characters/);
    await expectBadRequest(await postJson({ deliveryTime: 1, temporaryAttachments: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }] }), 'temporaryAttachments', /at most 3 items/);
    await expectBadRequest(await postJson({ deliveryTime: 1, name: ' xavier' }), 'name', /must not start with x/);
    expect(await (await postJson({ deliveryTime: 1, name: '  ana ' })).json()).toEqual({ deliveryTime: 1, name: 'ana' });
  });

  it('refuses bodies that are not a JSON object', async () => {
    await expectBadRequest(await post('/body', '{"to": '), undefined, /not valid JSON/);
    await expectBadRequest(await post('/body', '[1]'), undefined, /must be a JSON object, not a list/);
    await expectBadRequest(await post('/body', 'null'), undefined, /not null/);
    await expectBadRequest(await post('/body', ''), undefined, /empty/);
  });

  it('refuses bytes that are not UTF-8 instead of guessing a charset', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('{"to":"'), 0xe9, ...new TextEncoder().encode('","deliveryTime":1}')]);
    await expectBadRequest(await post('/body', latin1), undefined, /not valid UTF-8/);
    const ok = await postJson({ deliveryTime: 1, to: 'Zoë <zoe@x.test>' });
    expect(await ok.json()).toEqual({ deliveryTime: 1, to: 'Zoë <zoe@x.test>' });
  });

  it('stops reading a body without Content-Length as soon as it passes the limit (413), on both body kinds', async () => {
    for (const path of ['/body', '/no-body']) {
      let pulls = 0;
      const megabyte = new Uint8Array(1024 * 1024).fill(0x20);
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulls += 1;
          if (pulls > 100) controller.close();
          else controller.enqueue(megabyte);
        },
      });
      const res = await echoApp().request(path, { method: 'POST', body: endless, duplex: 'half', headers: { 'content-type': 'application/json' } } as RequestInit);
      expect(res.status, path).toBe(413);
      expect(((await res.json()) as ApiErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(pulls, path).toBeLessThan(20);
    }
  });

  it('reads an empty body as {} only where every field is optional', async () => {
    const res = await post('/optional-body', '');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });

  it('accepts no body (or {}) where none is documented, and refuses anything else', async () => {
    expect((await post('/no-body', '')).status).toBe(200);
    expect((await post('/no-body', '{}')).status).toBe(200);
    await expectBadRequest(await post('/no-body', '{"a":1}'), 'a', /Unknown field "a"/);
    await expectBadRequest(await post('/no-body', 'hello'), undefined, /takes no request body/);
  });

  it('throws HttpErrors that carry the field', () => {
    expect(() => composeSchema({ deliveryTime: 1, to: 3 }, '')).toThrow(HttpError);
  });
});

describe('parsing query parameters', () => {
  const get = (qs: string) => echoApp().request(`/query${qs}`);

  it('applies defaults and converts types', async () => {
    expect(await (await get('')).json()).toEqual({ query: '', limit: 10 });
    expect(await (await get('?query=an&limit=50&type=text&full=true')).json()).toEqual({ query: 'an', limit: 50, type: 'text', full: true });
  });

  it('lets the session and cache-buster parameters through', async () => {
    expect((await get('?_h=abc&t=123')).status).toBe(200);
  });

  it('refuses unknown, repeated and malformed parameters, naming them', async () => {
    await expectBadRequest(await get('?sort=date'), 'sort', /Unknown query parameter "sort"/);
    await expectBadRequest(await get('?limit=1&limit=2'), 'limit', /more than once/);
    await expectBadRequest(await get('?limit=ten'), 'limit', /whole number, not "ten"/);
    await expectBadRequest(await get('?limit=0'), 'limit', /at least 1/);
    await expectBadRequest(await get('?limit=51'), 'limit', /at most 50/);
    await expectBadRequest(await get('?type=pdf'), 'type', /one of "html", "text"/);
    await expectBadRequest(await get('?full=maybe'), 'full', /true or false/);
  });

  it('requires parameters declared without a default', async () => {
    const app = new Hono();
    app.onError(respondWithError);
    app.get('/q', (c) => c.json(parseQuery(c, { folderId: query.string({ nonEmpty: true }) })));
    await expectBadRequest(await app.request('/q'), 'folderId', /"folderId" is required/);
    await expectBadRequest(await app.request('/q?folderId='), 'folderId', /must not be empty/);
    expect(await (await app.request('/q?folderId=1_2')).json()).toEqual({ folderId: '1_2' });
  });
});
