import type { ReactNode } from 'react';
import type { MessageEditorProps } from '../editor/message-editor';
import { useT } from '../../i18n/react';
import { lazyChunk, useLazyChunk } from './lazy-chunk';

/**
 * The message body's editor (tiptap and ProseMirror, the largest part of the window) is a chunk of
 * its own. `preloadMessageEditor()` starts fetching it; the app calls it when a session starts and
 * the window when it mounts, so by the time a window opens the chunk is usually there already, and
 * otherwise it loads alongside the account data instead of after it.
 */
type EditorModule = typeof import('../editor/message-editor');

const editorChunk = lazyChunk<EditorModule>(() => import('../editor/message-editor'));

export const preloadMessageEditor = (): Promise<EditorModule> => editorChunk.load();

/**
 * The message body: the editor once its chunk is in, a placeholder of the same size until then, and
 * a plain-words error with Try again when the chunk cannot be fetched. (Not React.lazy: see
 * `useLazyChunk` — the 300 ms reveal hold-back showed in `npm run bench`, ready.)
 */
export function LazyMessageEditor(props: MessageEditorProps) {
  // The module when it is in already (the usual case: preloaded): the first render is the editor.
  const { module, failed, retry } = useLazyChunk(editorChunk);
  const hideToolbar = props.hideToolbar ?? false;
  if (module) return <module.MessageEditor {...props} />;
  if (!failed) return <EditorPlaceholder hideToolbar={hideToolbar} />;
  return (
    <EditorPlaceholder hideToolbar={hideToolbar}>
      <EditorLoadFailed onRetry={retry} />
    </EditorPlaceholder>
  );
}

/** Buttons per toolbar group, as `toolbar.tsx` lays them out, so the placeholder wraps like the real one (a test keeps them in step). */
export const TOOLBAR_GROUPS = [5, 4, 3, 5, 3];

/** The editor's outline at its real size (toolbar rows and the body's minimum height): no jump when it arrives. */
export function EditorPlaceholder({ hideToolbar, children }: { hideToolbar: boolean; children?: ReactNode }) {
  const t = useT();
  return (
    <div className="mc-editor" data-placeholder="" aria-busy="true">
      {!hideToolbar && (
        <div className="mc-toolbar" aria-hidden="true">
          {TOOLBAR_GROUPS.map((count, group) => (
            <div className="mc-toolbar__group" key={group}>
              {Array.from({ length: count }, (_, i) => (
                <span className="mc-toolbar__button" aria-disabled="true" key={i} />
              ))}
            </div>
          ))}
        </div>
      )}
      <div className="mc-editor__surface">
        <div className="mc-editor__content">{children ?? <span style={{ color: 'var(--mc-muted, #57606a)' }}>{t('editor.loading')}</span>}</div>
      </div>
    </div>
  );
}

function EditorLoadFailed({ onRetry }: { onRetry(): void }) {
  const t = useT();
  return (
    <span role="alert">
      {t('editor.loadFailed')}{' '}
      <button type="button" className="secondary-button" onClick={onRetry}>
        {t('compose.tryAgain')}
      </button>
    </span>
  );
}
