import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, useState } from 'react';
import { MessageEditor, type MessageEditorHandle, type MessageEditorProps } from './message-editor';

let handle: MessageEditorHandle | null = null;
afterEach(() => {
  handle = null;
});

function renderEditor(props: Partial<MessageEditorProps> = {}) {
  const onChange = vi.fn();
  const parentRenders = { count: 0 };
  const editorCommits = { count: 0 };
  function Parent() {
    parentRenders.count += 1;
    // A parent holding unrelated state, like the compose window does.
    const [subject] = useState('Hello');
    return (
      <div>
        <span>{subject}</span>
        <Profiler id="editor" onRender={() => (editorCommits.count += 1)}>
          <MessageEditor
            initialHtml="<p>Hello world</p>"
            onChange={onChange}
            onReady={(h) => {
              handle = h;
            }}
            {...props}
          />
        </Profiler>
      </div>
    );
  }
  render(<Parent />);
  if (!handle) throw new Error('onReady was not called');
  return { handle: handle as MessageEditorHandle, onChange, parentRenders, editorCommits };
}

const button = (name: string) => within(screen.getByRole('toolbar', { name: 'Formatting' })).getByRole('button', { name });

describe('MessageEditor', () => {
  it('is a multi-line textbox named "Message body"', () => {
    renderEditor();
    const box = screen.getByRole('textbox', { name: 'Message body' });
    expect(box.getAttribute('aria-multiline')).toBe('true');
    expect(box.textContent).toBe('Hello world');
  });

  it('reports changes through onChange without re-rendering its parent, and keeps the toolbar off the keystroke', () => {
    vi.useFakeTimers();
    try {
      const { handle, onChange, parentRenders, editorCommits } = renderEditor();
      const before = parentRenders.count;
      const commitsBefore = editorCommits.count;
      for (const ch of 'typing fast') {
        act(() => {
          handle.editor.commands.insertContent(ch);
        });
      }
      expect(onChange).toHaveBeenCalledTimes(11);
      expect(parentRenders.count).toBe(before);
      // Typed text reaches the toolbar only after the frame is painted, and then once.
      expect(editorCommits.count - commitsBefore).toBe(0);
      expect(button('Undo').getAttribute('aria-disabled')).toBe('true');
      act(() => {
        vi.advanceTimersByTime(50);
      });
      // Only Undo becoming available changed; the rest of the toolbar commits nothing.
      expect(editorCommits.count - commitsBefore).toBe(1);
      expect(button('Undo').getAttribute('aria-disabled')).not.toBe('true');
      expect(handle.getBody().text).toContain('typing fast');
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a format at once when it is applied (not only after the next frame)', () => {
    const { handle } = renderEditor();
    act(() => {
      handle.editor.commands.selectAll();
      handle.editor.commands.toggleBold();
    });
    expect(button('Bold').getAttribute('aria-pressed')).toBe('true');
  });

  it('renders every formatting control as a named button', () => {
    renderEditor();
    for (const name of [
      'Bold', 'Italic', 'Underline', 'Strikethrough', 'Text colour', 'Link', 'Inline code', 'Insert image', 'Image options',
      'Bulleted list', 'Numbered list', 'Quote', 'Align left', 'Align center', 'Align right', 'Clear formatting', 'Undo', 'Redo',
    ]) {
      expect(button(name).tagName).toBe('BUTTON');
    }
  });

  it('reflects the selection in aria-pressed', () => {
    const { handle } = renderEditor({ initialHtml: '<p><strong>bold</strong> plain</p><ul><li><p>item</p></li></ul>' });
    act(() => {
      handle.editor.commands.setTextSelection(3);
    });
    expect(button('Bold').getAttribute('aria-pressed')).toBe('true');
    expect(button('Italic').getAttribute('aria-pressed')).toBe('false');
    expect(button('Bulleted list').getAttribute('aria-pressed')).toBe('false');
    expect(button('Align left').getAttribute('aria-pressed')).toBe('true');
    act(() => {
      handle.editor.commands.setTextSelection(handle.editor.state.doc.content.size - 3);
    });
    expect(button('Bold').getAttribute('aria-pressed')).toBe('false');
    expect(button('Bulleted list').getAttribute('aria-pressed')).toBe('true');
  });

  it('applies formatting from the buttons', async () => {
    const user = userEvent.setup();
    const { handle } = renderEditor();
    act(() => {
      handle.editor.commands.setTextSelection({ from: 1, to: 6 });
    });
    await user.click(button('Bold'));
    expect(button('Bold').getAttribute('aria-pressed')).toBe('true');
    await user.click(button('Align center'));
    expect(button('Align center').getAttribute('aria-pressed')).toBe('true');
    expect(handle.getBody().html).toBe('<p style="text-align: center;"><strong>Hello</strong> world</p>');
    await user.click(button('Undo'));
    await user.click(button('Undo'));
    expect(handle.getBody().html).toBe('<p>Hello world</p>');
  });

  it('is one tab stop with arrow-key navigation', async () => {
    const user = userEvent.setup();
    renderEditor();
    expect(button('Bold').tabIndex).toBe(0);
    expect(button('Italic').tabIndex).toBe(-1);
    act(() => button('Bold').focus());
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(button('Italic'));
    expect(button('Italic').tabIndex).toBe(0);
    expect(button('Bold').tabIndex).toBe(-1);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(button('Redo'));
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(button('Bold'));
  });

  it('adds a link through the dialog, refusing unsafe or malformed addresses', async () => {
    const user = userEvent.setup();
    const { handle } = renderEditor();
    act(() => {
      handle.editor.commands.setTextSelection({ from: 7, to: 12 });
    });
    await user.click(button('Link'));
    const dialog = screen.getByRole('dialog', { name: 'Add link' });
    const url = within(dialog).getByRole('textbox', { name: 'URL' });
    await user.type(url, 'javascript:alert(1)');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/Only web \(http, https\) and email \(mailto\) links/);
    await user.clear(url);
    await user.type(url, 'example.com/docs');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(handle.getBody().html).toBe('<p>Hello <a target="_blank" rel="noopener noreferrer" href="https://example.com/docs">world</a></p>');
  });

  it('removes a link from the dialog', async () => {
    const user = userEvent.setup();
    const { handle } = renderEditor({ initialHtml: '<p>See <a href="https://example.com">site</a></p>' });
    act(() => {
      handle.editor.commands.setTextSelection(7);
    });
    await user.click(button('Link'));
    const dialog = screen.getByRole('dialog', { name: 'Edit link' });
    expect((within(dialog).getByRole('textbox', { name: 'URL' }) as HTMLInputElement).value).toBe('https://example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Remove link' }));
    expect(handle.getBody().html).toBe('<p>See site</p>');
  });

  it('sets a text colour from the palette', async () => {
    const user = userEvent.setup();
    const { handle } = renderEditor();
    act(() => {
      handle.editor.commands.setTextSelection({ from: 1, to: 6 });
    });
    await user.click(button('Text colour'));
    await user.click(within(screen.getByRole('dialog', { name: 'Text colour' })).getByRole('button', { name: 'Red' }));
    expect(handle.getBody().html).toBe('<p><span style="color: #c5221f;">Hello</span> world</p>');
    await user.click(button('Text colour'));
    const palette = screen.getByRole('dialog', { name: 'Text colour' });
    expect(within(palette).getByRole('button', { name: 'Red' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(within(palette).getByRole('button', { name: 'Default colour' }));
    expect(handle.getBody().html).toBe('<p>Hello world</p>');
  });

  it('edits alt text and width of the selected image from "Image options"', async () => {
    const user = userEvent.setup();
    const { handle } = renderEditor({ initialHtml: '<p>a<img src="blob:x/1" data-content-id="c1@x"></p>' });
    expect(button('Image options').getAttribute('aria-disabled')).toBe('true');
    act(() => {
      handle.editor.commands.setNodeSelection(2);
    });
    expect(button('Image options').getAttribute('aria-disabled')).toBeNull();
    await user.click(button('Image options'));
    const dialog = screen.getByRole('dialog', { name: 'Image options' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Alt text' }), 'Team photo');
    await user.type(within(dialog).getByRole('spinbutton', { name: 'Width' }), '5');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/Width must be a whole number of pixels from 16 to 2000/);
    await user.type(within(dialog).getByRole('spinbutton', { name: 'Width' }), '00');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(handle.getBody().html).toBe('<p>a<img src="cid:c1@x" alt="Team photo" width="500"></p>');
  });

  it('switches to plain text and back', () => {
    const { handle, onChange } = renderEditor({ initialHtml: '<p>Hi <strong>Ann</strong></p><ul><li><p>one</p></li></ul>' });
    act(() => handle.setPlainText(true));
    const box = screen.getByRole('textbox', { name: 'Message body' }) as HTMLTextAreaElement;
    expect(box.tagName).toBe('TEXTAREA');
    expect(box.value).toBe('Hi Ann\n\n- one');
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(handle.getBody()).toEqual({ mode: 'text', html: null, text: 'Hi Ann\n\n- one', inlineImages: [] });
    expect(onChange).toHaveBeenCalled();

    act(() => handle.setSignature({ id: 's', text: 'Ann' }));
    expect(box.value).toBe('Hi Ann\n\n- one\n\nAnn');
    act(() => handle.setSignature({ id: 't', text: 'Ann Lee' }));
    expect(box.value).toBe('Hi Ann\n\n- one\n\nAnn Lee');

    act(() => handle.setPlainText(false));
    expect(handle.getMode()).toBe('html');
    expect(handle.getBody().html).toBe('<p>Hi Ann</p><p>- one</p><p>Ann Lee</p>');
    expect(screen.getByRole('toolbar', { name: 'Formatting' })).toBeTruthy();
  });

  it('inserts and replaces the signature in HTML mode', () => {
    const { handle } = renderEditor();
    act(() => handle.setSignature({ id: 'a', html: '<p>A</p>' }));
    act(() => handle.setSignature({ id: 'b', html: '<p>B</p>' }));
    expect(handle.getBody().html).toBe('<p>Hello world</p><p><br></p><div data-signature="b" class="mc-signature"><p>B</p></div>');
  });
});

describe('keyboard', () => {
  const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });

  it('leaves Mod+Enter and Mod+S to the compose window (not default-prevented by the editor)', () => {
    renderEditor();
    const box = screen.getByRole('textbox', { name: 'Message body' });
    for (const init of [{ key: 'Enter', ctrlKey: true }, { key: 'Enter', metaKey: true }, { key: 's', ctrlKey: true }, { key: 'Escape' }]) {
      const event = key(init);
      box.dispatchEvent(event);
      expect(event.defaultPrevented).toBe(false);
    }
  });

  it('breaks the line on Shift+Enter and applies Mod+B', () => {
    const { handle } = renderEditor();
    const box = screen.getByRole('textbox', { name: 'Message body' });
    act(() => {
      handle.editor.commands.setTextSelection(6);
    });
    act(() => {
      box.dispatchEvent(key({ key: 'Enter', shiftKey: true }));
    });
    expect(handle.getBody().html).toBe('<p>Hello<br> world</p>');
    act(() => {
      handle.editor.commands.setTextSelection({ from: 1, to: 6 });
    });
    act(() => {
      box.dispatchEvent(key({ key: 'b', ctrlKey: true }));
    });
    expect(handle.getBody().html).toBe('<p><strong>Hello</strong><br> world</p>');
  });
});
