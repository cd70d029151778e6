import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * The example host's own web server, for the embed specs: a portal that is not our app, on an
 * origin of its own. It serves the pages in this folder, the library build under /dist-lib/, and
 * passes /api and /__test through to the app's server (a portal usually reaches the Mailbox API
 * through its own reverse proxy, so the embedded window talks to its page's origin).
 *
 * It listens on every local address, so `http://localhost:PORT` and `http://127.0.0.1:PORT` are
 * two origins of one server (what the wrong-origin iframe test needs).
 */
export interface HostServer {
  port: number;
  /** `http://localhost:PORT` */
  origin: string;
  /** `http://127.0.0.1:PORT`: another origin, same server. */
  otherOrigin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export async function startHostServer({ libDir, apiOrigin }: { libDir: string; apiOrigin: string }): Promise<HostServer> {
  const pagesDir = path.dirname(new URL(import.meta.url).pathname);
  const api = new URL(apiOrigin);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (url.pathname.startsWith('/api/') || url.pathname === '/api' || url.pathname.startsWith('/__test/')) {
      const upstream = http.request(
        { host: api.hostname, port: api.port, method: req.method, path: req.url, headers: { ...req.headers, host: api.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
      return;
    }
    const [base, relative] = url.pathname.startsWith('/dist-lib/') ? [libDir, url.pathname.slice('/dist-lib/'.length)] : [pagesDir, url.pathname.slice(1)];
    const file = path.resolve(base, decodeURIComponent(relative));
    if (!file.startsWith(path.resolve(base) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile() || file.endsWith('.ts')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });

  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://localhost:${port}`,
    otherOrigin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
