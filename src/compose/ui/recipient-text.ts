import { parseRecipientInput } from '../model/addresses';
import type { Recipient } from '../model/draft';
import type { RecipientChip } from './recipient-chips';
import { t } from '../../i18n/core';

/**
 * Recipients ⇄ chips. The draft keeps `Recipient`s (flagged entries included, with their reason);
 * chips are a view of them, and parsing rules live in one place (`model/addresses.ts`).
 */
export function chipFromRecipient(recipient: Recipient, index: number): RecipientChip {
  const usable = recipient.valid !== false && recipient.address !== '';
  const text = usable ? (recipient.name ? `${recipient.name} <${recipient.address}>` : recipient.address) : (recipient.raw ?? recipient.address);
  const chip: RecipientChip = { key: `${index}:${text}`, text };
  if (usable) {
    chip.email = recipient.address;
    if (recipient.name) chip.name = recipient.name;
  } else chip.error = t('recipients.notValid', { reason: recipient.reason ?? t('recipients.unreadable') });
  return chip;
}

/** Typed or pasted text as recipients (several when it holds a list). */
export function recipientsFromText(text: string): Recipient[] {
  return parseRecipientInput(text).map(({ raw, name, address, valid, reason }) => {
    const recipient: Recipient = { name, address, raw };
    if (!valid) {
      recipient.valid = false;
      recipient.reason = reason;
    }
    return recipient;
  });
}
