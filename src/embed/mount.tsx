import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { EmbedController } from './embed-controller';
import { EmbeddedComposeView } from './embedded-compose-view';
import { ComposeOptionsError } from './errors';
import { checkTheme, toComposeRequest } from './options';
import type { ComposeCloseResult, ComposeHandle, ComposeOptions, ComposeTheme, EmbeddedComposeHandle } from './types';

/**
 * Mounts a compose window into `element` (the host's own element; ours is added inside it, in a
 * shadow root) and answers a handle. Options are checked first: a mistake throws a
 * `ComposeOptionsError` in plain words and mounts nothing.
 *
 * The window stays mounted after it closes (the "Message sent" toast with Undo lives on); call
 * `handle.close()` to take everything away.
 */
export function mountCompose(element: Element, options: ComposeOptions): ComposeHandle {
  if (!(element instanceof Element)) throw new ComposeOptionsError('mountCompose needs the DOM element to mount the compose window into.');
  if (!options || typeof options !== 'object') throw new ComposeOptionsError('mountCompose needs options: at least `auth`, the session to use.');
  if (options.layout !== undefined && options.layout !== 'inline' && options.layout !== 'floating')
    throw new ComposeOptionsError(`\`layout\` must be "inline" or "floating"; got ${JSON.stringify(options.layout)}.`);
  toComposeRequest(options.open, options.prefill);
  checkTheme(options.theme);
  const controller = new EmbedController(options);

  const container = document.createElement('div');
  container.setAttribute('data-mailbox-compose-mount', '');
  element.append(container);
  const root: Root = createRoot(container);
  // Set once React has mounted the view (rendering is asynchronous); opens asked for before then wait.
  let view: EmbeddedComposeHandle | null = null;
  const waitingOpens: Array<(view: EmbeddedComposeHandle) => void> = [];
  const viewRef = (next: EmbeddedComposeHandle | null) => {
    view = next;
    if (next) for (const open of waitingOpens.splice(0)) open(next);
  };
  let theme: ComposeTheme | undefined = options.theme;
  let destroyed = false;

  const render = () =>
    root.render(
      <StrictMode>
        <EmbeddedComposeView controller={controller} options={{ ...options, theme }} ref={viewRef} />
      </StrictMode>,
    );
  render();

  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    root.unmount();
    container.remove();
    controller.dispose();
  };

  return {
    async close(): Promise<ComposeCloseResult | null> {
      if (destroyed) return null;
      const result = (await view?.close()) ?? null;
      destroy();
      return result;
    },
    focus() {
      if (!destroyed) view?.focus();
    },
    on: (event, listener) => controller.on(event, listener),
    update(changes) {
      if (destroyed) throw new ComposeOptionsError('This compose window was closed; mount a new one.');
      if (changes.theme !== undefined) {
        checkTheme(changes.theme);
        theme = changes.theme;
        render();
      }
      if (changes.auth !== undefined) controller.supplyAuth(changes.auth);
    },
    open(open, prefill) {
      if (destroyed) throw new ComposeOptionsError('This compose window was closed; mount a new one.');
      toComposeRequest(open, prefill);
      if (view) view.open(open, prefill);
      else waitingOpens.push((ready) => ready.open(open, prefill));
    },
  };
}

export { ComposeOptionsError } from './errors';
export type * from './types';
