/** Icons drawn inline: emoji and symbol glyphs are missing from many system fonts. */
const common = { width: 16, height: 16, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const };

export function LinkIcon() {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <path d="M6.5 9.5l3-3" />
      <path d="M7 4.5l1.2-1.2a2.6 2.6 0 013.7 3.7L10.7 8.2" />
      <path d="M9 11.5l-1.2 1.2a2.6 2.6 0 01-3.7-3.7l1.2-1.2" />
    </svg>
  );
}

export function ImageIcon() {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <rect x="2" y="3" width="12" height="10" rx="1.5" />
      <circle cx="6" cy="6.5" r="1.2" />
      <path d="M2.5 12l3.8-3.8 2.7 2.7 1.8-1.8 2.7 2.7" />
    </svg>
  );
}

export function ImageOptionsIcon() {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <rect x="2" y="3" width="8" height="7" rx="1" />
      <path d="M12 8v6M9 11h6" />
    </svg>
  );
}
