import { useCallback, type ClipboardEvent } from 'react';
import { useDropzone, type DropEvent, type DropzoneRootProps, type FileRejection } from 'react-dropzone';
import type { UploadQueue } from '../model/upload-queue';

export interface AttachmentDropOptions {
  queue: UploadQueue;
  /**
   * The message body. Files dropped or pasted inside it are not attachments here: they go to
   * `onBodyFiles` (the editor inserts images inline at the drop point and queues the rest), or,
   * without it, are left to the editor's own drop and paste handling.
   */
  bodySelector?: string;
  onBodyFiles?: (files: File[]) => void;
  /** Stops accepting drops (e.g. while sending). */
  disabled?: boolean;
}

export const DEFAULT_BODY_SELECTOR = '[data-compose-body]';

/**
 * Drop files anywhere on the compose window to attach them (react-dropzone on the window's root).
 * No click or keyboard opening: the `Attach files` button opens the chooser. Images dropped on the
 * attachment list, the header or anywhere but the body become plain attachments. Pasting files
 * outside the body attaches them too.
 *
 * Spread `rootProps` on the window's root element and show `<DropOverlay active={isDragActive} />`
 * inside it.
 */
export function useAttachmentDrop({ queue, bodySelector = DEFAULT_BODY_SELECTOR, onBodyFiles, disabled = false }: AttachmentDropOptions) {
  const inBody = useCallback(
    (target: EventTarget | null) => target instanceof Element && target.closest(bodySelector) !== null,
    [bodySelector],
  );

  const onDrop = useCallback(
    (accepted: File[], _rejected: FileRejection[], event: DropEvent | null) => {
      if (accepted.length === 0) return;
      const target = event && 'target' in event ? event.target : null;
      if (inBody(target)) {
        onBodyFiles?.(accepted);
        return;
      }
      queue.addFiles(accepted);
    },
    [queue, inBody, onBodyFiles],
  );

  const { getRootProps, isDragActive } = useDropzone({ onDrop, noClick: true, noKeyboard: true, disabled, multiple: true });

  const onPaste = useCallback(
    (event: ClipboardEvent<HTMLElement>) => {
      if (disabled || inBody(event.target)) return;
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      queue.addFiles(files);
    },
    [disabled, inBody, queue],
  );

  // react-dropzone's root props carry role="presentation" and tabIndex: the window keeps its own.
  const { role: _role, tabIndex: _tabIndex, ...rootProps }: DropzoneRootProps = getRootProps({ onPaste });
  return { rootProps, isDragActive };
}
