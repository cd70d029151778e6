import zlib from 'node:zlib';
import {
  API_PREFIX,
  type CreateMailRequest,
  type FolderList,
  type MailBody,
  type MailInstance,
  type MailList,
  type TemporaryAttachment,
  type TemporaryAttachmentUploadResponse,
} from '../src/api/contract';
import { headerSession, type BenchAccount } from './session';

/** The harness's own API client (header login, as a script would): builds fixtures, checks what the server holds. */
export class BenchApi {
  private constructor(
    private readonly baseUrl: string,
    readonly headers: Record<string, string>,
  ) {}

  static async as(baseUrl: string, account: BenchAccount): Promise<BenchApi> {
    return new BenchApi(baseUrl, await headerSession(baseUrl, account));
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${API_PREFIX}${path}`, {
      method,
      headers: { ...this.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async upload(name: string, type: string, bytes: Uint8Array): Promise<TemporaryAttachment> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${this.baseUrl}${API_PREFIX}/temporaryAttachments`, { method: 'POST', headers: this.headers, body: form });
    if (!res.ok) throw new Error(`upload of ${name} answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as TemporaryAttachmentUploadResponse).items[0]!;
  }

  createMail(request: CreateMailRequest): Promise<MailInstance> {
    return this.call<MailInstance>('POST', '/mails', request);
  }

  async folderId(role: string): Promise<string> {
    const { items } = await this.call<FolderList>('GET', '/folders');
    const folder = items.find((f) => f.role === role);
    if (!folder) throw new Error(`the account has no ${role} folder`);
    return folder.id;
  }

  async mails(role: string): Promise<MailInstance[]> {
    const folderId = await this.folderId(role);
    return (await this.call<MailList>('GET', `/mails?folderId=${encodeURIComponent(folderId)}&limit=200`)).items;
  }

  async bodyHtml(mailId: string): Promise<string> {
    const body = await this.call<MailBody>('GET', `/mails/${encodeURIComponent(mailId)}/body?type=html`);
    return Buffer.from(body.data, 'base64').toString('utf8');
  }
}

// ---- Fixture content ----------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A small valid PNG (a colour gradient, `seed` picks the colour) so every inline image differs. */
export function makePng(seed: number, width = 96, height = 64): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([(seed * 37 + x * 2) & 255, (seed * 91 + y * 3) & 255, (seed * 53) & 255], row + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', header), pngChunk('IDAT', zlib.deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

/**
 * About `bytes` of quoted mail HTML (paragraphs with bold, links and a nested quote), like a long
 * thread, with `imageCids` placed evenly through it as `cid:` images.
 */
export function quotedThreadHtml(bytes: number, imageCids: readonly string[]): string {
  const paragraphs: string[] = [];
  let size = 0;
  let n = 0;
  while (size < bytes) {
    const p =
      `<p>On message ${n} of the thread, <b>someone</b> wrote about the quarterly figures, the schedule for the ` +
      `next release and <a href="https://example.com/thread/${n}">the notes from the meeting</a>; the numbers were ` +
      `${(n * 7919) % 10007} and ${(n * 104729) % 99991}, and the plan is to follow up next week.</p>`;
    paragraphs.push(n % 40 === 39 ? `<blockquote>${p}</blockquote>` : p);
    size += p.length;
    n++;
  }
  const every = Math.max(1, Math.floor(paragraphs.length / (imageCids.length + 1)));
  imageCids.forEach((cid, i) => {
    paragraphs.splice((i + 1) * every + i, 0, `<p><img src="cid:${cid}" alt="Picture ${i + 1}" width="96" height="64"></p>`);
  });
  return `<blockquote type="cite">${paragraphs.join('')}</blockquote>`;
}

/**
 * A draft built through the API: `images` inline PNGs placed in `quotedBytes` of quoted HTML (the
 * body ends with an empty paragraph to type into), and `attachments` ordinary files.
 */
export async function createDraftFixture(
  api: BenchApi,
  options: {
    subject: string;
    to?: string;
    quotedBytes: number;
    images: number;
    attachments: number;
    /** Mark the quote as the window's quoted history (`data-mc-quoted`, kept out of the editor, shown collapsed). */
    quoteAsHistory?: boolean;
  },
): Promise<{ mailId: string; bodyHtml: string }> {
  const refs: { id: number; contentId?: string; isInline?: boolean }[] = [];
  const cids: string[] = [];
  for (let i = 0; i < options.images; i++) {
    const cid = `bench-image-${i}@bench.example`;
    const item = await api.upload(`picture-${i + 1}.png`, 'image/png', makePng(i));
    refs.push({ id: item.id, contentId: cid, isInline: true });
    cids.push(cid);
  }
  for (let i = 0; i < options.attachments; i++) {
    const text = `Attachment ${i + 1} of the benchmark draft.\n`.repeat(200 + i * 50);
    const item = await api.upload(`notes-${i + 1}.txt`, 'text/plain', Buffer.from(text));
    refs.push({ id: item.id });
  }
  const quote = options.quotedBytes > 0 || cids.length ? quotedThreadHtml(options.quotedBytes, cids) : '';
  const bodyHtml = options.quoteAsHistory ? `<p>Here is my answer.</p><p></p><div data-mc-quoted="">${quote}</div>` : `<p>Here is my answer.</p>${quote}<p></p>`;
  const mail = await api.createMail({ subject: options.subject, to: options.to, bodyHtml, temporaryAttachments: refs });
  return { mailId: mail.id, bodyHtml };
}
