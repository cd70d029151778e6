import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { LOCALES, loadCatalog } from '../i18n/core';

// The app fetches non-English catalogs when it switches to them; tests switch synchronously.
await Promise.all(LOCALES.map(loadCatalog));

afterEach(() => {
  cleanup();
});
