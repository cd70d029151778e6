/**
 * The inline image node: shows a blob:/http URL, carries the `contentId` the message HTML will
 * reference as `cid:`, and the upload state of its temporary attachment.
 *
 * The editor never uploads. Pasted, dropped or picked image files are inserted at once with a blob:
 * preview and `uploading: true`, then handed to the injected `onImageFiles`; the compose window
 * uploads them and reports back with `setImageUploaded` / `markImageFailed`.
 */
import { Node, mergeAttributes, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import type { Node as PMNode, Slice } from '@tiptap/pm/model';
import type { EditorView, NodeView } from '@tiptap/pm/view';
import { createContentId } from '../model/cid';
import { t } from '../../i18n/core';
import {
  INLINE_IMAGE_NODE,
  IMAGE_DEFAULT_MAX_WIDTH,
  clampImageWidth,
  splitTransferFiles,
  type InlineImageAttributes,
} from './inline-image-attributes';

export interface PendingInlineImage {
  file: File;
  contentId: string;
  /** The blob: URL the editor shows; owned by the editor and revoked when it is destroyed. */
  previewUrl: string;
}

export interface InlineImageOptions {
  /**
   * Gives an image file its Content-ID, or null to insert nothing (the file was refused or queued
   * as an attachment). The compose window passes its upload queue's `addInlineImage`, which starts
   * the upload; by default a fresh id is made and nothing is uploaded.
   */
  addInlineImage: (file: File) => string | null;
  /** Called after image files were inserted (uploading) at `position`. */
  onImageFiles: (images: PendingInlineImage[], position: number) => void;
  /**
   * The Content-IDs in the body changed (an image was added, deleted, or brought back by undo).
   * Called only when the set changes, never per keystroke; feed it to the queue's `syncInline`.
   */
  onInlineImagesChange: (contentIds: string[]) => void;
  /** Non-image (or unsafe image, e.g. SVG) files pasted or dropped into the body: attach them. */
  onFiles: (files: File[]) => void;
  createPreviewUrl: (file: File) => string;
  revokePreviewUrl: (url: string) => void;
}

interface ImageStatus {
  tempId: number | null;
  uploading: boolean;
  uploadError: string | null;
}

interface InlineImageStorage {
  /** The authoritative upload state per contentId; undo/redo can bring back stale node attributes. */
  status: Map<string, ImageStatus>;
  previewUrls: Set<string>;
  /** Images inserted from files whose width is set once their natural size is known. */
  autoWidth: Set<string>;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    inlineImage: {
      /** The upload of `contentId` finished as temporary attachment `tempId`. */
      setImageUploaded: (contentId: string, tempId: number) => ReturnType;
      /** The upload failed; the image shows the message until retried or removed. */
      markImageFailed: (contentId: string, message: string) => ReturnType;
      /** A retry started. */
      markImageUploading: (contentId: string) => ReturnType;
      /** Removes every copy of the image (e.g. the user removed its queue item). */
      removeImage: (contentId: string) => ReturnType;
      /** Alt text and/or width of the selected image. */
      updateSelectedImage: (attrs: { alt?: string; width?: number | null }) => ReturnType;
    };
  }
  interface Storage {
    inlineImage: InlineImageStorage;
  }
}

const STATUS_META = 'mcInlineImageStatus';
const pluginKey = new PluginKey('mcInlineImage');
const presenceKey = new PluginKey<string[]>('mcInlineImagePresence');

