import { useEffect, useRef, useState, type RefObject } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import type { Node as PMNode } from '@tiptap/pm/model';
import { createMessageExtensions } from './extensions';
import type { PendingInlineImage } from './inline-image';
import { htmlToText, textToHtml, toMessageHtml, type InlineImageRef } from './serialize';
import { BodySerializer } from './body-serializer';
import { SIGNATURE_NODE, setSignature as setSignatureBlock, signatureText, type SignatureInput } from './signature';
import { Toolbar } from './toolbar/toolbar';
import { createContentId } from '../model/cid';
import { t } from '../../i18n/core';
import { useT } from '../../i18n/react';

export type BodyMode = 'html' | 'text';

export interface MessageBody {
  mode: BodyMode;
  /** Message HTML (cid: images), or null in plain-text mode. Quoted history is not included. */
  html: string | null;
  /** The text alternative in HTML mode; the body itself in plain-text mode. */
  text: string;
  /** Inline images still in the body (always empty in plain-text mode). */
  inlineImages: InlineImageRef[];
  /** HTML mode: the line breaks the text owes after its last block, for appending more text (`QuotedHistoryText`). */
  trailingBreaks?: number;
}

/** What the compose window gets from `onReady`; stable for the editor's lifetime. */
export interface MessageEditorHandle {
  editor: Editor;
  getMode(): BodyMode;
  /** Converts the body; the caller asks the user first when `hasFormatting(...)` says it loses anything. */
  setPlainText(on: boolean): void;
  getBody(): MessageBody;
  /** Inserts/replaces/removes the signature in either mode. */
  setSignature(signature: SignatureInput | null): void;
  focus(): void;
}

export interface MessageEditorProps {
  /** Editor-form HTML (message HTML already passed through `fromMessageHtml`). Read once. */
  initialHtml?: string;
  /** Start in plain-text mode with this text (read once). */
  initialText?: string;
  initialMode?: BodyMode;
  /** Called on every change of the body. The parent must not put the body into React state. */
  onChange?: () => void;
  onReady?: (handle: MessageEditorHandle) => void;
  /**
   * Gives a pasted/dropped/picked image its Content-ID and starts its upload, or answers null to
   * insert nothing (refused, or queued as an attachment). Pass the upload queue's `addInlineImage`.
   * Without it, ids come from the model's `createContentId` and nothing is uploaded.
   */
  addInlineImage?: (file: File) => string | null;
  /** After images were inserted at `position` (blob: previews, `uploading: true`). */
  onImageFiles?: (images: PendingInlineImage[], position: number) => void;
  /** The set of inline Content-IDs in the body changed (not called per keystroke): the queue's `syncInline`. */
  onInlineImagesChange?: (contentIds: string[]) => void;
  /** Non-image (or never-inline, e.g. SVG) files pasted or dropped into the body: attach them. */
  onFiles?: (files: File[]) => void;
  placeholder?: string;
  /** Hide the built-in formatting toolbar (e.g. a host renders its own). */
  hideToolbar?: boolean;
}

/**
 * The message body. `useEditor` lives here and nowhere else, and the editor does not re-render this
 * component on transactions: typing re-renders nothing but the toolbar controls whose state changed.
 */
