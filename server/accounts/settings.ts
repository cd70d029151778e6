import type { AccountSettings } from '../../src/api/contract';
import type { Db } from '../db/database';
import { badRequest } from '../http/errors';
import { boolean, integer, object, oneOf, optional, refine, string } from '../http/validate';

/**
 * Account settings as Axigen documents them (GET returns all of them; PATCH takes any subset),
 * plus `saveToSent`, which Axigen's send pages refer to but do not expose: it is this server's
 * extension (default true), read by the send path.
 */
export const LANGUAGES = [
  'ar', 'bg', 'ca', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fa', 'fi', 'fr', 'he', 'hi', 'hr', 'hu', 'id', 'is', 'it',
  'ja', 'ko', 'lt', 'lv', 'mk', 'nl', 'no', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'th', 'tr', 'tk', 'uk', 'vi',
  'zh-cn', 'zh-tw',
] as const;

/** The documented time formats ("hh:mm" is the 24-hour clock with leading zeros). */
export const TIME_FORMATS = [
  'h:mm A.M.', 'hh:mm AM', 'hh:mm A.M.', 'h.mm AM', 'h.mm A.M.', 'hh.mm AM', 'hh.mm A.M.',
  'h:mm', 'hh:mm', 'h.mm', 'hh.mm', 'h"h" mm"min"', 'hh"h" mm"min"',
] as const;

export const ARCHIVING_POLICIES = ['none', 'folderPerYear', 'folderPerMonth', 'subfolderPerMonth'] as const;
export const THEMES = ['ocean', 'breeze', 'neutral'] as const;
export const CALENDAR_TYPES = ['gregorian', 'persian'] as const;
export const READ_RECEIPT_POLICIES = ['ask', 'always', 'never'] as const;

/** Every setting this server keeps: the contract's AccountSettings plus the rest of Axigen's list. */
export interface FullAccountSettings extends AccountSettings {
  archivingPolicy: (typeof ARCHIVING_POLICIES)[number];
  conversationView: boolean;
  theme: (typeof THEMES)[number];
  purgeTrashOnLogout: boolean;
  purgeSpamOnLogout: boolean;
  bodyHtmlFilteringLevel: number;
  workingDays: number;
  startWorkingTime: string;
  endWorkingTime: string;
  calendarType: (typeof CALENDAR_TYPES)[number];
  /** Extension: keep a copy of sent mail in Sent. */
  saveToSent: boolean;
}

export const DEFAULT_SETTINGS: FullAccountSettings = {
  archivingPolicy: 'none',
  conversationView: false,
  theme: 'ocean',
  deleteToTrash: true,
  confirmMailDelete: true,
  autoAddRecipients: true,
  purgeTrashOnLogout: false,
  purgeSpamOnLogout: false,
  bodyHtmlFilteringLevel: 1,
  language: 'en',
  timezone: 'UTC',
  dateFormat: 'MM/DD/YYYY',
  timeFormat: 'hh:mm AM',
  weekStartDay: 0,
  workingDays: 62,
  startWorkingTime: '09:00:00',
  endWorkingTime: '17:00:00',
  calendarType: 'gregorian',
  receipts: { sendReadReceipts: 'ask', requestReadReceipts: false, requestDeliveryReceipts: false },
  saveToSent: true,
};

/** True for IANA zone names the runtime knows ("Europe/Bucharest", "UTC"); offsets and abbreviations like "+02:00" are not zone names. */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const DATE_TOKENS: Record<string, 'day' | 'month' | 'year' | 'weekday'> = {
  D: 'day', DD: 'day', M: 'month', MM: 'month', MMM: 'month', MMMM: 'month', YY: 'year', YYYY: 'year', ddd: 'weekday', dddd: 'weekday',
};

/**
 * Axigen lists about 70 date patterns without publishing the list; this accepts any pattern built
 * from its tokens (D, DD, M, MM, MMM, MMMM, YY, YYYY, ddd, dddd) and separators that has exactly
 * one day, one month and one year.
 */
export function isDatePattern(pattern: string): boolean {
  if (pattern.length > 32) return false;
  const parts = pattern.match(/D+|M+|Y+|d+|[^DMYd]+/g) ?? [];
  const seen = { day: 0, month: 0, year: 0, weekday: 0 };
  for (const part of parts) {
    if (/^[DMYd]/.test(part)) {
      const kind = DATE_TOKENS[part];
      if (!kind) return false;
      seen[kind] += 1;
    } else if (!/^[ ./,-]+$/.test(part)) {
      return false;
    }
  }
  return seen.day === 1 && seen.month === 1 && seen.year === 1 && seen.weekday <= 1;
}

const clockTime = string({ pattern: /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, patternMeaning: 'a time written hh:mm:ss, e.g. "09:00:00"' });

