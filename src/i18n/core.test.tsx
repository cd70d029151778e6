import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyDocumentLocale, directionOf, getLocale, resolveLocale, setLocale, t } from './core';
import { I18nProvider, useT } from './react';

afterEach(() => {
  setLocale('en');
  applyDocumentLocale('en');
});

describe('locale selection', () => {
  it('takes the first candidate with a catalog: account language, then the browser, then English', () => {
    expect(resolveLocale('ro', 'en-US')).toBe('ro');
    expect(resolveLocale('de', 'ro-RO')).toBe('ro');
    expect(resolveLocale(undefined, 'ar-EG')).toBe('ar');
    expect(resolveLocale('ro_RO')).toBe('ro');
    expect(resolveLocale('zh-tw', 'fr-FR')).toBe('en');
    expect(resolveLocale()).toBe('en');
  });

  it('marks Arabic right-to-left on <html>', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ro')).toBe('ltr');
    applyDocumentLocale('ar');
    expect(document.documentElement.getAttribute('lang')).toBe('ar');
    expect(document.documentElement.getAttribute('dir')).toBe('rtl');
  });

  it('the model-side t() follows the active locale', () => {
    expect(t('compose.send')).toBe('Send');
    setLocale('ro');
    expect(getLocale()).toBe('ro');
    expect(t('compose.send')).toBe('Trimite');
  });
});

function SendLabel() {
  const tr = useT();
  return <button type="button">{tr('compose.send')}</button>;
}

describe('React', () => {
  it('re-renders with the new language when the locale changes, and I18nProvider sets it', () => {
    const { rerender } = render(
      <I18nProvider locale="en">
        <SendLabel />
      </I18nProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('Send');
    rerender(
      <I18nProvider locale="ar">
        <SendLabel />
      </I18nProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('إرسال');
    expect(document.documentElement.dir).toBe('rtl');
    act(() => {
      void setLocale('ro');
    });
    expect(screen.getByRole('button').textContent).toBe('Trimite');
  });
});

describe('catalogs loaded on demand', () => {
  // A fresh copy of the module: the test setup has loaded every catalog into the shared one.
  async function freshCore() {
    vi.resetModules();
    return import('./core');
  }

  it('bundles English only; another language switches when its catalog has arrived, text and all', async () => {
    const core = await freshCore();
    expect(core.isCatalogLoaded('en')).toBe(true);
    expect(core.isCatalogLoaded('ar')).toBe(false);
    const shown: string[] = [];
    core.subscribeLocale(() => shown.push(core.getLocale()));

    const switched = core.setLocale('ar');
    // Until then the page keeps its language: t() stays synchronous and never half translated.
    expect(core.getLocale()).toBe('en');
    expect(core.t('compose.send')).toBe('Send');
    expect(core.formatMessage('ar', 'compose.send')).toBe('Send');

    await switched;
    expect(core.getLocale()).toBe('ar');
    expect(core.t('compose.send')).toBe('إرسال');
    expect(shown).toEqual(['ar']);
  });

  it('a later choice wins over a catalog still on its way', async () => {
    const core = await freshCore();
    const late = core.setLocale('ro');
    void core.setLocale('en');
    await late;
    expect(core.getLocale()).toBe('en');
    expect(core.isCatalogLoaded('ro')).toBe(true);
  });

  it('switchLocale reports the language shown: at once when loaded, else on arrival', async () => {
    const core = await freshCore();
    const seen: string[] = [];
    core.switchLocale('en', (locale) => seen.push(locale));
    expect(seen).toEqual(['en']);
    core.switchLocale('ro', (locale) => seen.push(locale));
    expect(seen).toEqual(['en']);
    await core.loadCatalog('ro');
    await Promise.resolve();
    expect(seen).toEqual(['en', 'ro']);
  });
});
