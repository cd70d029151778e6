import './attachments.css';

/**
 * Shown over the compose window while files are dragged over it. It lets pointer events through,
 * so the drop lands on what is under it: the body (inline images) or anywhere else (attachments).
 */
export function DropOverlay({ active, text = 'Drop files to attach' }: { active: boolean; text?: string }) {
  if (!active) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p className="drop-overlay-text">{text}</p>
    </div>
  );
}
