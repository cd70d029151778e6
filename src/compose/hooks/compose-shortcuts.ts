import type { KeyboardEvent } from 'react';

export interface ComposeShortcutActions {
  send(): void;
  saveNow(): void;
  close(): void;
}

/** Mac uses ⌘ for "Mod"; everything else Ctrl. */
const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * The window's keyboard shortcuts as one keydown handler on the window element: Mod+Enter sends,
 * Mod+S saves now (instead of the browser's "Save page"), Esc closes (the close path saves first).
 * Inner widgets that use Escape themselves (suggestion lists, menus, dialogs) stop its propagation.
 */
export function composeShortcutHandler(actions: ComposeShortcutActions) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.nativeEvent.isComposing) return;
    // ProseMirror marks keys it handled itself (Escape blurs the editor) as default-prevented; widgets
    // that own Escape (suggestion lists, popovers) stop its propagation instead, so only Mod keys defer.
    if (event.defaultPrevented && event.key !== 'Escape') return;
    const mod = isMac() ? event.metaKey : event.ctrlKey;
    if (mod && !event.shiftKey && !event.altKey && event.key === 'Enter') {
      event.preventDefault();
      actions.send();
    } else if (mod && !event.shiftKey && !event.altKey && (event.key === 's' || event.key === 'S')) {
      event.preventDefault();
      actions.saveNow();
    } else if (event.key === 'Escape' && !mod && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      actions.close();
    }
  };
}
