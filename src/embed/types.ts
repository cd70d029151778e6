/**
 * The public types of the embed entries (`mountCompose`, `<EmbeddedCompose>`, the iframe page).
 * Everything a host passes in or hears back is declared here, on its own, so the `.d.ts` a host
 * reads stays short and pulls in none of the window's internals. (`ComposeMode` and
 * `ComposeCloseResult` mirror src/compose/compose-entry.ts; the embed hands the window's values
 * to these types, so the compiler catches any drift.)
 */

export type ComposeMode = 'new' | 'draft' | 'reply' | 'replyAll' | 'forward';

/** How a window ended (the `closed` event's `result`, and what `close()` resolves to). */
export type ComposeCloseResult =
  /** Sent; held for the undo window (`processingId`), then delivered. `mailId` is the copy in Sent. */
  | { kind: 'sent'; mailId?: string; processingId: number }
  /** Sent, confirmed only by finding it after a lost answer: nothing to undo. */
  | { kind: 'sent-no-undo'; mailId?: string }
  /** Scheduled: `mailId` in Scheduled; `deliveryTime` in unix seconds. */
  | { kind: 'scheduled'; mailId: string; deliveryTime: number }
  /** Scheduled, confirmed only by the draft being gone after a lost answer: no id to cancel with. */
  | { kind: 'scheduled-no-cancel'; deliveryTime: number }
  /** Closed with the content saved as a draft (`draftId` null when nothing was typed). */
  | { kind: 'saved'; draftId: string | null }
  /** The user discarded the draft. */
  | { kind: 'discarded' };

/**
 * An Axigen session the host already has.
 * - Header style (from `POST /api/v1/login` with Basic credentials): `{ sessid, authorization }`;
 *   every call repeats the `Authorization` header and sends `X-Axigen-Session`.
 * - Cookie style (from `POST /api/v1/login/cookie`): `{ sessid }`; the browser sends the HttpOnly
 *   cookie and every call carries `_h=<sessid>`.
 */
export type EmbedAuth = { sessid: string; authorization: string } | { sessid: string; authorization?: undefined };

/** What the window opens on. `mailId` is required for every mode but `new`. */
export interface ComposeOpen {
  mode: ComposeMode;
  /** The draft to edit (`draft`) or the mail answered or forwarded (`reply`, `replyAll`, `forward`). */
  mailId?: string;
}

/** Values for a new message. Addresses are RFC 5322 lists: `"Ana <ana@x.test>, bob@y.test"`. */
export interface ComposePrefillOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  /** Plain text; becomes the first paragraphs of the body. Use `bodyHtml` for formatted text. */
  body?: string;
  /** HTML (sanitised by the editor); wins over `body`. */
  bodyHtml?: string;
}

/** CSS custom properties applied to the window's root, e.g. `{ '--mc-accent': '#0b7285' }`. */
export type ComposeTheme = Partial<Record<`--mc-${string}`, string>>;

/** `inline`: fills the host's element. `floating`: a window fixed at the bottom right that can be minimised and maximised. */
export type ComposeLayout = 'inline' | 'floating';

export interface ComposeEventMap {
  /** The draft was saved on the server; `mailId` is its current id (it changes with every save). */
  draftSaved: { mailId: string };
  /**
   * The server accepted the message. It is held for the undo window, then delivered.
   * `processingId` is absent when the send was only confirmed by finding it after a lost answer
   * (there is then nothing to undo).
   */
  sent: { mailId?: string; processingId?: number };
  /** The user pressed Undo in time; `mailId` is the draft it went back to (the window reopens on it). */
  undone: { mailId?: string; processingId: number };
  /** Scheduled; `mailId` is the mail in Scheduled (absent when only confirmed after a lost answer); `deliveryTime` in unix seconds. */
  scheduled: { mailId?: string; deliveryTime: number };
  /** "Cancel schedule" worked; `mailId` is the draft it went back to (the window reopens on it). */
  scheduleCancelled: { mailId: string };
  /** The window closed: sent, scheduled, saved as a draft, or discarded (`result` says which). */
  closed: { result: ComposeCloseResult };
  /** A request was refused with 401. Saves and sends wait (content kept) until fresh auth arrives. */
  sessionExpired: Record<string, never>;
}

export type ComposeEventName = keyof ComposeEventMap;

/** One event as a value: what `<EmbeddedCompose onEvent>` receives and the iframe page posts. */
export type ComposeEvent = { [K in ComposeEventName]: { type: K; detail: ComposeEventMap[K] } }[ComposeEventName];

/**
 * Called when the session expires. Return (or resolve to) fresh auth to carry on at once, or
 * nothing and hand it over later with `handle.update({ auth })`.
 */
export type SessionExpiredHandler = () => EmbedAuth | null | undefined | void | Promise<EmbedAuth | null | undefined | void>;

export interface ComposeOptions {
  /** Origin (and optional path prefix) of the Mailbox API server; '' or absent = the page's origin. */
  apiBaseUrl?: string;
  auth: EmbedAuth;
  /** What to open; a new message by default. */
  open?: ComposeOpen;
  /** Starting values of a new message. */
  prefill?: ComposePrefillOptions;
  /**
   * BCP 47 language tag: the window's language and direction (en, ro, ar). Without it, or with one we
   * have no translation for, the account's `language` setting, then the browser's.
   */
  locale?: string;
  theme?: ComposeTheme;
  /** `inline` by default for `mountCompose`. */
  layout?: ComposeLayout;
  onSessionExpired?: SessionExpiredHandler;
  /**
   * The Mailbox API server's per-file upload limit in bytes (Axigen's WebMail "Limit file uploads",
   * or a lower limit of a proxy in front of it). Files over it are refused in the window before any
   * byte is sent. Default: 25 MB. When the server states its limit in a 413, that wins.
   */
  maxUploadBytes?: number;
}

/** What `update()` may change on a mounted window. */
export interface ComposeUpdate {
  /** Fresh auth: replaces the client's auth and resumes paused saves and a send stopped by a 401. */
  auth?: EmbedAuth;
  theme?: ComposeTheme;
}

export interface ComposeHandle {
  /**
   * Closes the window the way its Close button does (the draft is saved first), then unmounts
   * everything (toasts too) and removes it from the host's element. Resolves to how the window
   * ended (null when it was already closed).
   */
  close(): Promise<ComposeCloseResult | null>;
  /** Moves keyboard focus into the window (the To field, or the body of a reply). */
  focus(): void;
  /** Listens to one event; answers the unsubscribe function. */
  on<K extends ComposeEventName>(event: K, listener: (detail: ComposeEventMap[K]) => void): () => void;
  update(changes: ComposeUpdate): void;
  /** Opens another window (e.g. after the first one closed). */
  open(open: ComposeOpen, prefill?: ComposePrefillOptions): void;
}

/** What a React host can do through `<EmbeddedCompose ref>`. */
export interface EmbeddedComposeHandle {
  /** Closes every open window the way its Close button does (drafts saved first); resolves to the last result (null when none was open). */
  close(): Promise<ComposeCloseResult | null>;
  focus(): void;
  open(open: ComposeOpen, prefill?: ComposePrefillOptions): void;
}
