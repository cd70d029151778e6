import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EditorPlaceholder, LazyMessageEditor, preloadMessageEditor, TOOLBAR_GROUPS } from './lazy-message-editor';

const buttonsPerGroup = (root: ParentNode) =>
  Array.from(root.querySelectorAll('.mc-toolbar > .mc-toolbar__group')).map((group) => group.querySelectorAll('.mc-toolbar__button').length);

describe('the lazily loaded message body', () => {
  it('shows a placeholder with the editor outline, then the editor itself once its chunk is in', async () => {
    const { container } = render(<LazyMessageEditor initialHtml="<p>Hello</p>" />);
    // First render: the chunk is not in yet (nothing has asked for it before this test).
    expect(container.querySelector('[data-placeholder]')).not.toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Message body' })).toBeNull();

    const body = await screen.findByRole('textbox', { name: 'Message body' });
    expect(body.textContent).toBe('Hello');
    expect(container.querySelector('[data-placeholder]')).toBeNull();
  });

  it('renders the editor at once when the chunk was preloaded', async () => {
    await preloadMessageEditor();
    const { container } = render(<LazyMessageEditor initialHtml="<p>Now</p>" />);
    expect(container.querySelector('[data-placeholder]')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Message body' }).textContent).toBe('Now');
  });

  it('lays the placeholder toolbar out like the real one (same groups, same number of buttons), so nothing jumps', async () => {
    await preloadMessageEditor();
    const real = render(<LazyMessageEditor />);
    await screen.findByRole('toolbar', { name: 'Formatting' });
    const realGroups = buttonsPerGroup(real.container);
    real.unmount();
    const placeholder = render(<EditorPlaceholder hideToolbar={false} />);
    expect(buttonsPerGroup(placeholder.container)).toEqual(realGroups);
    expect(realGroups).toEqual(TOOLBAR_GROUPS);
  });
});
