import type { Account } from '../accounts/accounts';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db/database';
import { seedDemoInbox } from './seed-mail';

/** What a demo seed step gets: the server's parts and the three demo accounts, already created. */
export interface DemoSeedContext {
  db: Db;
  clock: Clock;
  config: ServerConfig;
  demo: Account;
  ana: Account;
  bogdan: Account;
}

/** One extra piece of demo data, run once on first start after the accounts, contacts and signatures exist. */
export type DemoSeedStep = (context: DemoSeedContext) => void | Promise<void>;

/**
 * Extension point: further demo data (e.g. the Inbox messages, added by the mail side) goes in
 * this list, in order. Steps run once per data folder, on the first start with SEED=demo.
 */
export const demoSeedSteps: readonly DemoSeedStep[] = [seedDemoInbox];
