import { useId, useRef, useState } from 'react';
import { useToolbarState } from './use-toolbar-state';
import type { Editor } from '@tiptap/core';
import { ToolbarButton } from './toolbar-button';
import { Popover } from './popover';
import { normalizeLinkUrl } from '../link-url';
import { LinkIcon } from './icons';
import { useT } from '../../../i18n/react';

/** Add, edit or remove a link. Only http(s) and mailto targets are accepted. */
export function LinkControl({ editor }: { editor: Editor }) {
  const state = useToolbarState(editor, (e) => ({
    active: e.isActive('link'),
    href: (e.getAttributes('link').href as string | undefined) ?? '',
    empty: e.state.selection.empty,
  }));
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const t = useT();
  return (
    <span className="mc-toolbar__anchor">
      <ToolbarButton
        buttonRef={button}
        label={t('editor.link')}
        icon={<LinkIcon />}
        hasPopup="dialog"
        expanded={open}
        onClick={() => setOpen((o) => !o)}
      />
      {open ? (
        <LinkDialog
          editor={editor}
          initialUrl={state.href}
          editing={state.active}
          needsText={!state.active && state.empty}
          anchorRef={button}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </span>
  );
}

interface LinkDialogProps {
  editor: Editor;
  initialUrl: string;
  editing: boolean;
  needsText: boolean;
  anchorRef: React.RefObject<HTMLButtonElement | null>;
  onClose: () => void;
}

function LinkDialog({ editor, initialUrl, editing, needsText, anchorRef, onClose }: LinkDialogProps) {
  const [url, setUrl] = useState(initialUrl);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const urlId = useId();
  const textId = useId();
  const errorId = useId();
  const t = useT();

  const finish = () => {
    onClose();
    anchorRef.current?.focus();
  };

  const apply = () => {
    const result = normalizeLinkUrl(url);
    if (!result.ok) {
      setError(t(result.error));
      return;
    }
    const chain = editor.chain().focus();
    if (editing) chain.extendMarkRange('link').setLink({ href: result.url }).run();
    else if (needsText) {
      const label = text.trim() || url.trim();
      chain
        .insertContent({ type: 'text', text: label, marks: [{ type: 'link', attrs: { href: result.url } }] })
        .unsetMark('link')
        .run();
    } else chain.setLink({ href: result.url }).run();
    onClose();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  };

  return (
    <Popover label={editing ? t('editor.editLink') : t('editor.addLink')} anchorRef={anchorRef} onClose={onClose}>
      <form
        className="mc-popover__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label htmlFor={urlId}>{t('editor.url')}</label>
        <input
          id={urlId}
          type="url"
          inputMode="url"
          value={url}
          placeholder="https://example.com"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setUrl(e.currentTarget.value);
            setError(null);
          }}
        />
        {needsText ? (
          <>
            <label htmlFor={textId}>{t('editor.linkText')}</label>
            <input id={textId} type="text" value={text} onChange={(e) => setText(e.currentTarget.value)} />
          </>
        ) : null}
        {error ? (
          <p id={errorId} className="mc-popover__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="mc-popover__actions">
          <button type="submit">{t('editor.apply')}</button>
          {editing ? (
            <button type="button" onClick={remove}>
              {t('editor.removeLink')}
            </button>
          ) : null}
          <button type="button" onClick={finish}>
            {t('editor.cancel')}
          </button>
        </div>
      </form>
    </Popover>
  );
}
