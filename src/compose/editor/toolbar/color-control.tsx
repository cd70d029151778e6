import { useRef, useState } from 'react';
import { useToolbarState } from './use-toolbar-state';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { Popover } from './popover';
import { currentColor } from './editor-state';
import type { MessageKey } from '../../../i18n/core';
import { useT } from '../../../i18n/react';

/** Colours that stay readable on white and on most dark mail themes. */
export const TEXT_COLOURS: readonly { name: MessageKey; value: string }[] = [
  { name: 'editor.colour.grey', value: '#5f6368' },
  { name: 'editor.colour.red', value: '#c5221f' },
  { name: 'editor.colour.orange', value: '#b45309' },
  { name: 'editor.colour.green', value: '#188038' },
  { name: 'editor.colour.blue', value: '#1a57c6' },
  { name: 'editor.colour.purple', value: '#7b2cbf' },
];

export function TextColourControl({ editor }: { editor: Editor }) {
  const colour = useToolbarState(editor, (e) => currentColor(e));
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const t = useT();
  const choose = (value: string | null) => {
    const chain = editor.chain().focus();
    if (value) chain.setColor(value).run();
    else chain.unsetColor().run();
    setOpen(false);
  };
  return (
    <span className="mc-toolbar__anchor">
      <ToolbarButton
        buttonRef={button}
        label={t('editor.textColour')}
        icon={<span className="mc-toolbar__colour" style={{ borderBottomColor: colour ?? 'currentColor' }}>A</span>}
        hasPopup="dialog"
        expanded={open}
        onClick={() => setOpen((o) => !o)}
      />
      {open ? (
        <Popover label={t('editor.textColour')} anchorRef={button} onClose={() => setOpen(false)}>
          <div className="mc-palette">
            <button type="button" className="mc-palette__swatch" aria-pressed={colour === null} onClick={() => choose(null)}>
              <span aria-hidden="true" className="mc-palette__chip mc-palette__chip--default" />
              {t('editor.defaultColour')}
            </button>
            {TEXT_COLOURS.map((c) => (
              <button key={c.value} type="button" className="mc-palette__swatch" aria-pressed={colour === c.value} onClick={() => choose(c.value)}>
                <span aria-hidden="true" className="mc-palette__chip" style={{ background: c.value }} />
                {t(c.name)}
              </button>
            ))}
          </div>
        </Popover>
      ) : null}
    </span>
  );
}
