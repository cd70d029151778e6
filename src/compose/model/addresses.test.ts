import { describe, expect, it } from 'vitest';
import fixtureCases from './__fixtures__/email-addresses.json';
import {
  addressKey,
  dedupeRecipients,
  domainToAscii,
  formatAddress,
  formatAddressList,
  formatDisplayName,
  isOwnAddress,
  parseAddressHeader,
  parseRecipient,
  parseRecipientInput,
  toSendableAddress,
} from './addresses';

interface FixtureCase {
  address: string;
  valid: boolean;
  category: 'valid' | 'dnsWarn' | 'rfc5321' | 'cfws' | 'deprecated' | 'rfc5322' | 'error';
  diagnosis: string;
  source: string;
}

const cases = fixtureCases as FixtureCase[];

/**
 * Our documented policy for the fixture's `rfc5321` category (docs/addresses.md): which of those
 * "valid under the threshold" forms a To field refuses, by diagnosis.
 */
function refusedByRfc5321Policy(c: FixtureCase): boolean {
  if (c.category !== 'rfc5321') return false;
  if (c.diagnosis.includes('ADDRESSLITERAL') || c.diagnosis.includes('AddressLiteral')) return true;
  if (c.diagnosis.includes('TLDNUMERIC') || c.diagnosis.includes('TLDNumeric')) return true;
  if (c.diagnosis.includes('QUOTEDSTRING') || c.diagnosis.includes('QuotedString')) {
    // Only redundant quotes (content already a plain dot-atom) are accepted, and sent unquoted.
    return !/^"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"@/.test(c.address) || /^"\.|\."@|\.\./.test(c.address);
  }
  return false; // dotless domains (ISEMAIL_RFC5321_TLD) are accepted with a warning
}

/**
 * The one fixture case outside the rfc5321 category that we refuse: its domain starts with U+103FF,
 * an unassigned code point, which IDNA (UTS #46, as every browser applies it) refuses to convert, so
 * the address could not be put on the wire in ASCII. is_email does no IDNA check.
 */
const IDNA_UNCONVERTIBLE = (c: FixtureCase) => c.valid && c.address.startsWith('test@\u{103FF}');

