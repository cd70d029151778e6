import { render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLazyStyles, type StyleLayer } from '../compose/ui/style-sink';
import { ShadowRoot } from './shadow-root';

/** What a lazily loaded part (the schedule calendar, the toasts) does with the stylesheet its chunk carries. */
function LazyPart({ id, css, layer }: { id: string; css: string; layer: StyleLayer }) {
  useLazyStyles(id, css, layer);
  return <p>{id}</p>;
}

const sheetIds = (root: { children: HTMLCollection }) =>
  [...root.children].filter((el): el is HTMLStyleElement => el instanceof HTMLStyleElement).map((el) => el.dataset['mcStyle']);

afterEach(() => {
  for (const sheet of document.head.querySelectorAll('style[data-mc-style]')) sheet.remove();
});

describe('stylesheets of lazy parts', () => {
  it('in the embed: go into the shadow root once — a library’s between the base and the component sheets, ours after them — with rem scoped, never into the host document', async () => {
    const { container, rerender } = render(
      <ShadowRoot>
        <LazyPart id="calendar" css=".lazy{margin:1rem}" layer="library" />
      </ShadowRoot>,
    );
    const shadow = container.querySelector('[data-mailbox-compose]')!.shadowRoot!;
    await waitFor(() => expect(shadow.textContent).toContain('calendar'));
    expect(sheetIds(shadow)).toEqual(['base', 'calendar', 'components']);
    expect(shadow.querySelector('style[data-mc-style="calendar"]')!.textContent).toBe('.lazy{margin:calc(1 * var(--mc-rem, 16px))}');

    rerender(
      <ShadowRoot>
        <LazyPart id="calendar" css=".lazy{margin:1rem}" layer="library" />
        <LazyPart id="calendar" css=".lazy{margin:1rem}" layer="library" />
        <LazyPart id="toasts" css=".toast{margin:1rem}" layer="component" />
      </ShadowRoot>,
    );
    expect(sheetIds(shadow)).toEqual(['base', 'calendar', 'components', 'toasts']);
    // The window's root stays after every sheet.
    expect(shadow.lastElementChild!.classList.contains('mc-embed-root')).toBe(true);
    expect(document.head.querySelector('style[data-mc-style]')).toBeNull();
  });

  it('in a page of its own: go into the document head once — a library’s first, so the page’s rules win; ours last', () => {
    const own = document.createElement('style');
    document.head.append(own);
    render(
      <>
        <LazyPart id="calendar" css=".lazy{margin:1rem}" layer="library" />
        <LazyPart id="calendar" css=".lazy{margin:1rem}" layer="library" />
        <LazyPart id="toasts" css=".toast{margin:1rem}" layer="component" />
      </>,
    );
    const added = document.head.querySelectorAll('style[data-mc-style="calendar"]');
    expect(added).toHaveLength(1);
    expect(document.head.firstElementChild).toBe(added[0]);
    expect(added[0]!.textContent).toBe('.lazy{margin:1rem}');
    expect((document.head.lastElementChild as HTMLElement).dataset['mcStyle']).toBe('toasts');
    own.remove();
  });
});
