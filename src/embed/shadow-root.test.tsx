import { render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLazyStyles } from '../compose/ui/style-sink';
import { ShadowRoot } from './shadow-root';

/** What a lazily loaded part (the schedule calendar) does with the stylesheet its chunk carries. */
function LazyPart({ css }: { css: string }) {
  useLazyStyles('lazy-part', css);
  return <p>lazy part</p>;
}

const sheetIds = (root: { children: HTMLCollection }) =>
  [...root.children].filter((el): el is HTMLStyleElement => el instanceof HTMLStyleElement).map((el) => el.dataset['mcStyle']);

afterEach(() => {
  for (const sheet of document.head.querySelectorAll('style[data-mc-style]')) sheet.remove();
});

describe('stylesheets of lazy parts', () => {
  it('in the embed: go into the shadow root once, between the base and the component sheets, with rem scoped — never into the host document', async () => {
    const { container, rerender } = render(
      <ShadowRoot>
        <LazyPart css=".lazy{margin:1rem}" />
      </ShadowRoot>,
    );
    const shadow = container.querySelector('[data-mailbox-compose]')!.shadowRoot!;
    await waitFor(() => expect(shadow.textContent).toContain('lazy part'));
    expect(sheetIds(shadow)).toEqual(['base', 'lazy-part', 'components']);
    expect(shadow.querySelector('style[data-mc-style="lazy-part"]')!.textContent).toBe('.lazy{margin:calc(1 * var(--mc-rem, 16px))}');

    rerender(
      <ShadowRoot>
        <LazyPart css=".lazy{margin:1rem}" />
        <LazyPart css=".lazy{margin:1rem}" />
      </ShadowRoot>,
    );
    expect(sheetIds(shadow)).toEqual(['base', 'lazy-part', 'components']);
    expect(document.head.querySelector('style[data-mc-style]')).toBeNull();
  });

  it('in a page of its own: go first into the document head, once, so the page’s own rules win', () => {
    const own = document.createElement('style');
    document.head.append(own);
    render(
      <>
        <LazyPart css=".lazy{margin:1rem}" />
        <LazyPart css=".lazy{margin:1rem}" />
      </>,
    );
    const added = document.head.querySelectorAll('style[data-mc-style="lazy-part"]');
    expect(added).toHaveLength(1);
    expect(document.head.firstElementChild).toBe(added[0]);
    expect(added[0]!.textContent).toBe('.lazy{margin:1rem}');
    own.remove();
  });
});
