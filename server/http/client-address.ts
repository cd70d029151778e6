import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

/**
 * The caller's network address, for per-client login throttling. Forwarded-for headers are not
 * trusted (any client can write them); behind the dev proxy every browser is 127.0.0.1, which
 * only makes the per-client limit shared. Requests made with `app.request()` have no socket.
 */
export function clientAddressOf(c: Context): string {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}
