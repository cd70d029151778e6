import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from './database';
import { migrations } from './migrations';

describe('the database', () => {
  it('is migrated to the newest version on open', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
  });

  it('runs each migration once, in order, and skips those already applied', () => {
    const db = openDatabase(':memory:');
    const before = schemaVersion(db);
    migrate(db, [
      { version: before + 2, name: 'second', up: 'ALTER TABLE t ADD COLUMN b TEXT;' },
      { version: before + 1, name: 'first', up: 'CREATE TABLE t (a TEXT);' },
    ]);
    expect(schemaVersion(db)).toBe(before + 2);
    migrate(db, [{ version: before + 1, name: 'first', up: 'CREATE TABLE t (a TEXT);' }]);
    expect(db.prepare('SELECT * FROM t').all()).toEqual([]);
  });

  it('leaves the version alone when a migration fails', () => {
    const db = openDatabase(':memory:');
    const before = schemaVersion(db);
    expect(() => migrate(db, [{ version: before + 1, name: 'broken', up: 'CREATE TABLE x (; ' }])).toThrow();
    expect(schemaVersion(db)).toBe(before);
  });
});
