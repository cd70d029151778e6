import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import type { MessageEditorProps } from '../editor/message-editor';
// The placeholder wears the editor's own classes, so it needs its stylesheet before the editor chunk.
import '../editor/editor.css';
import { useT } from '../../i18n/react';

/**
 * The message body's editor (tiptap and ProseMirror, the largest part of the window) is a chunk of
 * its own. `preloadMessageEditor()` starts fetching it; the app calls it when a session starts and
 * the window when it mounts, so by the time a window opens the chunk is usually there already, and
 * otherwise it loads alongside the account data instead of after it.
 */
type EditorModule = typeof import('../editor/message-editor');

let loading: Promise<EditorModule> | null = null;
let loaded: EditorModule | null = null;

export function preloadMessageEditor(): Promise<EditorModule> {
  loading ??= import('../editor/message-editor').then(
    (module) => (loaded = module),
    (error: unknown) => {
      // A failed fetch (offline for a moment) is tried again by the next call.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * A React.lazy editor. When the chunk is in already, the factory answers a thenable that resolves
 * synchronously, so the first render shows the editor itself rather than one frame of placeholder.
 */
function lazyEditor(): ComponentType<MessageEditorProps> {
  return lazy(() => {
    if (loaded) {
      const module = { default: loaded.MessageEditor };
      return { then: (resolve: (value: typeof module) => void) => resolve(module) } as unknown as Promise<typeof module>;
    }
    return preloadMessageEditor().then((m) => ({ default: m.MessageEditor }));
  });
}

/**
 * The message body: the editor once its chunk is in, a placeholder of the same size until then, and
 * a plain-words error with Try again when the chunk cannot be fetched.
 */
export function LazyMessageEditor(props: MessageEditorProps) {
  // A new lazy component per attempt: React.lazy remembers a failure for good.
  const [attempt, setAttempt] = useState(() => ({ Editor: lazyEditor() }));
  const { Editor } = attempt;
  return (
    <EditorLoadBoundary onRetry={() => setAttempt({ Editor: lazyEditor() })} hideToolbar={props.hideToolbar ?? false}>
      <Suspense fallback={<EditorPlaceholder hideToolbar={props.hideToolbar ?? false} />}>
        <Editor {...props} />
      </Suspense>
    </EditorLoadBoundary>
  );
}

/** Buttons per toolbar group, as `toolbar.tsx` lays them out, so the placeholder wraps like the real one. */
const TOOLBAR_GROUPS = [5, 4, 3, 3, 3];

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

interface BoundaryProps {
  hideToolbar: boolean;
  onRetry(): void;
  children: ReactNode;
}

/** Catches a failed chunk fetch (the only thing that can go wrong before the editor exists). */
class EditorLoadBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <EditorPlaceholder hideToolbar={this.props.hideToolbar}>
        <EditorLoadFailed
          onRetry={() => {
            this.setState({ failed: false });
            this.props.onRetry();
          }}
        />
      </EditorPlaceholder>
    );
  }
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
