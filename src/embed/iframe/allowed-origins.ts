/**
 * The host origins a compose frame obeys. Only exact origins (`https://mail.example.com`,
 * `http://localhost:8080`) — no wildcards, no paths: a message is either from one of them or ignored.
 */
export interface AllowedOrigins {
  origins: string[];
  /** Entries that were not origins, so the page can say why nothing works. */
  rejected: string[];
}

export function parseAllowedOrigins(list: string | null | undefined): AllowedOrigins {
  const origins: string[] = [];
  const rejected: string[] = [];
  for (const raw of (list ?? '').split(/[\s,]+/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const origin = asOrigin(entry);
    if (origin && !origins.includes(origin)) origins.push(origin);
    else if (!origin) rejected.push(entry);
  }
  return { origins, rejected };
}

function asOrigin(entry: string): string | null {
  try {
    const url = new URL(entry);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    // Exactly an origin: "https://x.test" or "https://x.test/" but not "https://x.test/app".
    if (url.origin === 'null' || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) return null;
    return entry.replace(/\/$/, '') === url.origin ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The frame's list: the build-time `VITE_COMPOSE_ALLOWED_ORIGINS` when the deployment set one (then
 * the URL cannot widen it), otherwise the page URL's `?allowedOrigins=` (comma-separated).
 */
export function allowedOriginsFor(search: string, buildTime: string | undefined): AllowedOrigins {
  if (buildTime && buildTime.trim()) return parseAllowedOrigins(buildTime);
  return parseAllowedOrigins(new URLSearchParams(search).get('allowedOrigins'));
}
