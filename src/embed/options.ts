import type { ApiAuth } from '../api/transport';
import type { ComposeRequest } from '../compose/compose-entry';
import { textToHtml } from '../compose/model/text-html';
import { ComposeOptionsError } from './errors';
import type { ComposeOpen, ComposePrefillOptions, ComposeTheme, EmbedAuth } from './types';

export { ComposeOptionsError };

/**
 * Checks what a host passed in and turns it into the compose window's own shapes. A host's mistake
 * gets an error in plain words at mount time, not a blank window later.
 */

const MODES = ['new', 'reply', 'replyAll', 'forward', 'draft'] as const;

export function toApiAuth(auth: unknown): ApiAuth {
  if (!auth || typeof auth !== 'object') throw new ComposeOptionsError('mailbox-compose needs `auth`: an existing session, `{ sessid, authorization }` (header login) or `{ sessid }` (cookie login).');
  const { sessid, authorization } = auth as Partial<EmbedAuth>;
  if (typeof sessid !== 'string' || sessid.trim() === '') throw new ComposeOptionsError('`auth.sessid` must be the session id the Mailbox API login answered.');
  if (authorization === undefined || authorization === null) return { kind: 'cookie', sessid };
  if (typeof authorization !== 'string' || authorization.trim() === '')
    throw new ComposeOptionsError('`auth.authorization` must be the Authorization header value used for the login (e.g. "Basic …"), or left out for cookie login.');
  return { kind: 'header', sessid, authorization };
}

export function toComposeRequest(open: ComposeOpen | undefined, prefill: ComposePrefillOptions | undefined): ComposeRequest {
  const mode = open?.mode ?? 'new';
  if (!(MODES as readonly string[]).includes(mode)) throw new ComposeOptionsError(`\`open.mode\` must be one of ${MODES.join(', ')}; got ${JSON.stringify(mode)}.`);
  const mailId = open?.mailId;
  if (mode !== 'new' && (typeof mailId !== 'string' || mailId === '')) throw new ComposeOptionsError(`Opening the window to ${mode} needs \`open.mailId\`, the id of the mail.`);
  if (prefill && mode !== 'new') throw new ComposeOptionsError('`prefill` is only for a new message; a draft, reply or forward starts from the stored mail.');
  const request: ComposeRequest = { mode, ...(mode !== 'new' ? { mailId } : {}) };
  if (prefill) {
    for (const key of ['to', 'cc', 'bcc', 'subject', 'body', 'bodyHtml'] as const) {
      const value = prefill[key];
      if (value !== undefined && typeof value !== 'string') throw new ComposeOptionsError(`\`prefill.${key}\` must be a string.`);
    }
    request.prefill = {
      ...(prefill.to ? { to: prefill.to } : {}),
      ...(prefill.cc ? { cc: prefill.cc } : {}),
      ...(prefill.bcc ? { bcc: prefill.bcc } : {}),
      ...(prefill.subject ? { subject: prefill.subject } : {}),
      ...(prefill.bodyHtml ? { bodyHtml: prefill.bodyHtml } : prefill.body ? { bodyHtml: textToHtml(prefill.body) } : {}),
    };
  }
  return request;
}

/** Only custom properties named `--mc-*`, with values that cannot close the declaration. */
export function checkTheme(theme: ComposeTheme | undefined): Record<string, string> {
  const style: Record<string, string> = {};
  if (!theme) return style;
  for (const [name, value] of Object.entries(theme)) {
    if (!/^--mc-[a-z0-9-]+$/i.test(name)) throw new ComposeOptionsError(`Theme keys are CSS custom properties named --mc-*; got ${JSON.stringify(name)}.`);
    if (typeof value !== 'string' || /[;{}]/.test(value)) throw new ComposeOptionsError(`Theme value for ${name} must be one CSS value (no ";", "{" or "}").`);
    style[name] = value;
  }
  return style;
}
