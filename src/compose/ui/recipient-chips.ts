/**
 * The chips of one recipient field, as plain data. Parsing is the model's (`addresses.ts`); this file
 * only keeps the list in the order the user built it, so the field component stays layout and wiring.
 */
export interface RecipientChip {
  /** Stable React key: chips can repeat (the same address typed twice is flagged, not merged). */
  key: string;
  /** What the chip shows and what an edit puts back into the input. */
  text: string;
  /** The address when the entry is valid. */
  email?: string;
  name?: string;
  /** Why the entry is not a usable address, in plain words; absent when valid. */
  error?: string;
}

/** Inserts `added` at `index` (the place of a chip being edited) or at the end. */
export function insertAt<T>(list: readonly T[], added: readonly T[], index = list.length): T[] {
  const at = Math.max(0, Math.min(index, list.length));
  return [...list.slice(0, at), ...added, ...list.slice(at)];
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/**
 * Whether typed text should turn into chips now: it ends in a separator that is not inside a quoted
 * display name or an angle-bracket address ("Doe, Jane" <jane@x.test> must not split at the comma).
 */
export function endsWithSeparator(text: string): boolean {
  const last = text.at(-1);
  if (last !== ',' && last !== ';' && last !== '\n') return false;
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < text.length - 1; i += 1) {
    const ch = text[i];
    if (ch === '\\' && quoted) i += 1;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angle += 1;
    else if (!quoted && ch === '>') angle = Math.max(0, angle - 1);
  }
  return !quoted && angle === 0;
}

/** The lower-cased addresses already in the field, to keep them out of the suggestions. */
export function chosenEmails(chips: readonly RecipientChip[]): Set<string> {
  return new Set(chips.flatMap((chip) => (chip.email ? [chip.email.toLowerCase()] : [])));
}
