import { Hono } from 'hono';
import type { AliasList, FolderInstance, TestClock } from '../../src/api/contract';
import { createAccount, listAccountAddresses } from '../accounts/accounts';
import { listFolderRows, toFolderInstance } from '../accounts/folders';
import { AdjustableClock } from '../clock';
import type { AppDeps, AppEnv } from '../http/env';
import { badRequest } from '../http/errors';
import { arrayOf, expectNoBody, integer, object, optional, parseQuery, readBody, string } from '../http/validate';
import { seedDemoData, SEEDED_META_KEY } from '../seed/seed-demo';

/**
 * The test control API (mounted at TEST_CONTROL_PREFIX only when config.testControl is on):
 * accounts for tests, the server clock, and resets. Not part of Axigen's API; no session needed.
 */

/** `POST /__test/accounts` answer. */
export interface TestAccountResponse {
  account: { id: number; email: string; fullName: string };
  folders: FolderInstance[];
  aliases: AliasList['items'];
}

const createAccountSchema = object({
  email: string({ nonEmpty: true }),
  password: string({ nonEmpty: true }),
  fullName: optional(string({ maxLength: 200 })),
  aliases: optional(arrayOf(string({ nonEmpty: true }), { maxItems: 20 })),
});

// Clock values are unix milliseconds; the bounds keep them inside what Date can represent sensibly.
const clockSchema = object({
  now: optional(integer({ min: 0, max: 8_640_000_000_000 })),
  advanceMs: optional(integer({ min: 0, max: 10 * 365 * 86_400_000 })),
});

export function testControlRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db, clock, config } = deps;
  const routes = new Hono<AppEnv>();

  const adjustable = (): AdjustableClock => {
    if (!(clock instanceof AdjustableClock)) throw badRequest('The server clock is not adjustable (start the server with TEST_CONTROL=1).');
    return clock;
  };

  routes.post('/accounts', async (c) => {
    parseQuery(c, {});
    const body = await readBody(c, createAccountSchema);
    const account = await createAccount(deps, body);
    const owner = { email: account.email, fullName: account.fullName };
    return c.json<TestAccountResponse>({
      account: { id: account.id, email: account.email, fullName: account.fullName },
      folders: listFolderRows(db, account.id).map((row) => toFolderInstance(row, owner)),
      aliases: listAccountAddresses(db, account.id),
    });
  });

  routes.get('/clock', (c) => {
    parseQuery(c, {});
    return c.json<TestClock>({ now: clock.now() });
  });

  routes.post('/clock', async (c) => {
    parseQuery(c, {});
    const body = await readBody(c, clockSchema);
    if ((body.now === undefined) === (body.advanceMs === undefined)) {
      throw badRequest('Send exactly one of "now" (unix milliseconds) and "advanceMs".', body.now === undefined ? 'now' : 'advanceMs');
    }
    const target = adjustable();
    if (body.now !== undefined) target.set(body.now);
    else target.advance(body.advanceMs!);
    return c.json<TestClock>({ now: clock.now() });
  });

  // Forgets failed sign-ins, so a throttling test does not lock out the tests after it.
  routes.post('/login-throttle/reset', async (c) => {
    parseQuery(c, {});
    await expectNoBody(c);
    db.prepare('DELETE FROM login_failures').run();
    return c.body(null, 200);
  });

  // Removes every account and everything that hangs off one (folders, mail, sessions, queue),
  // then seeds the demo data again when the server seeds it. The clock is left where it is.
  routes.post('/reset', async (c) => {
    parseQuery(c, {});
    await expectNoBody(c);
    db.transaction(() => {
      db.prepare('DELETE FROM accounts').run();
      db.prepare('DELETE FROM login_failures').run();
      db.prepare('DELETE FROM meta WHERE key = ?').run(SEEDED_META_KEY);
    })();
    if (config.seedDemo) await seedDemoData(db, clock, config);
    return c.body(null, 200);
  });

  return routes;
}
