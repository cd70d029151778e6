import type { Locator, Page } from '@playwright/test';
import { expect } from './support/fixtures';

/** The WCAG 2.2 A/AA rule set the issue names. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe over the page (or the parts matching `include`) and fails with each violation's rule and
 * nodes. `frames: false` leaves out the inside of iframes: the reader's sandboxed frame holds the
 * sender's email (not ours to fix, and scripts cannot run in it, so axe could not look anyway); the
 * frame element itself (its title) is still checked.
 */
export async function expectNoAxeViolations(page: Page, { include, frames = true }: { include?: string; frames?: boolean } = {}): Promise<void> {
  // Colours are judged as they settle: a toast fading in is not yet at its final contrast.
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ iframes: frames });
  if (include) builder = builder.include(include);
  // Without frames, the legacy run (axe.run in the page) skips them instead of waiting on them.
  if (!frames) builder = builder.setLegacyMode(true);
  const results = await builder.analyze();
  expect(results.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const TEXT_FILE = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Remember the milk.\n'.repeat(50)) };

export async function openNewMessage(page: Page, name = 'New message'): Promise<Locator> {
  await page.getByRole('button', { name }).click();
  const window = page.getByRole('dialog', { name });
  await expect(window.getByRole('textbox', { name: /Message body|نص الرسالة|Conținutul mesajului/ })).toBeVisible();
  return window;
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's accessible name matches `name`, as a
 * keyboard user would; fails after `max` presses. Names: aria-label, the label of a form field,
 * or the text.
 */
export async function tabTo(page: Page, name: string | RegExp, { back = false, max = 40 }: { back?: boolean; max?: number } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const current = await activeName(page);
    seen.push(current);
    if (typeof name === 'string' ? current === name : name.test(current)) return;
  }
  throw new Error(`Tab never reached ${String(name)}; focus went through: ${seen.join(' → ')}`);
}

/** The accessible name of the focused element, roughly as a screen reader computes it. */
export async function activeName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ');
    const label = el.getAttribute('aria-label');
    if (label) return label;
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return Array.from(labels).map((l) => l.textContent?.trim() ?? '').join(' ');
    return el.textContent?.trim() ?? '';
  });
}
