import { addAlias, createAccount, findAccountByEmail, type Account } from '../accounts/accounts';
import { addContact, type NewContact } from '../accounts/contacts';
import { patchSettings } from '../accounts/settings';
import { addSignature, listSignatures } from '../accounts/signatures';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db/database';
import { DEMO_ACCOUNT, DEMO_COLLEAGUES } from './demo-accounts';
import { demoSeedSteps, type DemoSeedStep } from './seed-steps';

/** meta key recording that the demo data was seeded (its value: when, ISO 8601). */
export const SEEDED_META_KEY = 'seeded';

export const DEMO_ALIAS = 'demo.user@example.test';

/** The demo user's address book: colleagues on this server and people elsewhere (all on .test domains). */
const DEMO_ADDRESS_BOOK: NewContact[] = [
  { firstName: 'Ana', lastName: 'Popescu', email: 'ana@example.test' },
  { firstName: 'Bogdan', lastName: 'Ionescu', email: 'bogdan@example.test' },
  { firstName: 'Carmen', lastName: 'Dumitru', email: 'carmen.dumitru@northwind.test' },
  { firstName: 'David', lastName: 'Miller', nickName: 'Dave', email: 'david.miller@contoso.test' },
  { firstName: 'Elena', lastName: 'Georgescu', email: 'elena@georgescu-design.test' },
  { firstName: 'Florin', lastName: 'Stan', email: 'florin.stan@acme-logistics.test' },
  { firstName: 'Hannah', lastName: 'Weber', email: 'h.weber@weber-partner.test' },
  { firstName: 'Ioana', lastName: 'Radu', email: 'ioana.radu@university.test' },
  { firstName: 'James', lastName: "O'Connor", email: 'james.oconnor@fabrikam.test' },
  { displayName: 'Support Desk', email: 'support@vendor.test' },
];

const DEMO_SIGNATURES = [
  {
    name: 'Work',
    type: 'html' as const,
    body:
      '<p>Best regards,<br><strong>Demo User</strong><br>Product Team · Example Test Ltd.<br>' +
      '<a href="tel:+40210000000">+40 21 000 0000</a> · <a href="mailto:demo@example.test">demo@example.test</a></p>',
  },
  { name: 'Short', type: 'text' as const, body: '-- \nDemo' },
];

export function isSeeded(db: Db): boolean {
  return db.prepare('SELECT 1 FROM meta WHERE key = ?').get(SEEDED_META_KEY) !== undefined;
}

async function findOrCreate(deps: { db: Db; clock: Clock; config: ServerConfig }, account: { email: string; password: string; fullName: string }): Promise<{ account: Account; created: boolean }> {
  const existing = findAccountByEmail(deps.db, account.email);
  if (existing) return { account: existing, created: false };
  return { account: await createAccount(deps, account), created: true };
}

/**
 * Seeds the demo accounts (demo@, ana@, bogdan@example.test, password "demo" — demo only), the
 * demo user's alias, address book, signatures and settings, then every step of `steps` (by
 * default `demoSeedSteps`). Runs once per database: it records itself in `meta`; a run cut short
 * is completed by the next start without duplicating what exists.
 */
export async function seedDemoData(db: Db, clock: Clock, config: ServerConfig, steps: readonly DemoSeedStep[] = demoSeedSteps): Promise<boolean> {
  if (isSeeded(db)) return false;
  if (!config.localDomains.includes('example.test')) {
    throw new Error('SEED=demo needs example.test among LOCAL_DOMAINS (the demo accounts live there).');
  }
  const deps = { db, clock, config };
  const demo = await findOrCreate(deps, DEMO_ACCOUNT);
  const [ana, bogdan] = [await findOrCreate(deps, DEMO_COLLEAGUES[0]), await findOrCreate(deps, DEMO_COLLEAGUES[1])];

  db.transaction(() => {
    if (demo.created) {
      addAlias(db, config, demo.account.id, DEMO_ALIAS);
      for (const contact of DEMO_ADDRESS_BOOK) addContact(db, demo.account.id, contact);
      patchSettings(db, demo.account.id, { timezone: 'Europe/Bucharest', language: 'en', dateFormat: 'DD.MM.YYYY', timeFormat: 'hh:mm', weekStartDay: 1 });
    }
    if (listSignatures(db, demo.account.id).length === 0) {
      for (const signature of DEMO_SIGNATURES) addSignature(db, demo.account.id, signature);
    }
    const colleagues: [typeof ana, Account[]][] = [
      [ana, [demo.account, bogdan.account]],
      [bogdan, [demo.account, ana.account]],
    ];
    for (const [colleague, others] of colleagues) {
      if (!colleague.created) continue;
      for (const other of others) {
        const [firstName = '', ...rest] = other.fullName.split(' ');
        addContact(db, colleague.account.id, { firstName, lastName: rest.join(' '), email: other.email });
      }
    }
  })();

  const context = { db, clock, config, demo: demo.account, ana: ana.account, bogdan: bogdan.account };
  for (const step of steps) await step(context);
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(SEEDED_META_KEY, new Date(clock.now()).toISOString());
  return true;
}