export const settingsPatchSchema = object({
  archivingPolicy: optional(oneOf(ARCHIVING_POLICIES)),
  conversationView: optional(boolean()),
  theme: optional(oneOf(THEMES)),
  deleteToTrash: optional(boolean()),
  confirmMailDelete: optional(boolean()),
  autoAddRecipients: optional(boolean()),
  purgeTrashOnLogout: optional(boolean()),
  purgeSpamOnLogout: optional(boolean()),
  bodyHtmlFilteringLevel: optional(integer({ min: 0, max: 3 })),
  language: optional(oneOf(LANGUAGES)),
  timezone: optional(refine(string(), (v) => (isIanaTimeZone(v) ? undefined : `must be an IANA time zone name such as "Europe/Bucharest", not "${v}"`))),
  dateFormat: optional(
    refine(string(), (v) => (isDatePattern(v) ? undefined : `must be a date pattern with a day, a month and a year, such as "DD.MM.YYYY", not "${v}"`)),
  ),
  timeFormat: optional(oneOf(TIME_FORMATS)),
  weekStartDay: optional(integer({ min: 0, max: 6 })),
  workingDays: optional(integer({ min: 1, max: 127 })),
  startWorkingTime: optional(clockTime),
  endWorkingTime: optional(clockTime),
  calendarType: optional(oneOf(CALENDAR_TYPES)),
  receipts: optional(
    object({
      sendReadReceipts: optional(oneOf(READ_RECEIPT_POLICIES)),
      requestReadReceipts: optional(boolean()),
      requestDeliveryReceipts: optional(boolean()),
    }),
  ),
  saveToSent: optional(boolean()),
});

export type SettingsPatch = ReturnType<typeof settingsPatchSchema>;

/**
 * Accepts the spellings Axigen's own PATCH table uses: `weekStartDays` for `weekStartDay` and
 * dotted names (`receipts.requestReadReceipts`) for the nested receipts object.
 */
export function normalizeSettingsPatch(body: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  let dottedReceipts: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(body)) {
    if (key === 'weekStartDays') {
      if (Object.hasOwn(body, 'weekStartDay')) throw badRequest('Send either "weekStartDay" or "weekStartDays", not both.', 'weekStartDays');
      result.weekStartDay = value;
    } else if (key.startsWith('receipts.')) {
      dottedReceipts ??= {};
      dottedReceipts[key.slice('receipts.'.length)] = value;
    } else {
      result[key] = value;
    }
  }
  if (dottedReceipts) {
    if (Object.hasOwn(body, 'receipts')) throw badRequest('Send "receipts" either as an object or as dotted names, not both.', 'receipts');
    result.receipts = dottedReceipts;
  }
  return result;
}

interface SettingsRow {
  settings_json: string;
  client_settings: string;
}

function readRow(db: Db, accountId: number): SettingsRow {
  return (db.prepare('SELECT settings_json, client_settings FROM account_settings WHERE account_id = ?').get(accountId) as SettingsRow | undefined) ?? {
    settings_json: '{}',
    client_settings: '',
  };
}

function merge(base: FullAccountSettings, patch: SettingsPatch): FullAccountSettings {
  return { ...base, ...patch, receipts: { ...base.receipts, ...patch.receipts } } as FullAccountSettings;
}

/** The account's settings: its stored changes over the defaults. */
export function getSettings(db: Db, accountId: number): FullAccountSettings {
  const stored = JSON.parse(readRow(db, accountId).settings_json) as SettingsPatch;
  return merge(DEFAULT_SETTINGS, stored);
}

/** Applies an already validated patch. */
export function patchSettings(db: Db, accountId: number, patch: SettingsPatch): FullAccountSettings {
  return db.transaction(() => {
    const stored = JSON.parse(readRow(db, accountId).settings_json) as SettingsPatch;
    const next = { ...stored, ...patch, receipts: { ...stored.receipts, ...patch.receipts } };
    if (Object.keys(next.receipts).length === 0) delete (next as Partial<SettingsPatch>).receipts;
    db.prepare(
      `INSERT INTO account_settings (account_id, settings_json) VALUES (?, ?)
       ON CONFLICT (account_id) DO UPDATE SET settings_json = excluded.settings_json`,
    ).run(accountId, JSON.stringify(next));
    return merge(DEFAULT_SETTINGS, next);
  })();
}

export function getClientSettings(db: Db, accountId: number): string {
  return readRow(db, accountId).client_settings;
}

export function setClientSettings(db: Db, accountId: number, value: string): void {
  db.prepare(
    `INSERT INTO account_settings (account_id, client_settings) VALUES (?, ?)
     ON CONFLICT (account_id) DO UPDATE SET client_settings = excluded.client_settings`,
  ).run(accountId, value);
}
