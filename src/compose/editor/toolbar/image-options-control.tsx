import { useId, useRef, useState } from 'react';
import { useToolbarState } from './use-toolbar-state';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { Popover } from './popover';
import { ImageOptionsIcon } from './icons';
import { selectedImage } from './editor-state';
import { IMAGE_MAX_WIDTH, IMAGE_MIN_WIDTH } from '../inline-image-attributes';
import { useT } from '../../../i18n/react';

/** Alt text and width of the selected image: the keyboard path to what the resize handle does. */
export function ImageOptionsControl({ editor }: { editor: Editor }) {
  const image = useToolbarState(editor, (e) => selectedImage(e));
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const t = useT();
  return (
    <span className="mc-toolbar__anchor">
      <ToolbarButton
        buttonRef={button}
        label={t('editor.imageOptions')}
        icon={<ImageOptionsIcon />}
        hasPopup="dialog"
        expanded={open && image !== null}
        disabled={image === null}
        onClick={() => setOpen((o) => !o)}
      />
      {open && image ? (
        <ImageOptionsDialog editor={editor} alt={image.alt} width={image.width} anchorRef={button} onClose={() => setOpen(false)} />
      ) : null}
    </span>
  );
}

interface DialogProps {
  editor: Editor;
  alt: string;
  width: number | null;
  anchorRef: React.RefObject<HTMLButtonElement | null>;
  onClose: () => void;
}

function ImageOptionsDialog({ editor, alt, width, anchorRef, onClose }: DialogProps) {
  const [altText, setAltText] = useState(alt);
  const [widthText, setWidthText] = useState(width ? String(width) : '');
  const [error, setError] = useState<string | null>(null);
  const altId = useId();
  const widthId = useId();
  const errorId = useId();
  const t = useT();
  const apply = () => {
    const trimmed = widthText.trim();
    let nextWidth: number | null = null;
    if (trimmed !== '') {
      const n = Number(trimmed);
      if (!Number.isInteger(n) || n < IMAGE_MIN_WIDTH || n > IMAGE_MAX_WIDTH) {
        // Digits as typed into the field (no grouping: "2,000" would not be accepted there).
        setError(t('editor.widthInvalid', { min: String(IMAGE_MIN_WIDTH), max: String(IMAGE_MAX_WIDTH) }));
        return;
      }
      nextWidth = n;
    }
    editor.chain().focus().updateSelectedImage({ alt: altText, width: nextWidth }).run();
    onClose();
  };
  return (
    <Popover label={t('editor.imageOptions')} anchorRef={anchorRef} onClose={onClose}>
      <form
        className="mc-popover__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label htmlFor={altId}>{t('editor.altText')}</label>
        <input id={altId} type="text" value={altText} onChange={(e) => setAltText(e.currentTarget.value)} />
        <label htmlFor={widthId}>{t('editor.width')}</label>
        <input
          id={widthId}
          type="number"
          min={IMAGE_MIN_WIDTH}
          max={IMAGE_MAX_WIDTH}
          placeholder={t('editor.widthOriginal')}
          value={widthText}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setWidthText(e.currentTarget.value);
            setError(null);
          }}
        />
        {error ? (
          <p id={errorId} className="mc-popover__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="mc-popover__actions">
          <button type="submit">{t('editor.apply')}</button>
          <button
            type="button"
            onClick={() => {
              editor.chain().focus().deleteSelection().run();
              onClose();
            }}
          >
            {t('editor.removeImage')}
          </button>
          <button
            type="button"
            onClick={() => {
              onClose();
              anchorRef.current?.focus();
            }}
          >
            {t('editor.cancel')}
          </button>
        </div>
      </form>
    </Popover>
  );
}