describe('the email-addresses.json fixture (all 226 cases)', () => {
  it('has the 226 cases the README describes', () => {
    expect(cases).toHaveLength(226);
    expect(cases.filter((c) => c.valid)).toHaveLength(45);
  });

  const accepted = cases.filter((c) => c.valid && !refusedByRfc5321Policy(c) && !IDNA_UNCONVERTIBLE(c));
  const refusedByPolicy = cases.filter(refusedByRfc5321Policy);
  const invalid = cases.filter((c) => !c.valid);

  it('splits into the expected groups', () => {
    expect(accepted).toHaveLength(30);
    expect(refusedByPolicy).toHaveLength(14);
    expect(cases.filter(IDNA_UNCONVERTIBLE)).toHaveLength(1);
    expect(invalid).toHaveLength(181);
  });

  it.each(accepted.map((c) => [JSON.stringify(c.address), c] as const))('accepts valid %s', (_, c) => {
    const entry = parseRecipient(c.address);
    expect(entry.reason).toBeUndefined();
    expect(entry.valid).toBe(true);
    expect(entry.sendAddress).toMatch(/^[^@\s]+@[a-z0-9.-]+$/);
  });

  it.each(refusedByPolicy.map((c) => [JSON.stringify(c.address), c] as const))('refuses rfc5321 %s by policy, with a reason', (_, c) => {
    const entry = parseRecipient(c.address);
    expect(entry.valid).toBe(false);
    expect(entry.sendAddress).toBe('');
    if (c.diagnosis.includes('ADDRESSLITERAL')) expect(entry.reason).toMatch(/IP address in brackets/);
    else if (c.diagnosis.includes('TLDNUMERIC')) expect(entry.reason).toMatch(/ends in a number/);
    else expect(entry.reason).toMatch(/quoted text before the @/);
  });

  it('refuses the domain IDNA cannot convert', () => {
    const [c] = cases.filter(IDNA_UNCONVERTIBLE);
    expect(parseRecipient(c.address)).toMatchObject({ valid: false, reason: 'the domain is not valid' });
    expect(domainToAscii(c.address.slice(5))).toBeNull();
  });

  it.each(invalid.map((c) => [JSON.stringify(c.address), c] as const))('flags invalid %s with a reason', (_, c) => {
    const entry = parseRecipient(c.address);
    expect(entry.valid).toBe(false);
    expect(entry.sendAddress).toBe('');
    expect(entry.reason).toMatch(/^[a-z].{5,}/);
  });

  it('gives the same verdicts when typed or pasted, except that line breaks separate and ends are trimmed', () => {
    const typedDiffers: string[] = [];
    for (const c of cases) {
      const typed = parseRecipientInput(c.address);
      const exact = parseRecipient(c.address);
      const hasEdges = c.address !== c.address.trim() || /[\r\n]/.test(c.address);
      if (c.address === '') {
        expect(typed).toEqual([]); // nothing typed, nothing to flag
        expect(exact).toMatchObject({ valid: false, reason: 'is empty' });
      } else if (!hasEdges) {
        expect(typed.map((e) => [e.valid, e.reason])).toEqual([[exact.valid, exact.reason]]);
      } else if (typed.some((e) => e.valid)) {
        // Only whitespace and line breaks around an address: typing or pasting it gives that address.
        expect(c.address.replace(/\s+/g, '')).toBe('test@iana.org');
        expect(typed.map((e) => e.sendAddress)).toEqual(['test@iana.org']);
        typedDiffers.push(c.address);
      } else {
        expect(exact.valid).toBe(false);
      }
    }
    expect(typedDiffers).toHaveLength(25);
  });

  it('keeps the accepted rfc5321 forms usable: redundant quotes dropped, dotless domain warned', () => {
    expect(parseRecipient('"test"@iana.org')).toMatchObject({ valid: true, address: 'test@iana.org', sendAddress: 'test@iana.org' });
    expect(parseRecipient('test@org')).toMatchObject({ valid: true, warning: 'the domain has no dot — check that it is complete' });
  });

  it('gives the reasons a person can act on', () => {
    expect(parseRecipient('test').reason).toBe('missing @');
    expect(parseRecipient('test@').reason).toBe('missing the domain after the @');
    expect(parseRecipient('@iana.org').reason).toBe('nothing before the @');
    expect(parseRecipient('test@iana..com').reason).toMatch(/^the domain is not valid/);
    expect(parseRecipient('test@iana/icann.org').reason).toBe('the domain is not valid (it contains “/”)');
    expect(parseRecipient('test . test@iana.org').reason).toBe('contains spaces');
    expect(parseRecipient('te st@iana.org').reason).toBe('contains spaces');
    expect(parseRecipient('.test@iana.org').reason).toBe('has a misplaced dot before the @');
    expect(parseRecipient('test\u0007@iana.org').reason).toBe('contains invisible control characters');
    expect(parseRecipient('test@iana.org\r\n').reason).toBe('contains a line break');
  });
});

describe('misrouting tricks', () => {
  it('never routes "a@evil.com x"@internal.test to evil.com', () => {
    for (const text of ['"a@evil.com x"@internal.test', 'Jane <"a@evil.com x"@internal.test>', '"a@evil.com"@internal.test']) {
      const entries = parseRecipientInput(text);
      expect(entries).toHaveLength(1);
      expect(entries[0].valid).toBe(false);
      expect(entries[0].sendAddress).not.toContain('evil.com');
      expect(formatAddressList(entries.filter((e) => e.valid).map((e) => ({ name: e.name, address: e.sendAddress })))).toBe('');
    }
  });

  it('never routes user@good-corp.com(x)evil.com to evil.com', () => {
    for (const text of ['user@good-corp.com(x)evil.com', 'Jane <user@good-corp.com(x)evil.com>', 'user@good-corp.com (x)evil.com']) {
      const entries = parseRecipientInput(text);
      expect(entries.every((e) => !e.valid || !e.sendAddress.includes('evil'))).toBe(true);
      expect(entries.some((e) => e.valid)).toBe(false);
    }
  });

  it('keeps a quoted comma in a display name as one recipient', () => {
    const entries = parseRecipientInput('"Doe, Jane" <jane@x.test>, bob@x.test');
    expect(entries.map((e) => [e.name, e.sendAddress, e.valid])).toEqual([
      ['Doe, Jane', 'jane@x.test', true],
      ['', 'bob@x.test', true],
    ]);
    expect(formatAddress({ name: entries[0].name, address: entries[0].sendAddress })).toBe('"Doe, Jane" <jane@x.test>');
  });

  it('does not let a display name that looks like an address decide the route', () => {
    const [entry] = parseRecipientInput('boss@company.test <other@elsewhere.test>');
    expect(entry).toMatchObject({ name: 'boss@company.test', sendAddress: 'other@elsewhere.test', valid: true });
    expect(formatAddress({ name: entry.name, address: entry.sendAddress })).toBe('"boss@company.test" <other@elsewhere.test>');
  });
});

