import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app';
import { AdjustableClock, systemClock, type Clock } from './clock';
import { configFromEnv, type ServerConfig } from './config';
import { openDatabase } from './db/database';
import { purgeExpiredSessions } from './http/session';
import { createQueueWorker, type QueueWorker } from './queue/worker';
import { seedDemoData } from './seed/seed-demo';

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:3001 */
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, stops background work, closes the database. */
  close(): Promise<void>;
  /** The processing-queue worker (running); tests call `runDueWork()` after moving the clock. */
  queue: QueueWorker;
}

/** Starts the Mailbox API server: database, background work, HTTP listener. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const db = openDatabase(path.join(config.dataDir, 'mailbox.sqlite'));
  const clock: Clock = config.testControl ? new AdjustableClock(systemClock) : systemClock;
  if (config.seedDemo) await seedDemoData(db, clock, config);
  const app = buildApp({ db, clock, config });
  // Expired sessions are refused when used; this sweep also removes those nobody comes back to.
  const sessionSweep = setInterval(() => purgeExpiredSessions(db, clock, config), 5 * 60_000);
  sessionSweep.unref();
  // Delivers queued mail when its undo window ends or its scheduled time comes; picks up where a previous run stopped.
  const queue = createQueueWorker({ db, clock, config });
  queue.start();

  let httpServer: ReturnType<typeof serve>;
  try {
    httpServer = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
        server.off('error', reject);
        resolve(server);
      });
      // A port in use (or not allowed) would otherwise be an unhandled 'error' event and a hung start.
      server.once('error', reject);
    });
  } catch (err) {
    clearInterval(sessionSweep);
    await queue.stop();
    db.close();
    throw err;
  }
  const { port } = httpServer.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve, reject) => {
      clearInterval(sessionSweep);
      httpServer.close((err) => {
        void queue.stop().finally(() => {
          db.close();
          if (err) reject(err);
          else resolve();
        });
      });
      // Idle keep-alive sockets would hold close() open forever; in-flight requests still finish.
      if ('closeIdleConnections' in httpServer) httpServer.closeIdleConnections();
    }));

  return { url: `http://${config.host}:${port}`, port, close, queue };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (isMain) {
  const config = configFromEnv();
  const server = await startServer(config);
  console.log(`Mailbox API server listening on ${server.url} (data in ${config.dataDir})`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
