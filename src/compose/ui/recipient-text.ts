import { formatAddress, parseRecipientInput } from '../model/addresses';
import type { RecipientChip } from './recipient-chips';

/**
 * Chips ⇄ the field's address-list string. The draft keeps the string; chips are derived from it,
 * so parsing rules live in one place (`model/addresses.ts`) and a reopened draft shows the same chips.
 */
export function chipsFromText(text: string): RecipientChip[] {
  return parseRecipientInput(text).map((entry, index) => {
    const shown = entry.valid ? (entry.name ? `${entry.name} <${entry.address}>` : entry.address) : entry.raw;
    const chip: RecipientChip = { key: `${index}:${entry.raw}`, text: shown };
    if (entry.valid) {
      chip.email = entry.address;
      if (entry.name) chip.name = entry.name;
    } else chip.error = `Not a valid address: ${entry.reason ?? 'it could not be read'}`;
    return chip;
  });
}

/** Valid chips are written as proper header entries; flagged ones are kept exactly as typed. */
export function textFromChips(chips: readonly RecipientChip[]): string {
  return chips.map((chip) => (chip.email ? formatAddress({ name: chip.name, address: chip.email }) : chip.text)).join(', ');
}
