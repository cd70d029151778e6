import { describe, expect, it } from 'vitest';
// The CSS text itself is checked in the browser (e2e/embed.spec.ts): Vitest serves `?inline` CSS as ''.
import { scopeRem } from './scoped-css';

describe('scopeRem', () => {
  it('makes every rem in a declaration a multiple of our own --mc-rem', () => {
    expect(scopeRem('.a{padding:0.5rem 1rem;margin:-.25rem;width:calc(100vw - 2rem)}')).toBe(
      '.a{padding:calc(0.5 * var(--mc-rem, 16px)) calc(1 * var(--mc-rem, 16px));margin:calc(-.25 * var(--mc-rem, 16px));width:calc(100vw - calc(2 * var(--mc-rem, 16px)))}',
    );
  });

  it('leaves media query conditions alone (custom properties are not allowed there)', () => {
    expect(scopeRem('@media (max-width: 48rem) { .a { gap: 1rem } }')).toBe('@media (max-width: 48rem) { .a { gap: calc(1 * var(--mc-rem, 16px)) } }');
  });

  it('does not touch names that merely contain "rem"', () => {
    expect(scopeRem('.remove-button{color:red}')).toBe('.remove-button{color:red}');
  });
});
