import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db/database';

/** What every route module is built with: no globals, so tests build as many apps as they like. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  config: ServerConfig;
}

/** The authenticated caller, set by the session middleware on every /api/v1 route that needs one. */
export interface SessionInfo {
  sessionId: string;
  accountId: number;
  /** The account's main address, lower case (user@domain). */
  email: string;
}

/** Hono environment shared by all routes. */
export interface AppEnv {
  Variables: {
    session: SessionInfo;
  };
}
