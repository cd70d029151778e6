import type { APIRequestContext } from '@playwright/test';
import {
  API_PREFIX,
  TEST_CONTROL_PREFIX,
  type FolderList,
  type FolderRole,
  type LoginResponse,
  type MailBody,
  type MailInstance,
  type MailList,
  type TemporaryAttachment,
  type TemporaryAttachmentUploadResponse,
  type TestClock,
} from '../../src/api/contract';

/**
 * A test's own view of the Mailbox API, used to check what really happened on the server
 * (header login, as a third-party client would). The page under test uses its own session.
 */
export class MailboxApi {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly headers: Record<string, string>,
  ) {}

  static async login(request: APIRequestContext, email: string, password: string): Promise<MailboxApi> {
    const authorization = `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
    const res = await request.post(`${API_PREFIX}/login`, { headers: { Authorization: authorization } });
    if (!res.ok()) throw new Error(`login as ${email} failed: ${res.status()} ${await res.text()}`);
    const { sessid } = (await res.json()) as LoginResponse;
    return new MailboxApi(request, { Authorization: authorization, 'X-Axigen-Session': sessid });
  }

  async get<T>(path: string, params?: Record<string, string | number>): Promise<T> {
    const res = await this.request.get(`${API_PREFIX}${path}`, { headers: this.headers, params });
    if (!res.ok()) throw new Error(`GET ${path} → ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async text(path: string): Promise<string> {
    const res = await this.request.get(`${API_PREFIX}${path}`, { headers: this.headers });
    if (!res.ok()) throw new Error(`GET ${path} → ${res.status()}`);
    return res.text();
  }

  async send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, data?: unknown): Promise<T> {
    const res = await this.request.fetch(`${API_PREFIX}${path}`, { method, headers: this.headers, data });
    if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()} ${await res.text()}`);
    const body = await res.text();
    return (body ? JSON.parse(body) : undefined) as T;
  }

  /** Uploads a file into this session's temporary-attachments queue. */
  async upload(name: string, mimeType: string, buffer: Buffer): Promise<TemporaryAttachment> {
    const res = await this.request.post(`${API_PREFIX}/temporaryAttachments`, { headers: this.headers, multipart: { file: { name, mimeType, buffer } } });
    if (!res.ok()) throw new Error(`upload of ${name} → ${res.status()} ${await res.text()}`);
    return ((await res.json()) as TemporaryAttachmentUploadResponse).items[0]!;
  }

  async folder(role: FolderRole | 'Scheduled') {
    const { items } = await this.get<FolderList>('/folders');
    const folder = items.find((f) => f.role === role || (role === 'Scheduled' && (f.role === 'scheduled' || f.name === 'Scheduled')));
    if (!folder) throw new Error(`no folder with role ${role}`);
    return folder;
  }

  async mails(role: FolderRole | 'Scheduled'): Promise<MailInstance[]> {
    const folder = await this.folder(role);
    return (await this.get<MailList>('/mails', { folderId: folder.id, limit: 200 })).items;
  }

  async body(mailId: string, type: 'html' | 'text' = 'html'): Promise<string> {
    const body = await this.get<MailBody>(`/mails/${encodeURIComponent(mailId)}/body`, { type });
    return Buffer.from(body.data, 'base64').toString('utf8');
  }

  /**
   * The bodies of the drafts with this subject, read at one moment. Each autosave replaces the
   * draft under a new id, so a draft listed a moment ago may be gone by the time its body is read;
   * then the list is read again rather than failing on the stale id.
   */
  async draftBodies(subject: string, type: 'html' | 'text' = 'html'): Promise<string[]> {
    for (let attempt = 1; ; attempt += 1) {
      const drafts = (await this.mails('drafts')).filter((m) => m.subject === subject);
      try {
        return await Promise.all(drafts.map((d) => this.body(d.id, type)));
      } catch (error) {
        if (attempt >= 5 || !String(error).includes('→ 404')) throw error;
      }
    }
  }

  source(mailId: string): Promise<string> {
    return this.text(`/mails/${encodeURIComponent(mailId)}/source`);
  }
}

/** The embedded server's test control API (enabled in the e2e server only). */
export class TestControl {
  constructor(private readonly request: APIRequestContext) {}

  async createAccount(email: string, password: string, fullName: string): Promise<void> {
    const res = await this.request.post(`${TEST_CONTROL_PREFIX}/accounts`, { data: { email, password, fullName } });
    if (!res.ok()) throw new Error(`creating ${email} failed: ${res.status()} ${await res.text()}`);
  }

  async now(): Promise<number> {
    const res = await this.request.get(`${TEST_CONTROL_PREFIX}/clock`);
    return ((await res.json()) as TestClock).now;
  }

  async advance(ms: number): Promise<number> {
    const res = await this.request.post(`${TEST_CONTROL_PREFIX}/clock`, { data: { advanceMs: ms } });
    if (!res.ok()) throw new Error(`advancing the clock failed: ${res.status()} ${await res.text()}`);
    return ((await res.json()) as TestClock).now;
  }

  async set(nowMs: number): Promise<number> {
    const res = await this.request.post(`${TEST_CONTROL_PREFIX}/clock`, { data: { now: nowMs } });
    if (!res.ok()) throw new Error(`setting the clock failed: ${res.status()} ${await res.text()}`);
    return ((await res.json()) as TestClock).now;
  }
}
