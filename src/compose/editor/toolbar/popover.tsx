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
      const target = event.target as globalThis.Node | null;
      if (target && !root?.contains(target) && !anchorRef.current?.contains(target)) close.current();
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