export const InlineImage = Node.create<InlineImageOptions, InlineImageStorage>({
  name: INLINE_IMAGE_NODE,
  inline: true,
  group: 'inline',
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return {
      addInlineImage: () => createContentId(),
      onImageFiles: () => {},
      onInlineImagesChange: () => {},
      onFiles: () => {},
      createPreviewUrl: (file) => URL.createObjectURL(file),
      revokePreviewUrl: (url) => URL.revokeObjectURL(url),
    };
  },

  addStorage() {
    return { status: new Map(), previewUrls: new Set(), autoWidth: new Set() };
  },

  addAttributes() {
    return {
      src: { default: '', parseHTML: (el) => el.getAttribute('src') ?? '', renderHTML: (a) => ({ src: a.src }) },
      contentId: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-content-id') || null,
        renderHTML: (a) => (a.contentId ? { 'data-content-id': a.contentId } : {}),
      },
      tempId: {
        default: null,
        parseHTML: (el) => {
          const raw = el.getAttribute('data-temp-id');
          return raw && /^\d+$/.test(raw) ? Number(raw) : null;
        },
        renderHTML: (a) => (a.tempId !== null && a.tempId !== undefined ? { 'data-temp-id': String(a.tempId) } : {}),
      },
      alt: { default: '', parseHTML: (el) => el.getAttribute('alt') ?? '', renderHTML: (a) => (a.alt ? { alt: a.alt } : {}) },
      width: {
        default: null,
        parseHTML: (el) => parseWidth(el),
        renderHTML: (a) => (a.width ? { width: String(a.width) } : {}),
      },
      uploading: {
        default: false,
        parseHTML: (el) => el.hasAttribute('data-uploading'),
        renderHTML: (a) => (a.uploading ? { 'data-uploading': '' } : {}),
      },
      uploadError: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-upload-error'),
        renderHTML: (a) => (a.uploadError ? { 'data-upload-error': a.uploadError } : {}),
      },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'img[src]',
        getAttrs: (el) => {
          const src = (el as HTMLElement).getAttribute('src') ?? '';
          if ((el as HTMLElement).hasAttribute('data-content-id')) return /^\s*(data|javascript):/i.test(src) ? false : null;
          return /^https?:/i.test(src.trim()) ? null : false;
        },
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ['img', mergeAttributes(HTMLAttributes)];
  },

  addNodeView() {
    return ({ node, getPos, editor }) => new InlineImageView(node, editor, getPos);
  },

  addCommands() {
    return {
      setImageUploaded:
        (contentId, tempId) =>
        ({ tr, dispatch }) => {
          this.storage.status.set(contentId, { tempId, uploading: false, uploadError: null });
          return applyStatus(tr, contentId, { tempId, uploading: false, uploadError: null }, dispatch);
        },
      markImageFailed:
        (contentId, message) =>
        ({ tr, dispatch }) => {
          const status = { tempId: null, uploading: false, uploadError: message || t('editor.uploadFailed') };
          this.storage.status.set(contentId, status);
          return applyStatus(tr, contentId, status, dispatch);
        },
      markImageUploading:
        (contentId) =>
        ({ tr, dispatch }) => {
          const status = { tempId: null, uploading: true, uploadError: null };
          this.storage.status.set(contentId, status);
          return applyStatus(tr, contentId, status, dispatch);
        },
      removeImage:
        (contentId) =>
        ({ tr, dispatch }) => {
          const positions: { pos: number; size: number }[] = [];
          tr.doc.descendants((n, pos) => {
            if (n.type.name === INLINE_IMAGE_NODE && n.attrs.contentId === contentId) positions.push({ pos, size: n.nodeSize });
          });
          if (positions.length === 0) return false;
          if (dispatch) {
            for (const { pos, size } of positions.reverse()) tr.delete(pos, pos + size);
          }
          return true;
        },
      updateSelectedImage:
        (attrs) =>
        ({ tr, state, dispatch }) => {
          const node = selectedInlineImage(state.selection);
          if (!node) return false;
          if (dispatch) {
            const next: Partial<InlineImageAttributes> = {};
            if (attrs.alt !== undefined) next.alt = attrs.alt.trim();
            if (attrs.width !== undefined) next.width = attrs.width === null ? null : clampImageWidth(attrs.width);
            setAttributes(tr, state.selection.from, next);
          }
          return true;
        },
    };
  },

  onDestroy() {
    for (const url of this.storage.previewUrls) this.options.revokePreviewUrl(url);
    this.storage.previewUrls.clear();
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    const storage = this.storage;
    const options = this.options;
    return [
      new Plugin<string[]>({
        key: presenceKey,
        state: {
          init: (_config, state) => contentIdsIn(state.doc),
          apply: (tr, ids, _oldState, newState) => {
            // Only steps that add or remove image nodes can change the set: typing costs nothing.
            if (!tr.docChanged || !touchesInlineImages(tr)) return ids;
            const next = contentIdsIn(newState.doc);
            return sameIds(ids, next) ? ids : next;
          },
        },
        view: () => ({
          update: (view, prevState) => {
            const ids = presenceKey.getState(view.state)!;
            if (ids !== presenceKey.getState(prevState)) options.onInlineImagesChange(ids);
          },
        }),
      }),
      new Plugin({
        key: pluginKey,
        props: {
          handlePaste: (_view, event) => {
            const data = event.clipboardData;
            const files = Array.from(data?.files ?? []);
            if (files.length === 0) return false;
            // Word, Excel and some browsers put a picture of the copied text next to its HTML:
            // when there is real HTML, the text is what the user meant to paste.
            const html = data?.getData('text/html') ?? '';
            if (html && htmlHasText(html)) return false;
            event.preventDefault();
            handleTransferFiles(editor, files);
            return true;
          },
          handleDrop: (view, event, _slice, moved) => {
            if (moved) return false;
            const files = Array.from(event.dataTransfer?.files ?? []);
            if (files.length === 0) return false;
            event.preventDefault();
            handleTransferFiles(editor, files, dropPosition(view, event));
            return true;
          },
        },
        // Undo/redo restores image nodes with the attributes they had when the step was recorded;
        // bring their upload state back in line with what the window last reported.
        appendTransaction: (transactions, _old, state) => {
          if (!transactions.some((tr) => tr.docChanged && !tr.getMeta(STATUS_META) && insertsInlineImage(tr))) return null;
          const tr = state.tr;
          state.doc.descendants((n, pos) => {
            if (n.type.name !== INLINE_IMAGE_NODE) return true;
            const status = n.attrs.contentId ? storage.status.get(n.attrs.contentId as string) : undefined;
            if (status && (n.attrs.tempId !== status.tempId || n.attrs.uploading !== status.uploading || n.attrs.uploadError !== status.uploadError)) {
              setAttributes(tr, pos, status);
            }
            return false;
          });
          if (!tr.docChanged) return null;
          return tr.setMeta(STATUS_META, true).setMeta('addToHistory', false);
        },
      }),
    ];
  },
});

