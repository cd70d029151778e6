import { useSyncExternalStore } from 'react';

/**
 * The portal's location lives in the URL hash (`#/folder/<folderId>/<mailId>`), so reloads and
 * the browser's back button work without a router library and without a server route table.
 */
export interface PortalRoute {
  folderId: string | null;
  mailId: string | null;
  page: number;
}

export function parseRoute(hash: string): PortalRoute {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] !== 'folder' || !parts[1]) return { folderId: null, mailId: null, page: 0 };
  const [folderPart, pagePart] = parts[1].split('@');
  const page = Number(pagePart ?? 0);
  return { folderId: folderPart!, mailId: parts[2] || null, page: Number.isInteger(page) && page > 0 ? page : 0 };
}

export function routeHref(route: Partial<PortalRoute> & { folderId: string }): string {
  const folder = encodeURIComponent(route.folderId) + (route.page ? `@${route.page}` : '');
  return `#/folder/${folder}${route.mailId ? `/${encodeURIComponent(route.mailId)}` : ''}`;
}

export function navigate(route: Partial<PortalRoute> & { folderId: string }): void {
  window.location.hash = routeHref(route);
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
