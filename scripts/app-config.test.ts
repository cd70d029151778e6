import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { appConfigFor, appConfigMiddleware } from './app-config';

describe('appConfigFor', () => {
  it('passes the embedded server’s upload limit through exactly', () => {
    expect(appConfigFor({ embeddedLimitBytes: 25 * 1024 * 1024, env: { UPLOAD_LIMIT_MB: '99' } })).toEqual({ maxUploadBytes: 25 * 1024 * 1024 });
    expect(appConfigFor({ embeddedLimitBytes: 1.3 * 1024 * 1024, env: {} })).toEqual({ maxUploadBytes: 1363148 });
    expect(appConfigFor({ embeddedLimitBytes: 0, env: {} })).toEqual({});
  });

  it('with another server, states UPLOAD_LIMIT_MB when set, and nothing otherwise', () => {
    expect(appConfigFor({ env: { UPLOAD_LIMIT_MB: '10' } })).toEqual({ maxUploadBytes: 10 * 1024 * 1024 });
    expect(appConfigFor({ env: { UPLOAD_LIMIT_MB: '0.5' } })).toEqual({ maxUploadBytes: 512 * 1024 });
    expect(appConfigFor({ env: {} })).toEqual({});
    expect(appConfigFor({ env: { UPLOAD_LIMIT_MB: '' } })).toEqual({});
    expect(() => appConfigFor({ env: { UPLOAD_LIMIT_MB: 'ten' } })).toThrow('UPLOAD_LIMIT_MB must be a number of megabytes above zero, got "ten"');
  });
});

describe('appConfigMiddleware', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function start(): Promise<string> {
    const middleware = appConfigMiddleware({ maxUploadBytes: 1024 });
    server = http.createServer((req, res) =>
      middleware(req, res, () => {
        res.writeHead(404);
        res.end('next');
      }),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  it('answers /app-config.json as uncached JSON and leaves every other path to the next handler', async () => {
    const origin = await start();
    const answer = await fetch(`${origin}/app-config.json?t=1`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.json()).toEqual({ maxUploadBytes: 1024 });
    expect((await fetch(`${origin}/index.html`)).status).toBe(404);
    expect((await fetch(`${origin}/app-config.json`, { method: 'POST' })).status).toBe(404);
  });
});
