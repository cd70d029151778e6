import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

export interface PopoverProps {
  /** Accessible name of the dialog. */
  label: string;
  anchorRef: RefObject<HTMLButtonElement | null>;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A small non-modal dialog under a toolbar button. Escape or a click outside closes it and focus goes
 * back to the button; the first field gets focus when it opens.
 */
export function Popover({ label, anchorRef, onClose, children }: PopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const root = ref.current;
    root?.querySelector<HTMLElement>('input, button, [tabindex="0"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      // The path, not the target: inside a shadow root (the embedded window) the document sees
      // every click as a click on the shadow host.
      const path = event.composedPath();
      const anchor = anchorRef.current;
      if (path.length > 0 && !(root && path.includes(root)) && !(anchor && path.includes(anchor))) close.current();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [anchorRef]);

  return (
    <div
      ref={ref}
      id={id}
      role="dialog"
      aria-label={label}
      className="mc-popover"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          event.preventDefault();
          close.current();
          anchorRef.current?.focus();
        }
      }}
    >
      {children}
    </div>
  );
}
