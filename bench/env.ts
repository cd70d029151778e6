import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { BuildGraph } from './build';
import type { ServerProcess } from './server-process';
import { createAccount, signInContext, type BenchAccount } from './session';

/** What every metric gets: the served build, the server process, the browser and a scratch folder. */
export interface BenchEnv {
  root: string;
  /** The Vite preview of the build (with /api proxied to the server), e.g. http://127.0.0.1:4321 */
  baseUrl: string;
  server: ServerProcess;
  browser: Browser;
  graph: BuildGraph;
  scratchDir: string;
  log(message: string): void;
}

export const NEW_MESSAGE = { role: 'button', name: 'New message' } as const;
export const MESSAGE_BODY = { role: 'textbox', name: 'Message body' } as const;

/** A fresh, empty context (own cache and cookies) signed in as `account`. */
export async function signedInContext(env: BenchEnv, account: BenchAccount): Promise<{ context: BrowserContext; sessid: string }> {
  const context = await env.browser.newContext({ baseURL: env.baseUrl, viewport: { width: 1280, height: 800 } });
  const sessid = await signInContext(context, env.baseUrl, account);
  return { context, sessid };
}

export async function freshAccount(env: BenchEnv, name: string): Promise<BenchAccount> {
  return createAccount(env.baseUrl, name);
}

/** Opens the portal and a new compose window; resolves when the body is on screen. */
export async function openNewMessage(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole(NEW_MESSAGE.role, { name: NEW_MESSAGE.name, exact: true }).click();
  await page.getByRole(MESSAGE_BODY.role, { name: MESSAGE_BODY.name }).waitFor();
}
