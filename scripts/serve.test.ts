import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `npm start` and `npm run preview` must talk to whatever Mailbox API server MAILBOX_API_URL names
 * (a real Axigen, or any compatible one) and start no embedded server. The "other server" here is a
 * tiny HTTP server with a version no embedded server would answer.
 */

const children: ChildProcess[] = [];
const servers: http.Server[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function otherMailboxServer(): Promise<string> {
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/api/') res.end(JSON.stringify({ apiVersion: '9.9.9', serverVersion: 'Some other Axigen 10.6' }));
    else res.writeHead(404).end('{}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `serve.ts` and resolves with everything it printed once it says where it runs. */
function serve(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/serve.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Mailbox API:')) resolve(output);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve.ts exited with ${code}:\n${output}`)));
  });
}

describe('MAILBOX_API_URL', () => {
  it('makes the dev server proxy /api to that server, with no embedded server', async () => {
    const other = await otherMailboxServer();
    const port = await freePort();
    const output = await serve(['dev', '--port', String(port)], { MAILBOX_API_URL: other, UPLOAD_LIMIT_MB: '' });
    expect(output).toContain(`Mailbox API: ${other} (MAILBOX_API_URL)`);
    expect(output).not.toContain('embedded');
    const version = (await (await fetch(`http://127.0.0.1:${port}/api/`)).json()) as { serverVersion: string };
    expect(version.serverVersion).toBe('Some other Axigen 10.6');
    // Nothing can ask that server its upload limit, and none was configured: the app uses its default.
    expect(await (await fetch(`http://127.0.0.1:${port}/app-config.json`)).json()).toEqual({});
  }, 60_000);

  it('makes the preview server proxy /api to that server too', async () => {
    const other = await otherMailboxServer();
    const port = await freePort();
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'mailbox-compose-dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>built app</title>');
    const output = await serve(['preview', '--port', String(port), '--dist', dist], { MAILBOX_API_URL: `${other}/`, UPLOAD_LIMIT_MB: '10' });
    expect(output).toContain(`Mailbox API: ${other} (MAILBOX_API_URL)`);
    const version = (await (await fetch(`http://127.0.0.1:${port}/api/`)).json()) as { serverVersion: string };
    expect(version.serverVersion).toBe('Some other Axigen 10.6');
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('built app');
    // UPLOAD_LIMIT_MB states the other server's limit to the app.
    expect(await (await fetch(`http://127.0.0.1:${port}/app-config.json`)).json()).toEqual({ maxUploadBytes: 10 * 1024 * 1024 });
    fs.rmSync(dist, { recursive: true, force: true });
  }, 60_000);
});

describe('the embedded server', () => {
  it('hands its upload limit to the app through /app-config.json', async () => {
    const port = await freePort();
    const output = await serve(['dev', '--port', String(port), '--fresh-data'], { MAILBOX_API_URL: '', UPLOAD_LIMIT_MB: '3' });
    expect(output).toContain('Mailbox API server (embedded)');
    expect(await (await fetch(`http://127.0.0.1:${port}/app-config.json`)).json()).toEqual({ maxUploadBytes: 3 * 1024 * 1024 });
  }, 60_000);
});
