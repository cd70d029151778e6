import path from 'node:path';
import { DEFAULT_UPLOAD_LIMIT_BYTES } from '../src/api/contract';

/** Everything the server can be configured with; read once from the environment. */
export interface ServerConfig {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  host: string;
  /** Folder holding the SQLite file and uploaded files. */
  dataDir: string;
  /** Seed the demo accounts and mail on first run. */
  seedDemo: boolean;
  /** Deliver mail for other domains through this SMTP URL (smtp://host:port); else record it as delivered. */
  smtpRelayUrl: string | undefined;
  uploadLimitBytes: number;
  /** Enables the /__test control API (accounts, clock, reset). Never on in production. */
  testControl: boolean;
  /** Idle time after which a session answers 401. */
  sessionIdleMs: number;
  /** Domains whose mailboxes live on this server. */
  localDomains: string[];
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const number = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
    return value;
  };
  return {
    port: number('PORT', 3001),
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    seedDemo: env.SEED === 'demo',
    smtpRelayUrl: env.SMTP_RELAY_URL || undefined,
    uploadLimitBytes: number('UPLOAD_LIMIT_MB', DEFAULT_UPLOAD_LIMIT_BYTES / 1024 / 1024) * 1024 * 1024,
    testControl: env.TEST_CONTROL === '1',
    sessionIdleMs: number('SESSION_IDLE_MINUTES', 30) * 60_000,
    localDomains: (env.LOCAL_DOMAINS ?? 'example.test').split(',').map((d) => d.trim().toLowerCase()).filter(Boolean),
  };
}
