import { composeBodyHtml, htmlToText } from './message-html';

/**
 * The text alternative of a body with quoted history appended, without converting the history again
 * on every save. A reply's history is fixed for the window's life, while saves and journal writes
 * read the body about once a second while the user types; converting a long thread (a megabyte of
 * HTML) to text each time was a hitch under the user's fingers every second.
 *
 * `afterHtmlBody` gives exactly `htmlToText(composeBodyHtml(editorHtml, quotedHtml))` from the
 * editor's own text and the line breaks its last blocks owe (2 after a paragraph, list or quote; 1
 * after a `div` such as the signature): the history is a `div`, so the two stand apart by the larger
 * of those and one line break.
 */
export class QuotedHistoryText {
  private wrapped: string | null = null;
  private bare: string | null = null;

  constructor(private readonly quotedHtml: string) {}

  /** The text of the whole body in HTML mode: the editor's text, then the history's. */
  afterHtmlBody(bodyText: string, trailingBreaks: number): string {
    this.wrapped ??= htmlToText(composeBodyHtml('', this.quotedHtml));
    if (this.wrapped === '') return bodyText;
    if (bodyText === '') return this.wrapped;
    return `${bodyText}${'\n'.repeat(Math.max(trailingBreaks, 1))}${this.wrapped}`;
  }

  /** The text of the whole body in plain-text mode: what was typed, a blank line, the history's text. */
  afterPlainText(text: string): string {
    this.bare ??= htmlToText(this.quotedHtml);
    return `${text}\n\n${this.bare}`;
  }
}
