/**
 * Display helpers of the portal: dates in the account's time zone through Intl, and the part of
 * an address header a list row shows.
 */
export function formatListDate(unixSeconds: string, now: Date, timeZone: string | undefined, locale?: string): string {
  const date = new Date(Number(unixSeconds) * 1000);
  if (Number.isNaN(date.getTime())) return '';
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  if (day(date) === day(now)) return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(date);
  const sameYear = day(date).slice(0, 4) === day(now).slice(0, 4);
  return new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(date);
}

export function formatFullDate(unixSeconds: string, timeZone: string | undefined, locale?: string): string {
  const date = new Date(Number(unixSeconds) * 1000);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(date);
}

/** "Ana Popescu <ana@x.test>, bob@x.test" → "Ana Popescu, bob@x.test" for a list row. */
export function namesOf(header: string): string {
  if (!header.trim()) return '';
  const names: string[] = [];
  // Split on commas outside quotes and angle brackets.
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') depth++;
    else if (!quoted && ch === '>') depth = Math.max(0, depth - 1);
    if (ch === ',' && !quoted && depth === 0) {
      names.push(current);
      current = '';
    } else current += ch;
  }
  names.push(current);
  return names
    .map((part) => {
      const match = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(part);
      return (match ? match[1]!.trim() || match[2]! : part).trim();
    })
    .filter(Boolean)
    .join(', ');
}
