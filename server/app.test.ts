import { describe, expect, it } from 'vitest';
import type { ApiErrorBody, ApiVersion } from '../src/api/contract';
import { createTestApp } from './testing/test-app';

describe('the app', () => {
  it('answers its version at GET /api/', async () => {
    const { app } = createTestApp();
    const res = await app.request('/api/');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ApiVersion;
    expect(body.apiVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(body.serverVersion).toContain('mailbox-compose');
  });

  it('answers unknown endpoints with 404 and the error body', async () => {
    const { app } = createTestApp();
    const res = await app.request('/api/v1/no-such-thing', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as ApiErrorBody;
    expect(body).toEqual({ error: { code: 'NOT_FOUND', message: 'No endpoint POST /api/v1/no-such-thing.' } });
  });
});
