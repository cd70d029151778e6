/**
 * Toolbar state that stays off the typing path.
 *
 * tiptap's `useEditorState` runs every control's selector on every transaction, before the browser
 * paints the key just typed; the toolbar's ~15 selectors (eight of them building tiptap's whole
 * `editor.can()` command table) cost ~1 ms a keystroke in a long body. Typing text cannot change what
 * the toolbar shows except through things that may as well appear a frame later (Undo becoming
 * available, the block's direction), so after a transaction that only typed or deleted text the
 * selectors run once the frame is painted; after anything else (a click, a selection, a format, a
 * paste) they run at once, as before. Either way every change reaches the toolbar.
 */
import { useRef, useSyncExternalStore } from 'react';
import type { Editor } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';

class ToolbarStateSource {
  version = 0;
  private readonly listeners = new Set<() => void>();
  private deferred = false;

  constructor(editor: Editor) {
    editor.on('transaction', ({ transaction, appendedTransactions }) => {
      if (onlyTypes(transaction) && appendedTransactions.every((tr) => onlyTypes(tr) || !changes(tr))) this.afterPaint();
      else this.now();
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private now(): void {
    this.deferred = false;
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  private afterPaint(): void {
    if (this.deferred) return;
    this.deferred = true;
    // The frame's rAF callbacks run before its paint; a task queued from one runs after it.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (this.deferred) this.now();
      }, 0),
    );
  }
}

/** Whether a transaction changes anything a toolbar control could show. */
const changes = (tr: Transaction): boolean => tr.docChanged || tr.selectionSet || tr.storedMarksSet;

/** Text typed or deleted inside one textblock, leaving a caret (what a keystroke does). */
function onlyTypes(tr: Transaction): boolean {
  if (!tr.docChanged) return false;
  if (!tr.selection.empty || tr.storedMarksSet) return false;
  return tr.steps.every((step) => step instanceof ReplaceStep && step.slice.openStart === 0 && step.slice.openEnd === 0 && isInlineText(step.slice.content));
}

function isInlineText(fragment: ReplaceStep['slice']['content']): boolean {
  let text = true;
  fragment.forEach((node) => {
    if (!node.isText) text = false;
  });
  return text;
}

const sources = new WeakMap<Editor, ToolbarStateSource>();

function sourceFor(editor: Editor): ToolbarStateSource {
  let source = sources.get(editor);
  if (!source) {
    source = new ToolbarStateSource(editor);
    sources.set(editor, source);
  }
  return source;
}

/** Same values compared shallowly: selectors answer primitives or small flat objects. */
function same<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** `select(editor)`, re-read after editor transactions as described above; re-renders only when it changes. */
export function useToolbarState<T>(editor: Editor, select: (editor: Editor) => T): T {
  const source = sourceFor(editor);
  const cache = useRef<{ version: number; value: T } | null>(null);
  const read = (): T => {
    const cached = cache.current;
    if (cached && cached.version === source.version) return cached.value;
    const next = select(editor);
    const value = cached && same(cached.value, next) ? cached.value : next;
    cache.current = { version: source.version, value };
    return value;
  };
  return useSyncExternalStore(source.subscribe, read, read);
}
