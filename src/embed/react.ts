/**
 * The React entry of mailbox-compose: React and React DOM are the host's (peer dependencies).
 * `ComposeWindow` is the public name of the embedded window for React hosts.
 */
export { EmbeddedCompose, EmbeddedCompose as ComposeWindow, type EmbeddedComposeProps } from './embedded-compose';
export { ComposeOptionsError } from './errors';
export type * from './types';