describe('parseRecipientInput', () => {
  it('splits on commas, semicolons and line breaks, skipping empty pieces', () => {
    const entries = parseRecipientInput('a@x.test, b@x.test; c@x.test\nd@x.test\r\ne@x.test,, ;');
    expect(entries.map((e) => e.address)).toEqual(['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test', 'e@x.test']);
    expect(entries.every((e) => e.valid)).toBe(true);
  });

  it('reads display names: quoted with escapes, obsolete dots, comments dropped', () => {
    const entries = parseRecipientInput('"Jane \\"JJ\\" Doe" <jane@x.test>; Joe Q. Public <joe@x.test>; Ana (work) <ana@x.test>');
    expect(entries.map((e) => e.name)).toEqual(['Jane "JJ" Doe', 'Joe Q. Public', 'Ana']);
  });

  it('joins an unquoted "Last, First <address>" into one recipient', () => {
    const entries = parseRecipientInput('Doe, Jane <jane@x.test>, Roe, Rick <rick@x.test>');
    expect(entries.map((e) => [e.name, e.address])).toEqual([
      ['Doe, Jane', 'jane@x.test'],
      ['Roe, Rick', 'rick@x.test'],
    ]);
  });

  it('does not join across a semicolon or when the first piece is an address', () => {
    expect(parseRecipientInput('Doe; Jane <jane@x.test>').map((e) => e.valid)).toEqual([false, true]);
    expect(parseRecipientInput('a@x.test, Jane <jane@x.test>').map((e) => e.address)).toEqual(['a@x.test', 'jane@x.test']);
  });

  it('splits bare addresses separated by spaces', () => {
    expect(parseRecipientInput('a@x.test  b@x.test\tc@x.test').map((e) => e.address)).toEqual(['a@x.test', 'b@x.test', 'c@x.test']);
  });

  it('accepts IDN domains, showing Unicode and sending punycode', () => {
    const [entry] = parseRecipientInput('Ana Popescu <ana@例え.テスト>');
    expect(entry).toMatchObject({ name: 'Ana Popescu', address: 'ana@例え.テスト', sendAddress: 'ana@xn--r8jz45g.xn--zckzah', valid: true });
    expect(parseRecipient('伊昭傑@郵件.商務')).toMatchObject({ valid: true, sendAddress: '伊昭傑@xn--5nqv22n.xn--lhr59c' });
  });

  it('flags broken angle brackets and trailing text', () => {
    expect(parseRecipient('Jane <jane@x.test').reason).toBe('is missing the closing “>”');
    expect(parseRecipient('Jane <jane@x.test> and more').reason).toBe('has text after the closing “>”');
    expect(parseRecipient('Jane <a@x.test> <b@x.test>').reason).toBe('contains more than one address in < >');
    expect(parseRecipient('"Jane <jane@x.test>').reason).toBe('has a quote that is not closed');
  });

  it('keeps names the library cannot read as typed', () => {
    expect(parseRecipient('Jane [Sales] <jane@x.test>')).toMatchObject({ name: 'Jane [Sales]', valid: true });
  });

  it('keeps separators inside angle brackets inside the entry (and flags it)', () => {
    const entries = parseRecipientInput('Jane <jane,doe@x.test>');
    expect(entries).toHaveLength(1);
    expect(entries[0].valid).toBe(false);
  });
});

