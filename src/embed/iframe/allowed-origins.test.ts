import { describe, expect, it } from 'vitest';
import { allowedOriginsFor, parseAllowedOrigins } from './allowed-origins';

describe('parseAllowedOrigins', () => {
  it('keeps exact http(s) origins, comma- or space-separated, once each', () => {
    expect(parseAllowedOrigins('https://mail.example.com, http://localhost:8080 https://mail.example.com/')).toEqual({
      origins: ['https://mail.example.com', 'http://localhost:8080'],
      rejected: [],
    });
  });

  it('rejects wildcards, paths, other schemes and garbage', () => {
    const { origins, rejected } = parseAllowedOrigins('*,https://x.test/app,javascript:alert(1),file:///etc,null,https://u@x.test,nonsense');
    expect(origins).toEqual([]);
    expect(rejected).toEqual(['*', 'https://x.test/app', 'javascript:alert(1)', 'file:///etc', 'null', 'https://u@x.test', 'nonsense']);
  });

  it('is empty for nothing', () => {
    expect(parseAllowedOrigins(null)).toEqual({ origins: [], rejected: [] });
  });
});

describe('allowedOriginsFor', () => {
  it('uses the page URL when the build set no list', () => {
    expect(allowedOriginsFor('?allowedOrigins=https%3A%2F%2Fa.test', undefined).origins).toEqual(['https://a.test']);
  });

  it('uses only the build-time list when there is one: the URL cannot widen it', () => {
    expect(allowedOriginsFor('?allowedOrigins=https%3A%2F%2Fevil.test', 'https://portal.test').origins).toEqual(['https://portal.test']);
  });
});
