import { useRef, type ChangeEvent } from 'react';
import type { UploadQueue } from '../model/upload-queue';
import './attachments.css';

export interface AttachFilesButtonProps {
  queue: UploadQueue;
  /** Extra class for the button (the toolbar's look). */
  className?: string;
}

/**
 * `Attach files`: a button that opens the file chooser. The chooser's `<input type=file multiple>`
 * is visually hidden but labelled `Attach files`, so tests can `setInputFiles` on it directly.
 */
export function AttachFilesButton({ queue, className }: AttachFilesButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = event.currentTarget.files;
    if (files && files.length > 0) queue.addFiles(Array.from(files));
    // Cleared so choosing the same file again (after removing it) fires change again.
    event.currentTarget.value = '';
  };
  return (
    <>
      <button type="button" className={className ?? 'attach-files-button'} onClick={() => input.current?.click()}>
        Attach files
      </button>
      <input ref={input} type="file" multiple aria-label="Attach files" className="visually-hidden" tabIndex={-1} onChange={onChange} />
    </>
  );
}