/**
 * Attribute steps, not `setNodeMarkup`: replacing the node would drop a NodeSelection on it, so an
 * upload finishing while the user has the image selected would move their selection.
 */
function setAttributes(tr: Transaction, pos: number, attrs: Partial<InlineImageAttributes> | ImageStatus): Transaction {
  for (const [name, value] of Object.entries(attrs)) {
    if (tr.doc.nodeAt(pos)?.attrs[name] !== value) tr.setNodeAttribute(pos, name, value);
  }
  return tr;
}

function parseWidth(el: HTMLElement): number | null {
  const raw = el.getAttribute('width') ?? /(?:^|;)\s*width\s*:\s*(\d+(?:\.\d+)?)px/i.exec(el.getAttribute('style') ?? '')?.[1];
  if (!raw || !/^\d+(\.\d+)?$/.test(raw.trim())) return null;
  return clampImageWidth(Number(raw));
}

function applyStatus(
  tr: Transaction,
  contentId: string,
  status: ImageStatus,
  dispatch: unknown,
): boolean {
  tr.doc.descendants((n, pos) => {
    if (n.type.name !== INLINE_IMAGE_NODE) return true;
    if (dispatch && n.attrs.contentId === contentId) setAttributes(tr, pos, status);
    return false;
  });
  // Upload progress is not an edit: it must not become an undo step.
  if (dispatch) tr.setMeta(STATUS_META, true).setMeta('addToHistory', false);
  // An image no longer in the document is fine: the status is remembered in case undo brings it back.
  return true;
}

