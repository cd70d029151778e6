import { useT } from '../../i18n/react';
import './attachments.css';

/**
 * Shown over the compose window while files are dragged over it. It lets pointer events through,
 * so the drop lands on what is under it: the body (inline images) or anywhere else (attachments).
 */
export function DropOverlay({ active, text }: { active: boolean; text?: string }) {
  const t = useT();
  if (!active) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p className="drop-overlay-text">{text ?? t('attachments.drop')}</p>
    </div>
  );
}
