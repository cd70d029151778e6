import type { ComposeRequest, ComposeStart } from '../compose-entry';
import type { MessageKey } from '../../i18n/core';

export const titleForRequest = (request: ComposeRequest): ComposeStart['title'] =>
  request.mode === 'reply' || request.mode === 'replyAll' ? 'Reply' : request.mode === 'forward' ? 'Forward' : 'New message';

/** The window's title (and accessible name) in the active language; the start's title stays its identity. */
export const TITLE_KEYS: Record<ComposeStart['title'], MessageKey> = { 'New message': 'compose.title.new', Reply: 'compose.title.reply', Forward: 'compose.title.forward' };
