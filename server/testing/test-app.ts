import { buildApp } from '../app';
import { AdjustableClock, type Clock } from '../clock';
import { configFromEnv, type ServerConfig } from '../config';
import { openDatabase } from '../db/database';

/**
 * A fresh app on an in-memory database with an adjustable clock, for request-level tests
 * (`app.request(...)`; no port is opened).
 */
export function createTestApp(overrides: Partial<ServerConfig> = {}) {
  const clock = new AdjustableClock({ now: () => Date.UTC(2026, 10, 24, 12, 0, 0) });
  const config: ServerConfig = { ...configFromEnv({}), dataDir: ':memory:', testControl: true, ...overrides };
  const db = openDatabase(':memory:');
  const app = buildApp({ db, clock: clock as Clock, config });
  return { app, db, clock, config };
}
