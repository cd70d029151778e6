import { describe, expect, it, vi } from 'vitest';
import { findAccountByAddress, findAccountByEmail, listAccountAddresses } from '../accounts/accounts';
import { autocompleteContacts } from '../accounts/contacts';
import { getSettings } from '../accounts/settings';
import { listSignatures } from '../accounts/signatures';
import { AdjustableClock } from '../clock';
import { configFromEnv } from '../config';
import { openDatabase } from '../db/database';
import { buildApp } from '../app';
import { headerLogin } from '../testing/sign-in';
import { DEMO_ALIAS, isSeeded, seedDemoData } from './seed-demo';

function setup() {
  const db = openDatabase(':memory:');
  const clock = new AdjustableClock({ now: () => Date.UTC(2026, 10, 24, 12) });
  const config = { ...configFromEnv({}), dataDir: ':memory:', seedDemo: true };
  return { db, clock, config };
}

describe('the demo seed', () => {
  it('creates the demo user and colleagues (password "demo"), alias, address book, signatures and settings', async () => {
    const { db, clock, config } = setup();
    expect(await seedDemoData(db, clock, config, [])).toBe(true);
    const demo = findAccountByEmail(db, 'demo@example.test')!;
    expect(demo.fullName).toBe('Demo User');
    expect(findAccountByEmail(db, 'ana@example.test')?.fullName).toBe('Ana Popescu');
    expect(findAccountByEmail(db, 'bogdan@example.test')?.fullName).toBe('Bogdan Ionescu');
    expect(findAccountByAddress(db, DEMO_ALIAS)?.id).toBe(demo.id);
    expect(listAccountAddresses(db, demo.id).map((a) => a.emailAddress)).toEqual(['demo@example.test', DEMO_ALIAS]);
    expect(autocompleteContacts(db, demo.id, '', 50).totalItems).toBe(10);
    expect(listSignatures(db, demo.id).map((s) => [s.name, s.type])).toEqual([
      ['Work', 'html'],
      ['Short', 'text'],
    ]);
    expect(getSettings(db, demo.id)).toMatchObject({ timezone: 'Europe/Bucharest', language: 'en', dateFormat: 'DD.MM.YYYY', timeFormat: 'hh:mm', weekStartDay: 1 });
    const ana = findAccountByEmail(db, 'ana@example.test')!;
    expect(autocompleteContacts(db, ana.id, '', 50).items.map((c) => c.email)).toEqual(expect.arrayContaining(['demo@example.test', 'bogdan@example.test']));

    const app = buildApp({ db, clock, config });
    for (const email of ['demo@example.test', 'ana@example.test', 'bogdan@example.test']) await headerLogin(app, email, 'demo');
  });

  it('runs once: a second start changes nothing and runs no step again', async () => {
    const { db, clock, config } = setup();
    const step = vi.fn();
    await seedDemoData(db, clock, config, [step]);
    expect(isSeeded(db)).toBe(true);
    expect(await seedDemoData(db, clock, config, [step])).toBe(false);
    expect(step).toHaveBeenCalledTimes(1);
    const demo = findAccountByEmail(db, 'demo@example.test')!;
    expect(listSignatures(db, demo.id)).toHaveLength(2);
  });

  it('hands the extra steps the three accounts, in order', async () => {
    const { db, clock, config } = setup();
    const seen: string[] = [];
    await seedDemoData(db, clock, config, [
      ({ demo, ana, bogdan }) => void seen.push(`1:${demo.email},${ana.email},${bogdan.email}`),
      async () => void seen.push('2'),
    ]);
    expect(seen).toEqual(['1:demo@example.test,ana@example.test,bogdan@example.test', '2']);
  });

  it('finishes a seed cut short by a failing step on the next start, without duplicates', async () => {
    const { db, clock, config } = setup();
    await expect(
      seedDemoData(db, clock, config, [
        () => {
          throw new Error('disk full');
        },
      ]),
    ).rejects.toThrow('disk full');
    expect(isSeeded(db)).toBe(false);
    expect(await seedDemoData(db, clock, config, [])).toBe(true);
    const demo = findAccountByEmail(db, 'demo@example.test')!;
    expect(listSignatures(db, demo.id)).toHaveLength(2);
    expect(autocompleteContacts(db, demo.id, '', 50).totalItems).toBe(10);
  });

  it('explains when the demo domain is not local', async () => {
    const { db, clock, config } = setup();
    await expect(seedDemoData(db, clock, { ...config, localDomains: ['corp.test'] }, [])).rejects.toThrow(/example\.test/);
  });
});
