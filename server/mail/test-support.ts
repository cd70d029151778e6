import type { ServerConfig } from '../config';
import { createQueueWorker } from '../queue/worker';
import { createTestApp } from '../testing/test-app';
import { createTestAccount, headerLogin } from '../testing/sign-in';

/** Request-level test fixture for the mail side: two local accounts signed in, a queue worker, helpers. */

export interface Caller {
  email: string;
  headers: Record<string, string>;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  res: Response;
}

// A 1×1 transparent PNG.
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export async function mailFixture(overrides: Partial<ServerConfig> = {}) {
  const test = createTestApp(overrides);
  const deps = { db: test.db, clock: test.clock, config: test.config };
  await createTestAccount(deps, 'demo@example.test', { fullName: 'Demo User', aliases: ['d.user@example.test'] });
  await createTestAccount(deps, 'ana@example.test', { fullName: 'Ana Popescu' });
  const demo: Caller = { email: 'demo@example.test', headers: (await headerLogin(test.app, 'demo@example.test')).headers };
  const ana: Caller = { email: 'ana@example.test', headers: (await headerLogin(test.app, 'ana@example.test')).headers };
  const worker = createQueueWorker(deps);

  async function call<T = unknown>(who: Caller, method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const init: RequestInit = { method, headers: { ...who.headers } };
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await test.app.request(`/api/v1${path}`, init);
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('application/json') ? await res.clone().json() : await res.clone().text();
    return { status: res.status, body: parsed as T, res };
  }

  async function upload(who: Caller, files: { name: string; type: string; content: Buffer | string }[]) {
    const form = new FormData();
    for (const file of files) form.append('file', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)], { type: file.type }), file.name);
    return call<{ items: { id: number; name: string; contentType: string; size: number }[] }>(who, 'POST', '/temporaryAttachments', form);
  }

  /** Moves the clock and delivers whatever became due. */
  async function advance(ms: number) {
    test.clock.advance(ms);
    return worker.runDueWork();
  }

  async function folderIdOf(who: Caller, role: string): Promise<string> {
    const res = await call<{ items: { id: string; role: string }[] }>(who, 'GET', '/folders');
    const folder = res.body.items.find((f) => f.role === role);
    if (!folder) throw new Error(`no ${role} folder`);
    return folder.id;
  }

  async function list(who: Caller, role: string) {
    const folderId = await folderIdOf(who, role);
    return (await call<{ totalItems: number; items: { id: string; subject: string; [key: string]: unknown }[] }>(who, 'GET', `/mails?folderId=${encodeURIComponent(folderId)}`)).body;
  }

  return { ...test, deps, demo, ana, worker, call, upload, advance, folderIdOf, list };
}
