/**
 * The standalone app's runtime configuration: `app-config.json` next to `index.html`. Runtime rather
 * than build time, so one build serves any deployment. `scripts/serve.ts` answers it for `npm start`
 * and `npm run preview` (from the embedded server's settings); a static deployment writes the file.
 * A missing or broken file means defaults — the app must start either way.
 */
import type { ApiClient } from './api/transport';
import { uploadLimitFor } from './compose/model/upload-limit';

export interface AppConfig {
  /**
   * The Mailbox API server's per-file upload limit in bytes. Axigen has no call that tells it
   * (WebMail "Limit file uploads", or a proxy's lower body limit), so the deployment says it.
   */
  maxUploadBytes?: number;
}

export const APP_CONFIG_FILE = 'app-config.json';

/** Reads `app-config.json` relative to the page; `{}` when there is none or it cannot be used. */
export async function loadAppConfig(fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<AppConfig> {
  let response: Response;
  try {
    response = await fetchImpl(APP_CONFIG_FILE, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch {
    return {};
  }
  // A server without the file may answer its index.html (SPA fallback): only JSON is a configuration.
  if (!response.ok || !/\bjson\b/i.test(response.headers.get('content-type') ?? '')) return {};
  try {
    return parseAppConfig(await response.json());
  } catch {
    console.warn(`mailbox-compose: ${APP_CONFIG_FILE} is not valid JSON; using the defaults.`);
    return {};
  }
}

/** Keeps the values that are valid; a wrong one is reported to the console and left out, never fatal. */
export function parseAppConfig(value: unknown): AppConfig {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const config: AppConfig = {};
  const { maxUploadBytes } = value as Record<string, unknown>;
  if (maxUploadBytes !== undefined) {
    if (typeof maxUploadBytes === 'number' && Number.isSafeInteger(maxUploadBytes) && maxUploadBytes > 0) config.maxUploadBytes = maxUploadBytes;
    else console.warn(`mailbox-compose: ${APP_CONFIG_FILE}: maxUploadBytes must be a whole number of bytes above zero; got ${JSON.stringify(maxUploadBytes)}. Using the default.`);
  }
  return config;
}

/** Loads the configuration and applies it to the app's server connection (every compose window shares it). */
export async function applyAppConfig(api: ApiClient, fetchImpl?: typeof fetch): Promise<AppConfig> {
  const config = await loadAppConfig(fetchImpl);
  uploadLimitFor(api).configure(config.maxUploadBytes);
  return config;
}
