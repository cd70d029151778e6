import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { LOCALES, loadCatalog } from '../i18n/core';

// The app fetches non-English catalogs when it switches to them; tests switch synchronously.
await Promise.all(LOCALES.map(loadCatalog));

// findBy*/waitFor give up after this long. The default second is too short on a loaded machine
// (CI, 2 cores, every test file at once) when a window first imports its lazy editor chunk; a
// passing wait still ends as soon as its condition holds, so this only moves the failure point.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
});
