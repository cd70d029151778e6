import type { Signature, SignatureType } from '../../src/api/contract';
import type { Db } from '../db/database';

/** Signatures of an account. Ids are `<ownerId>_<signatureId>` strings, like folder ids. */

interface SignatureRow {
  id: number;
  account_id: number;
  name: string;
  type: SignatureType;
  body: string;
}

const formatSignatureId = (accountId: number, rowId: number) => `${accountId}_${rowId}`;

const toSignature = (row: SignatureRow): Signature => ({
  id: formatSignatureId(row.account_id, row.id),
  name: row.name,
  type: row.type,
  body: row.body,
});

export function addSignature(db: Db, accountId: number, signature: { name: string; type: SignatureType; body: string }): string {
  const position = (db.prepare('SELECT COUNT(*) AS n FROM signatures WHERE account_id = ?').get(accountId) as { n: number }).n;
  const { lastInsertRowid } = db
    .prepare('INSERT INTO signatures (account_id, name, type, body, position) VALUES (?, ?, ?, ?, ?)')
    .run(accountId, signature.name, signature.type, signature.body, position);
  return formatSignatureId(accountId, Number(lastInsertRowid));
}

/** All signatures in the order they were added (with bodies; the list endpoint drops them). */
export function listSignatures(db: Db, accountId: number): Signature[] {
  return (db.prepare('SELECT * FROM signatures WHERE account_id = ? ORDER BY position, id').all(accountId) as SignatureRow[]).map(toSignature);
}

/** The signature with this public id if it belongs to `accountId`. */
export function findSignature(db: Db, accountId: number, publicId: string): Signature | undefined {
  const match = /^([1-9]\d{0,15})_([1-9]\d{0,15})$/.exec(publicId);
  if (!match || Number(match[1]) !== accountId) return undefined;
  const row = db.prepare('SELECT * FROM signatures WHERE id = ? AND account_id = ?').get(Number(match[2]), accountId) as SignatureRow | undefined;
  return row && toSignature(row);
}
