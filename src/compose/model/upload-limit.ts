import { DEFAULT_UPLOAD_LIMIT_BYTES } from '../../api/contract';

/** Where the per-file limit in force came from. */
export type UploadLimitSource = 'default' | 'configured' | 'server';

/**
 * The per-file upload limit of one Mailbox API server. Axigen has no call that tells it, so it
 * starts from configuration (the host's `maxUploadBytes`, the app's config) or the embedded
 * server's 25 MB, and is corrected by the server itself: a 413 whose error body states the limit
 * (`error.limitBytes`) replaces it, higher or lower, so the next file over it is refused before a
 * byte is sent. A 413 that states nothing (typically a proxy in front of the server, with a lower
 * limit of its own) still teaches something: files at least that large will not get through.
 */
export class UploadLimit {
  private bytesValue: number;
  private sourceValue: UploadLimitSource;
  /** The smallest file refused with a 413 that did not state the limit; files this size or larger are refused. */
  private refusedFromBytes = Number.POSITIVE_INFINITY;

  constructor(configuredBytes?: number) {
    this.bytesValue = DEFAULT_UPLOAD_LIMIT_BYTES;
    this.sourceValue = 'default';
    this.configure(configuredBytes);
  }

  /** The limit in bytes: a file larger than this is refused. */
  get bytes(): number {
    return this.bytesValue;
  }

  get source(): UploadLimitSource {
    return this.sourceValue;
  }

  /** A configured value (host option, app configuration). The server's own word, once heard, wins over it. */
  configure(bytes: number | undefined): void {
    // Infinity is a usable configuration ("no limit of our own"); only the 2 GB hard limit then applies.
    if (this.sourceValue === 'server' || !(isUsableLimit(bytes) || bytes === Number.POSITIVE_INFINITY)) return;
    this.bytesValue = bytes;
    this.sourceValue = 'configured';
  }

  /** The limit the server stated in a 413. */
  learn(bytes: number): void {
    if (!isUsableLimit(bytes)) return;
    this.bytesValue = bytes;
    this.sourceValue = 'server';
  }

  /** A file of `size` bytes was refused with a 413 that did not say the limit. */
  refusedAt(size: number): void {
    if (Number.isFinite(size) && size > 0) this.refusedFromBytes = Math.min(this.refusedFromBytes, size);
  }

  /** Why a file of `size` bytes cannot be uploaded: over the limit, or as large as a file already refused. */
  check(size: number): 'over-limit' | 'refused-before' | null {
    if (size > this.bytesValue) return 'over-limit';
    if (size >= this.refusedFromBytes) return 'refused-before';
    return null;
  }
}

function isUsableLimit(bytes: number | undefined): bytes is number {
  return typeof bytes === 'number' && Number.isFinite(bytes) && bytes > 0;
}

const sharedLimits = new WeakMap<object, UploadLimit>();

/**
 * The one `UploadLimit` of a server connection (keyed by the API client), so every compose window
 * of an app or embed shares what was configured and what the server taught.
 */
export function uploadLimitFor(client: object): UploadLimit {
  let limit = sharedLimits.get(client);
  if (!limit) {
    limit = new UploadLimit();
    sharedLimits.set(client, limit);
  }
  return limit;
}
