import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import type { AppConfig } from '../src/app-config';

/**
 * `app-config.json` for the standalone app served by `serve.ts` (see src/app-config.ts).
 *
 * With the embedded Mailbox API server, its per-file upload limit (`UPLOAD_LIMIT_MB`) is known
 * exactly and passed through. With another server (`MAILBOX_API_URL`, e.g. a real Axigen) nothing
 * can ask it, so `UPLOAD_LIMIT_MB` — when set — states that server's limit; unset, the app uses its
 * default and learns from the server's 413 answers.
 */
export function appConfigFor({ embeddedLimitBytes, env }: { embeddedLimitBytes?: number; env: NodeJS.ProcessEnv }): AppConfig {
  if (embeddedLimitBytes !== undefined) {
    // UPLOAD_LIMIT_MB may be fractional: the server accepts the whole bytes below it.
    const bytes = Math.floor(embeddedLimitBytes);
    return Number.isSafeInteger(bytes) && bytes > 0 ? { maxUploadBytes: bytes } : {};
  }
  const raw = env.UPLOAD_LIMIT_MB;
  if (raw === undefined || raw.trim() === '') return {};
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`UPLOAD_LIMIT_MB must be a number of megabytes above zero, got "${raw}"`);
  return { maxUploadBytes: Math.floor(mb * 1024 * 1024) };
}

/** Answers `GET /app-config.json` (before Vite's own files and its index.html fallback). */
export function appConfigMiddleware(config: AppConfig) {
  const body = JSON.stringify(config);
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/app-config.json' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/** The Vite plugin serving it in dev and preview alike. */
export function appConfigPlugin(config: AppConfig): Plugin {
  return {
    name: 'mailbox-compose-app-config',
    configureServer(server) {
      server.middlewares.use(appConfigMiddleware(config));
    },
    configurePreviewServer(server) {
      server.middlewares.use(appConfigMiddleware(config));
    },
  };
}
