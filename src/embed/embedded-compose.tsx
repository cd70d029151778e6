import { useEffect, useRef, useState, type Ref } from 'react';
import { EmbedController } from './embed-controller';
import { EmbeddedComposeView } from './embedded-compose-view';
import type { ComposeEvent, ComposeOptions, EmbeddedComposeHandle } from './types';
import { useDisposeOnUnmount } from './use-dispose-on-unmount';

export type { EmbeddedComposeHandle };

export interface EmbeddedComposeProps extends ComposeOptions {
  /** Every event as `{ type, detail }`. */
  onEvent?: (event: ComposeEvent) => void;
  ref?: Ref<EmbeddedComposeHandle>;
}

/**
 * The compose window for React hosts: its own providers (react-query, the API client with the
 * host's session, the send toasts), inside a shadow root so the host's CSS and ours stay apart.
 * React and React DOM are the host's (peer dependencies).
 */
export function EmbeddedCompose({ onEvent, ref, ...options }: EmbeddedComposeProps) {
  const [controller] = useState(() => new EmbedController(options));
  useDisposeOnUnmount(controller);

  const eventRef = useRef(onEvent);
  useEffect(() => {
    eventRef.current = onEvent;
  });
  useEffect(() => controller.onAny((event) => eventRef.current?.(event)), [controller]);
  useEffect(() => controller.setSessionExpiredHandler(options.onSessionExpired), [controller, options.onSessionExpired]);

  // New auth from the host (e.g. after it renewed the session itself) replaces the client's.
  const { sessid, authorization } = options.auth;
  useEffect(() => {
    const current = controller.api.getAuth();
    const same = current?.sessid === sessid && (current.kind === 'header' ? current.authorization === authorization : authorization === undefined);
    if (!same) controller.supplyAuth(authorization === undefined ? { sessid } : { sessid, authorization });
  }, [controller, sessid, authorization]);

  return <EmbeddedComposeView controller={controller} options={options} ref={ref} />;
}