describe('parseAddressHeader', () => {
  it('reads an API header string, flattening groups', () => {
    const entries = parseAddressHeader('"Doe, Jane" <jane@x.test>, undisclosed-recipients:;, Team: a@x.test, b@x.test;');
    expect(entries.map((e) => [e.name, e.address])).toEqual([
      ['Doe, Jane', 'jane@x.test'],
      ['', 'a@x.test'],
      ['', 'b@x.test'],
    ]);
  });

  it('is empty for an empty header and falls back to lenient splitting for broken ones', () => {
    expect(parseAddressHeader('')).toEqual([]);
    const entries = parseAddressHeader('a@x.test, broken <');
    expect(entries.map((e) => e.valid)).toEqual([true, false]);
  });
});

describe('formatAddress and formatAddressList', () => {
  it('quotes names with specials and escapes quotes and backslashes', () => {
    expect(formatAddress({ name: 'Doe, Jane', address: 'jane@x.test' })).toBe('"Doe, Jane" <jane@x.test>');
    expect(formatAddress({ name: 'A "B" \\ C', address: 'a@x.test' })).toBe('"A \\"B\\" \\\\ C" <a@x.test>');
    expect(formatAddress({ name: 'Joe Q. Public', address: 'joe@x.test' })).toBe('"Joe Q. Public" <joe@x.test>');
  });

  it('writes plain and non-ASCII names unquoted as UTF-8, and IDN domains in ASCII', () => {
    expect(formatAddress({ name: 'Ana Popescu', address: 'ana@x.test' })).toBe('Ana Popescu <ana@x.test>');
    expect(formatAddress({ name: 'Ștefan Ionescu', address: 'stefan@例え.テスト' })).toBe('Ștefan Ionescu <stefan@xn--r8jz45g.xn--zckzah>');
  });

  it('writes a bare address when there is no name', () => {
    expect(formatAddress({ address: 'a@x.test' })).toBe('a@x.test');
    expect(formatAddress({ name: '   ', address: ' a@x.test ' })).toBe('a@x.test');
  });

  it('never lets a name inject a header or an encoded word', () => {
    const header = formatAddress({ name: 'Evil\r\nBcc: victim@x.test', address: 'e@x.test' });
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe('"Evil Bcc: victim@x.test" <e@x.test>');
    expect(formatDisplayName('=?utf-8?q?Boss?=')).toBe('"=?utf-8?q?Boss?="');
  });

  it('round-trips through the parser', () => {
    const list = [
      { name: 'Doe, Jane', address: 'jane@x.test' },
      { name: 'Ștefan "Ș" Ionescu', address: 'stefan@x.test' },
      { address: 'bob@x.test' },
      { name: 'Team (ops)', address: 'ops@x.test' },
    ];
    const header = formatAddressList(list);
    expect(header).toBe('"Doe, Jane" <jane@x.test>, "Ștefan \\"Ș\\" Ionescu" <stefan@x.test>, bob@x.test, "Team (ops)" <ops@x.test>');
    expect(parseRecipientInput(header).map((e) => ({ name: e.name, address: e.address }))).toEqual(list.map((m) => ({ name: m.name ?? '', address: m.address })));
  });
});

describe('isOwnAddress, addressKey and dedupeRecipients', () => {
  const own = ['ana@example.test', 'Ana.Popescu@Example.test', 'ana@例え.テスト'];

  it('matches own addresses case-insensitively, with names and across IDN spellings', () => {
    expect(isOwnAddress('ANA@example.TEST', own)).toBe(true);
    expect(isOwnAddress('Ana <ana.popescu@example.test>', own)).toBe(true);
    expect(isOwnAddress('ana@xn--r8jz45g.xn--zckzah', own)).toBe(true);
    expect(isOwnAddress('bob@example.test', own)).toBe(false);
    expect(isOwnAddress('', own)).toBe(false);
  });

  it('keys addresses to one spelling', () => {
    expect(addressKey(' Jane <Jane@例え.テスト> ')).toBe('jane@xn--r8jz45g.xn--zckzah');
    expect(toSendableAddress('no-at-sign')).toBe('no-at-sign');
  });

  it('drops later repeats, keeping the first name, and keeps flagged entries', () => {
    const list = [
      { name: 'Jane', address: 'jane@x.test' },
      { name: '', address: 'JANE@X.TEST' },
      { name: 'Bob', address: 'bob@x.test' },
      { name: '', address: '' },
      { name: '', address: '' },
    ];
    expect(dedupeRecipients(list)).toEqual([list[0], list[2], list[3], list[4]]);
  });
});
