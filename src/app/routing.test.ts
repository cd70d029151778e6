import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './routing';

describe('portal routes', () => {
  it('round-trip folder, page and mail ids, including characters that need escaping', () => {
    const route = { folderId: '12_3', mailId: 'ab/c+d==', page: 2 };
    expect(parseRoute(routeHref(route))).toEqual(route);
    expect(parseRoute(routeHref({ folderId: '7_1' }))).toEqual({ folderId: '7_1', mailId: null, page: 0 });
  });

  it('treat anything else as "no folder chosen"', () => {
    expect(parseRoute('')).toEqual({ folderId: null, mailId: null, page: 0 });
    expect(parseRoute('#/elsewhere/1')).toEqual({ folderId: null, mailId: null, page: 0 });
    expect(parseRoute('#/folder/1@-3').page).toBe(0);
  });
});
