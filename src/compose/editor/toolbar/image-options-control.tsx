import { useId, useRef, useState } from 'react';
import { useEditorState } from '@tiptap/react';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { Popover } from './popover';
import { ImageOptionsIcon } from './icons';
import { selectedImage } from './editor-state';
import { IMAGE_MAX_WIDTH, IMAGE_MIN_WIDTH } from '../inline-image-attributes';

/** Alt text and width of the selected image: the keyboard path to what the resize handle does. */
export function ImageOptionsControl({ editor }: { editor: Editor }) {
  const image = useEditorState({ editor, selector: ({ editor: e }) => selectedImage(e) });
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <span className="mc-toolbar__anchor">
      <ToolbarButton
        buttonRef={button}
        label="Image options"
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
  const apply = () => {
    const trimmed = widthText.trim();
    let nextWidth: number | null = null;
    if (trimmed !== '') {
      const n = Number(trimmed);
      if (!Number.isInteger(n) || n < IMAGE_MIN_WIDTH || n > IMAGE_MAX_WIDTH) {
        setError(`Width must be a whole number of pixels from ${IMAGE_MIN_WIDTH} to ${IMAGE_MAX_WIDTH}, or empty for the original size.`);
        return;
      }
      nextWidth = n;
    }
    editor.chain().focus().updateSelectedImage({ alt: altText, width: nextWidth }).run();
    onClose();
  };
  return (
    <Popover label="Image options" anchorRef={anchorRef} onClose={onClose}>
      <form
        className="mc-popover__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label htmlFor={altId}>Alt text</label>
        <input id={altId} type="text" value={altText} onChange={(e) => setAltText(e.currentTarget.value)} />
        <label htmlFor={widthId}>Width</label>
        <input
          id={widthId}
          type="number"
          min={IMAGE_MIN_WIDTH}
          max={IMAGE_MAX_WIDTH}
          placeholder="Original"
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
          <button type="submit">Apply</button>
          <button
            type="button"
            onClick={() => {
              editor.chain().focus().deleteSelection().run();
              onClose();
            }}
          >
            Remove image
          </button>
          <button
            type="button"
            onClick={() => {
              onClose();
              anchorRef.current?.focus();
            }}
          >
            Cancel
          </button>
        </div>
      </form>
    </Popover>
  );
}
