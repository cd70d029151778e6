import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
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
    act(() => setLocale('ro'));
    expect(screen.getByRole('button').textContent).toBe('Trimite');
  });
});
