import type { ReactNode } from 'react';

export interface ToolbarButtonProps {
  /** The accessible name; public API (tests and portal teams use it). */
  label: string;
  /** Shown as the visible glyph; hidden from assistive technology because `label` names it. */
  icon: ReactNode;
  onClick: () => void;
  /** Set only for controls that toggle. */
  pressed?: boolean;
  disabled?: boolean;
  shortcut?: string;
  expanded?: boolean;
  hasPopup?: 'dialog';
  buttonRef?: React.Ref<HTMLButtonElement>;
}

/**
 * One toolbar control. Disabled controls use `aria-disabled` so they stay focusable in the toolbar's
 * roving tab order (WAI-ARIA toolbar pattern) instead of silently vanishing from it.
 */
export function ToolbarButton({ label, icon, onClick, pressed, disabled = false, shortcut, expanded, hasPopup, buttonRef }: ToolbarButtonProps) {
  return (
    <button
      ref={buttonRef}
      type="button"
      className="mc-toolbar__button"
      data-toolbar-item=""
      aria-label={label}
      aria-pressed={pressed}
      aria-disabled={disabled || undefined}
      aria-expanded={expanded}
      aria-haspopup={hasPopup}
      aria-keyshortcuts={shortcut}
      title={shortcut ? `${label} (${shortcutHint(shortcut)})` : label}
      // Keep the editor's selection: a mousedown on a button would otherwise blur it first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        if (!disabled) onClick();
      }}
    >
      <span aria-hidden="true" className="mc-toolbar__icon">
        {icon}
      </span>
    </button>
  );
}

function shortcutHint(shortcut: string): string {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return shortcut.replace('Control', mac ? '⌘' : 'Ctrl');
}