function insertsInlineImage(tr: Transaction): boolean {
  return tr.steps.some((step) => {
    const slice = (step as unknown as { slice?: Slice }).slice;
    if (!slice) return false;
    let found = false;
    slice.content.descendants((n) => {
      if (n.type.name === INLINE_IMAGE_NODE) found = true;
      return !found;
    });
    return found;
  });
}

/** The Content-IDs of the images in `doc`, each once, in document order. */
export function contentIdsIn(doc: PMNode): string[] {
  const ids = new Set<string>();
  doc.descendants((n) => {
    if (n.type.name === INLINE_IMAGE_NODE && n.attrs.contentId) ids.add(n.attrs.contentId as string);
    return n.type.name !== INLINE_IMAGE_NODE;
  });
  return [...ids];
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Whether a step inserts an image or replaces a range that held one. */
function touchesInlineImages(tr: Transaction): boolean {
  if (insertsInlineImage(tr)) return true;
  return tr.steps.some((step, i) => {
    const range = step as unknown as { from?: number; to?: number; slice?: Slice };
    if (!range.slice || range.from === undefined || range.to === undefined || range.from === range.to) return false;
    let found = false;
    tr.docs[i].nodesBetween(range.from, range.to, (n) => {
      if (n.type.name === INLINE_IMAGE_NODE) found = true;
      return !found;
    });
    return found;
  });
}

function htmlHasText(html: string): boolean {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  return (body.textContent ?? '').trim().length > 0;
}

function dropPosition(view: EditorView, event: DragEvent): number {
  try {
    const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
    if (at) return at.pos;
  } catch {
    // No layout (tests, detached view): fall back to the caret.
  }
  return view.state.selection.from;
}

export function selectedInlineImage(selection: { from: number; to: number } & { node?: PMNode }): PMNode | null {
  const node = selection.node;
  return node && node.type.name === INLINE_IMAGE_NODE ? node : null;
}

/**
 * Routes pasted/dropped/picked files: images that may be inlined are inserted at `position` (or in
 * place of the selection when no position is given), everything else goes to `onFiles`.
 */
export function handleTransferFiles(editor: Editor, files: readonly File[], position?: number): void {
  const { images, others } = splitTransferFiles(files);
  const ext = editor.extensionManager.extensions.find((e) => e.name === INLINE_IMAGE_NODE);
  const options = ext?.options as InlineImageOptions | undefined;
  if (!options) throw new Error('The InlineImage extension is not registered in this editor.');
  if (images.length > 0) {
    const inserted = insertImageFiles(editor, images, position, options);
    if (inserted.images.length > 0) options.onImageFiles(inserted.images, inserted.position);
  }
  if (others.length > 0) options.onFiles(others);
}

function insertImageFiles(
  editor: Editor,
  files: readonly File[],
  position: number | undefined,
  options: InlineImageOptions,
): { images: PendingInlineImage[]; position: number } {
  const storage = editor.storage.inlineImage;
  const images: PendingInlineImage[] = [];
  for (const file of files) {
    // The queue may refuse the file (too large, too many): then nothing is inserted, and the queue
    // has already told the user why.
    const contentId = options.addInlineImage(file);
    if (!contentId) continue;
    const previewUrl = options.createPreviewUrl(file);
    storage.previewUrls.add(previewUrl);
    storage.status.set(contentId, { tempId: null, uploading: true, uploadError: null });
    storage.autoWidth.add(contentId);
    images.push({ file, contentId, previewUrl });
  }
  const { state } = editor;
  if (images.length === 0) return { images, position: position ?? state.selection.from };
  const type = state.schema.nodes[INLINE_IMAGE_NODE];
  const nodes = images.map((image) => type.create({ src: image.previewUrl, contentId: image.contentId, uploading: true }));
  const tr = state.tr;
  let at: number;
  if (position === undefined) {
    at = state.selection.from;
    tr.replaceWith(state.selection.from, state.selection.to, nodes);
  } else {
    at = Math.max(0, Math.min(position, state.doc.content.size));
    tr.insert(at, nodes);
  }
  editor.view.dispatch(tr.setMeta(STATUS_META, true).scrollIntoView());
  return { images, position: at };
}

/** Plain DOM, not a React node view: images must not re-render React per keystroke. */
class InlineImageView implements NodeView {
  dom: HTMLElement;
  private img: HTMLImageElement;
  private status: HTMLElement;
  private handle: HTMLElement;
  private node: PMNode;
  private resizeCleanup: (() => void) | null = null;

  constructor(
    node: PMNode,
    private editor: Editor,
    private getPos: () => number | undefined,
  ) {
    this.node = node;
    this.dom = document.createElement('span');
    this.dom.className = 'mc-image';
    this.img = document.createElement('img');
    this.img.draggable = false;
    this.img.addEventListener('load', this.onLoad);
    this.status = document.createElement('span');
    this.status.className = 'mc-image__status';
    this.handle = document.createElement('span');
    this.handle.className = 'mc-image__resize';
    // Pointer-only affordance; keyboard users resize through the toolbar's "Image options".
    this.handle.setAttribute('aria-hidden', 'true');
    this.handle.addEventListener('pointerdown', this.onResizeStart);
    this.dom.append(this.img, this.status, this.handle);
    this.render();
  }

  private render(): void {
    const a = this.node.attrs as InlineImageAttributes;
    if (this.img.getAttribute('src') !== a.src) this.img.setAttribute('src', a.src);
    this.img.alt = a.alt;
    if (a.width) this.img.width = a.width;
    else this.img.removeAttribute('width');
    this.dom.toggleAttribute('data-uploading', a.uploading);
    this.dom.toggleAttribute('data-failed', Boolean(a.uploadError));
    this.dom.toggleAttribute('data-missing', a.src === '');
    this.status.textContent = a.uploadError
      ? t('editor.imageUploadFailed', { reason: a.uploadError })
      : a.uploading
        ? t('editor.imageUploading')
        : a.src === ''
          ? t('editor.imageMissing')
          : '';
    this.status.hidden = this.status.textContent === '';
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.render();
    return true;
  }

  selectNode(): void {
    this.dom.classList.add('is-selected');
  }

  deselectNode(): void {
    this.dom.classList.remove('is-selected');
  }

  stopEvent(event: Event): boolean {
    return event.target === this.handle;
  }

  ignoreMutation(): boolean {
    return true;
  }

  destroy(): void {
    this.resizeCleanup?.();
    this.img.removeEventListener('load', this.onLoad);
    this.handle.removeEventListener('pointerdown', this.onResizeStart);
  }

  private onLoad = (): void => {
    const contentId = this.node.attrs.contentId as string | null;
    const storage = this.editor.storage.inlineImage;
    if (!contentId || !storage.autoWidth.has(contentId)) return;
    storage.autoWidth.delete(contentId);
    if (this.node.attrs.width || this.img.naturalWidth <= IMAGE_DEFAULT_MAX_WIDTH) return;
    this.setWidth(IMAGE_DEFAULT_MAX_WIDTH, false);
  };

  private onResizeStart = (event: PointerEvent): void => {
    event.preventDefault();
    const startX = event.clientX;
    const startWidth = this.img.getBoundingClientRect().width || this.node.attrs.width || this.img.naturalWidth;
    const move = (e: PointerEvent) => {
      this.img.width = clampImageWidth(startWidth + (e.clientX - startX));
    };
    const up = (e: PointerEvent) => {
      cleanup();
      this.setWidth(clampImageWidth(startWidth + (e.clientX - startX)), true);
    };
    const cleanup = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      this.resizeCleanup = null;
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    this.resizeCleanup = cleanup;
  };

  private setWidth(width: number, undoable: boolean): void {
    const pos = this.getPos();
    if (pos === undefined) return;
    const tr = setAttributes(this.editor.state.tr, pos, { width });
    if (!undoable) tr.setMeta('addToHistory', false);
    this.editor.view.dispatch(tr);
  }
}
