/**
 * A signature as the body takes it (HTML or plain text), without the editor: the compose session
 * fetches and prepares one while the editor chunk may still be loading. `signature.ts` puts it in.
 */
import type { Signature as ApiSignature } from '../../api/contract';
import { htmlToText, textToHtml } from './message-html';

export type SignatureInput = { id: string; html: string } | { id: string; text: string };

/** A signature as the API returns it, ready for `setSignature`. */
export function signatureInputFrom(signature: Pick<ApiSignature, 'id' | 'type' | 'body'>): SignatureInput {
  return signature.type === 'html' ? { id: signature.id, html: signature.body } : { id: signature.id, text: signature.body };
}

export function signatureHtml(signature: SignatureInput): string {
  return 'html' in signature ? signature.html : textToHtml(signature.text);
}

/** For the plain-text mode: the signature as text. */
export function signatureText(signature: SignatureInput): string {
  return 'html' in signature ? htmlToText(signature.html) : signature.text.replace(/\r\n?/g, '\n').trim();
}
