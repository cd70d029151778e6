import { useRef, type ChangeEvent, type Ref } from 'react';
import type { UploadQueue } from '../model/upload-queue';
import './attachments.css';
import { useT } from '../../i18n/react';

export interface AttachFilesButtonProps {
  queue: UploadQueue;
  /** Extra class for the button (the toolbar's look). */
  className?: string;
  disabled?: boolean;
  /** The button, e.g. for a keyboard shortcut that opens the chooser with `.click()`. */
  ref?: Ref<HTMLButtonElement>;
}

/**
 * `Attach files`: a button that opens the file chooser. The chooser's `<input type=file multiple>`
 * is visually hidden but labelled `Attach files`, so tests can `setInputFiles` on it directly.
 */
export function AttachFilesButton({ queue, className, disabled = false, ref }: AttachFilesButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  const t = useT();
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = event.currentTarget.files;
    if (files && files.length > 0) queue.addFiles(Array.from(files));
    // Cleared so choosing the same file again (after removing it) fires change again.
    event.currentTarget.value = '';
  };
  return (
    <>
      <button ref={ref} type="button" className={className ?? 'attach-files-button'} disabled={disabled} onClick={() => input.current?.click()}>
        {t('attachments.attach')}
      </button>
      <input ref={input} type="file" multiple aria-label={t('attachments.attach')} className="attach-files-input" tabIndex={-1} disabled={disabled} onChange={onChange} />
    </>
  );
}
