import { describe, expect, it } from 'vitest';
import { LOCALES, formatMessage, type Catalog, type Locale } from './core';
import { ar } from './catalogs/ar';
import { en } from './catalogs/en';
import { ro } from './catalogs/ro';

const CATALOGS: Record<Locale, Catalog> = { en, ro, ar };

/** Placeholders a message uses ({name}, and the variable of a plural), so translations keep them. */
function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(/\{\s*(\w+)\s*(?:,\s*plural\s*,|\})/g)) names.add(match[1]!);
  return [...names].sort();
}

const PLURAL_CATEGORIES: Record<Locale, string[]> = { en: ['one', 'other'], ro: ['one', 'few', 'other'], ar: ['zero', 'one', 'two', 'few', 'many', 'other'] };

describe('message catalogs', () => {
  const enKeys = Object.keys(en).sort();

  for (const locale of LOCALES) {
    describe(locale, () => {
      const catalog = CATALOGS[locale] as Record<string, string>;

      it('has exactly the keys of en (none missing, none extra)', () => {
        const keys = Object.keys(catalog).sort();
        expect(enKeys.filter((k) => !keys.includes(k)), 'missing').toEqual([]);
        expect(keys.filter((k) => !enKeys.includes(k)), 'extra').toEqual([]);
      });

      it('has no empty message and keeps the placeholders of en', () => {
        for (const key of enKeys) {
          expect(catalog[key]!.trim(), key).not.toBe('');
          expect(placeholdersOf(catalog[key]!), key).toEqual(placeholdersOf((en as Record<string, string>)[key]!));
        }
      });

      it('gives every plural message all the plural forms of the language', () => {
        for (const key of enKeys) {
          const template = catalog[key]!;
          if (!/,\s*plural\s*,/.test(template)) continue;
          for (const category of PLURAL_CATEGORIES[locale]) expect(template, `${key} ${category}`).toMatch(new RegExp(`\\b${category}\\s*\\{`));
        }
      });
    });
  }

  it('Romanian is written with comma-below ș ț, not the cedilla look-alikes ş ţ', () => {
    for (const text of Object.values(CATALOGS.ro)) expect(text).not.toMatch(/[şţŞŢ]/);
  });

  it('Arabic messages are in Arabic script', () => {
    const untranslated = Object.entries(CATALOGS.ar).filter(([, text]) => !/[\u0600-\u06ff]/.test(text) && /[a-z]{3}/i.test(text.replace(/\{[^}]*\}/g, '')));
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });
});

describe('formatMessage', () => {
  it('fills placeholders and picks plural forms by Intl.PluralRules', () => {
    expect(formatMessage('en', 'list.label', { folder: 'Inbox' })).toBe('Messages in Inbox');
    expect(formatMessage('en', 'reader.remoteImagesBlocked', { count: 1 })).toBe('One remote image was blocked to protect your privacy.');
    expect(formatMessage('en', 'reader.remoteImagesBlocked', { count: 3 })).toBe('3 remote images were blocked to protect your privacy.');
    expect(formatMessage('ro', 'folders.unread', { count: 1 })).toBe('1 necitit');
    expect(formatMessage('ro', 'folders.unread', { count: 3 })).toBe('3 necitite');
    expect(formatMessage('ro', 'folders.unread', { count: 20 })).toBe('20 de necitite');
    expect(formatMessage('ar', 'folders.unread', { count: 2 })).toBe('رسالتان غير مقروءتين');
    expect(formatMessage('ar', 'folders.unread', { count: 5 })).toBe(`${new Intl.NumberFormat('ar').format(5)} رسائل غير مقروءة`);
    expect(formatMessage('ar', 'folders.unread', { count: 11 })).toBe(`${new Intl.NumberFormat('ar').format(11)} رسالة غير مقروءة`);
  });
});
