import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Editor } from '@tiptap/core';
import { MarkButton } from './mark-buttons';
import { BlockButton } from './block-buttons';
import { AlignButtons } from './align-buttons';
import { DirectionButtons } from './direction-buttons';
import { HistoryButtons } from './history-buttons';
import { ClearFormattingButton } from './clear-formatting-button';
import { LinkControl } from './link-control';
import { TextColourControl } from './color-control';
import { InsertImageButton } from './insert-image-button';
import { ImageOptionsControl } from './image-options-control';
import { useT } from '../../../i18n/react';

const ITEM = '[data-toolbar-item]';

/**
 * The formatting toolbar: one Tab stop, arrow keys (and Home/End) move between controls. The roving
 * tabindex is kept on the DOM directly so moving through the toolbar re-renders nothing.
 */
export function Toolbar({ editor }: { editor: Editor }) {
  const ref = useRef<HTMLDivElement>(null);
  const t = useT();

  useEffect(() => {
    const items = toolbarItems(ref.current);
    items.forEach((item, i) => (item.tabIndex = i === 0 ? 0 : -1));
  }, []);

  const onFocus = (target: EventTarget) => {
    const items = toolbarItems(ref.current);
    if (!items.includes(target as HTMLElement)) return;
    for (const item of items) item.tabIndex = item === target ? 0 : -1;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = toolbarItems(ref.current);
    const index = items.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    let next = -1;
    // In a right-to-left layout the toolbar runs from the right: → goes back, ← goes forward.
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
    if (event.key === forward) next = (index + 1) % items.length;
    else if (event.key === backward) next = (index - 1 + items.length) % items.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    if (next < 0) return;
    event.preventDefault();
    items[next].focus();
  };

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={t('editor.toolbar')}
      aria-orientation="horizontal"
      className="mc-toolbar"
      onFocus={(e) => onFocus(e.target)}
      onKeyDown={onKeyDown}
    >
      <div className="mc-toolbar__group">
        <MarkButton editor={editor} mark="bold" />
        <MarkButton editor={editor} mark="italic" />
        <MarkButton editor={editor} mark="underline" />
        <MarkButton editor={editor} mark="strike" />
        <TextColourControl editor={editor} />
      </div>
      <div className="mc-toolbar__group">
        <LinkControl editor={editor} />
        <MarkButton editor={editor} mark="code" />
        <InsertImageButton editor={editor} />
        <ImageOptionsControl editor={editor} />
      </div>
      <div className="mc-toolbar__group">
        <BlockButton editor={editor} block="bulletList" />
        <BlockButton editor={editor} block="orderedList" />
        <BlockButton editor={editor} block="blockquote" />
      </div>
      <div className="mc-toolbar__group">
        <AlignButtons editor={editor} />
        <DirectionButtons editor={editor} />
      </div>
      <div className="mc-toolbar__group">
        <ClearFormattingButton editor={editor} />
        <HistoryButtons editor={editor} />
      </div>
    </div>
  );
}

function toolbarItems(root: HTMLElement | null): HTMLElement[] {
  if (!root) return [];
  // Only the toolbar's own buttons, not the fields of an open popover.
  return Array.from(root.querySelectorAll<HTMLElement>(ITEM));
}