export function MessageEditor(props: MessageEditorProps) {
  const { initialHtml = '', initialText = '', initialMode = 'html', placeholder, hideToolbar = false } = props;
  // The editor is created once; its callbacks go through this bridge to the latest props.
  const [bridge] = useState(() => new CallbackBridge(props));
  useEffect(() => {
    bridge.update(props);
  });

  // `seed` is what the plain-text box starts with each time plain-text mode is entered.
  const [view, setView] = useState<{ mode: BodyMode; seed: string }>({ mode: initialMode, seed: initialMode === 'text' ? initialText : '' });
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const tr = useT();

  const [extensions] = useState(() =>
    createMessageExtensions({
      placeholder,
      addInlineImage: (file) => bridge.addInlineImage(file),
      onImageFiles: (images, position) => bridge.onImageFiles(images, position),
      onInlineImagesChange: (ids) => bridge.onInlineImagesChange(ids),
      onFiles: (files) => bridge.onFiles(files),
    }),
  );

  const editor = useEditor({
    extensions,
    content: initialMode === 'html' ? initialHtml || '<p></p>' : '<p></p>',
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        // The editor is built once: it takes the locale active when the window opens.
        'aria-label': t('editor.body'),
        class: 'mc-editor__content',
        spellcheck: 'true',
      },
    },
    onUpdate: () => bridge.onChange(),
  });

  useEffect(() => {
    const handle = createHandle(editor, {
      initialMode,
      initialText,
      textareaRef,
      setView,
      notify: () => bridge.onChange(),
    });
    bridge.onReady(handle);
    // initialMode/initialText are read once, like the editor's initial content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, bridge]);

  return (
    <div className="mc-editor" data-mode={view.mode}>
      {!hideToolbar && view.mode === 'html' ? <Toolbar editor={editor} /> : null}
      {/* data-compose-body: the window's drop/paste hook leaves files dropped here to the editor,
          which inserts images at the drop point (do not also pass the hook an onBodyFiles). */}
      <div className="mc-editor__surface" data-compose-body="" hidden={view.mode !== 'html'}>
        <EditorContent editor={editor} />
      </div>
      {view.mode === 'text' ? (
        <textarea
          ref={textareaRef}
          className="mc-editor__plain"
          aria-label={tr('editor.body')}
          defaultValue={view.seed}
          spellCheck
          onInput={() => bridge.onChange()}
        />
      ) : null}
    </div>
  );
}

/** Forwards editor events to the latest props without recreating the editor. */
class CallbackBridge {
  constructor(private props: MessageEditorProps) {}
  update(props: MessageEditorProps): void {
    this.props = props;
  }
  onChange(): void {
    this.props.onChange?.();
  }
  onReady(handle: MessageEditorHandle): void {
    this.props.onReady?.(handle);
  }
  onImageFiles(images: PendingInlineImage[], position: number): void {
    this.props.onImageFiles?.(images, position);
  }
  onFiles(files: File[]): void {
    this.props.onFiles?.(files);
  }
  addInlineImage(file: File): string | null {
    return this.props.addInlineImage ? this.props.addInlineImage(file) : createContentId();
  }
  onInlineImagesChange(ids: string[]): void {
    this.props.onInlineImagesChange?.(ids);
  }
}

interface HandleDeps {
  initialMode: BodyMode;
  initialText: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  setView: (view: { mode: BodyMode; seed: string }) => void;
  notify: () => void;
}

function createHandle(editor: Editor, deps: HandleDeps): MessageEditorHandle {
  let mode = deps.initialMode;
  // The text while the box is not mounted yet (just switched) and the signature it ends with.
  let pendingText = deps.initialMode === 'text' ? deps.initialText : '';
  let textSignature: string | null = null;
  const currentText = () => deps.textareaRef.current?.value ?? pendingText;
  // Reads of the body (each save and journal write) redo only the blocks that changed.
  const serializer = new BodySerializer();
  // The first read serialises everything (~0.4 s for a megabyte of quoted thread on a slow machine):
  // do it while the window is idle after opening, not at the first journal write once the user types.
  whenIdle(() => {
    if (!editor.isDestroyed && mode === 'html') serializer.serialize(editor.state.doc);
  });
  const writeText = (text: string) => {
    pendingText = text;
    if (deps.textareaRef.current) deps.textareaRef.current.value = text;
  };
  return {
    editor,
    getMode: () => mode,
    setPlainText(on) {
      const next: BodyMode = on ? 'text' : 'html';
      if (mode === next) return;
      if (on) {
        const text = htmlToText(toMessageHtml(editor).html);
        pendingText = text;
        // The signature is now part of the text; remember it so a From change can still replace it.
        textSignature = null;
        editor.state.doc.descendants((node) => {
          if (node.type.name !== SIGNATURE_NODE) return true;
          textSignature = htmlToText(toMessageHtmlOfNode(editor, node));
          return false;
        });
        deps.setView({ mode: 'text', seed: text });
      } else {
        editor.commands.setContent(textToHtml(currentText()), { emitUpdate: false });
        textSignature = null;
        deps.setView({ mode: 'html', seed: '' });
      }
      mode = next;
      deps.notify();
    },
    getBody() {
      if (mode === 'text') return { mode: 'text', html: null, text: currentText(), inlineImages: [] };
      const { html, text, inlineImages, trailingBreaks } = serializer.serialize(editor.state.doc);
      return { mode: 'html', html, text, inlineImages, trailingBreaks };
    },
    setSignature(signature) {
      if (mode === 'html') {
        setSignatureBlock(editor, signature);
        deps.notify();
        return;
      }
      writeText(replaceTextSignature(currentText(), textSignature, signature ? signatureText(signature) : ''));
      textSignature = signature ? signatureText(signature) || null : null;
      deps.notify();
    },
    focus() {
      if (mode === 'text') deps.textareaRef.current?.focus();
      else editor.commands.focus();
    },
  };
}

/** Runs `task` when the page is idle (a timer where `requestIdleCallback` is missing). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 200);
}

/** Plain-text signatures: the last occurrence of the previous one is replaced, else appended. */
export function replaceTextSignature(text: string, previous: string | null, next: string): string {
  let body = text;
  const at = previous ? text.lastIndexOf(previous) : -1;
  if (previous && at >= 0) body = text.slice(0, at).replace(/\n+$/, '') + text.slice(at + previous.length);
  body = body.replace(/\n+$/, '');
  return next ? `${body}${body ? '\n\n' : ''}${next}` : body;
}

function toMessageHtmlOfNode(editor: Editor, node: PMNode): string {
  const doc = editor.schema.topNodeType.create(null, node);
  return toMessageHtml(doc).html;
}
