import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { blockDirectionAt, toggleBlockDirection } from '../block-direction';
import { useT } from '../../../i18n/react';
import { useToolbarState } from './use-toolbar-state';

/**
 * "Left to right text" and "Right to left text": pressed shows which way the paragraph at the caret
 * reads (chosen or following its text); pressing sets it, pressing a chosen one again returns it to
 * automatic.
 */
export function DirectionButtons({ editor }: { editor: Editor }) {
  const t = useT();
  // Off the typing path like the other controls: re-read after the frame when a key only typed text.
  const direction = useToolbarState(editor, (e) => blockDirectionAt(e).direction);
  return (
    <>
      <ToolbarButton label={t('editor.ltr')} icon={<LtrIcon />} pressed={direction === 'ltr'} onClick={() => toggleBlockDirection(editor, 'ltr')} />
      <ToolbarButton label={t('editor.rtl')} icon={<RtlIcon />} pressed={direction === 'rtl'} onClick={() => toggleBlockDirection(editor, 'rtl')} />
    </>
  );
}

const common = { width: 16, height: 16, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const };

/** A pilcrow with an arrow running right: drawn, since symbol glyphs are missing from many fonts. */
function LtrIcon() {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <path d="M5.5 2.5v8M8.5 2.5v8M9.5 2.5H5a2 2 0 000 4h.5" />
      <path d="M3 13.5h10M11 11.5l2 2-2 2" />
    </svg>
  );
}

/** A pilcrow with an arrow running left. */
function RtlIcon() {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <path d="M8.5 2.5v8M11.5 2.5v8M12.5 2.5H8a2 2 0 000 4h.5" />
      <path d="M13 13.5H3M5 11.5l-2 2 2 2" />
    </svg>
  );
}
