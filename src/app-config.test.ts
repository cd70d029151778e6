import { afterEach, describe, expect, it, vi } from 'vitest';
import { uploadLimitFor } from './compose/model/upload-limit';
import { createTestClient, http, HttpResponse, startMswServer, TEST_ORIGIN } from './testing/msw';
import { applyAppConfig, loadAppConfig, parseAppConfig } from './app-config';

const server = startMswServer();
const CONFIG_URL = `${TEST_ORIGIN}/app-config.json`;
/** The page's own fetch resolves `app-config.json` against the page; here against the test origin. */
const pageFetch: typeof fetch = (input, init) => fetch(new URL(String(input), `${TEST_ORIGIN}/`), init);

afterEach(() => vi.restoreAllMocks());

describe('loadAppConfig', () => {
  it('reads the upload limit the deployment configured', async () => {
    server.use(http.get(CONFIG_URL, () => HttpResponse.json({ maxUploadBytes: 10 * 1024 * 1024 })));
    expect(await loadAppConfig(pageFetch)).toEqual({ maxUploadBytes: 10 * 1024 * 1024 });
  });

  it('starts with the defaults when there is no file, the server answers its index page instead, or the JSON is broken', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    server.use(http.get(CONFIG_URL, () => new HttpResponse('not found', { status: 404 })));
    expect(await loadAppConfig(pageFetch)).toEqual({});
    server.use(http.get(CONFIG_URL, () => HttpResponse.html('<!doctype html><div id="root"></div>')));
    expect(await loadAppConfig(pageFetch)).toEqual({});
    server.use(http.get(CONFIG_URL, () => new HttpResponse('{ "maxUploadBytes": ', { headers: { 'Content-Type': 'application/json' } })));
    expect(await loadAppConfig(pageFetch)).toEqual({});
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not valid JSON'));
    server.use(http.get(CONFIG_URL, () => HttpResponse.error()));
    expect(await loadAppConfig(pageFetch)).toEqual({});
  });
});

describe('parseAppConfig', () => {
  it('keeps a valid limit and reports a wrong one without failing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(parseAppConfig({ maxUploadBytes: 1024 })).toEqual({ maxUploadBytes: 1024 });
    expect(parseAppConfig({})).toEqual({});
    expect(parseAppConfig(null)).toEqual({});
    expect(parseAppConfig([1])).toEqual({});
    for (const bad of [0, -1, 2.5, '25MB']) expect(parseAppConfig({ maxUploadBytes: bad })).toEqual({});
    expect(warn).toHaveBeenCalledTimes(4);
    expect(warn.mock.calls[3]![0]).toContain('maxUploadBytes must be a whole number of bytes above zero; got "25MB"');
  });
});

describe('applyAppConfig', () => {
  it('sets the upload limit every compose window of the app shares', async () => {
    server.use(http.get(CONFIG_URL, () => HttpResponse.json({ maxUploadBytes: 2048 })));
    const api = createTestClient();
    await applyAppConfig(api, pageFetch);
    expect(uploadLimitFor(api)).toMatchObject({ bytes: 2048, source: 'configured' });
  });
});
