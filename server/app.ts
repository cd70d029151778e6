import { Hono } from 'hono';
import { TEST_CONTROL_PREFIX, type ApiVersion } from '../src/api/contract';
import { respondNotFound, respondWithError } from './http/errors';
import type { AppDeps, AppEnv } from './http/env';
import { DEMO_ACCOUNT } from './seed/demo-accounts';
import { accountRoutes } from './routes/account';
import { authRoutes } from './routes/auth';
import { contactsRoutes } from './routes/contacts';
import { composeRoutes } from './routes/compose';
import { foldersRoutes } from './routes/folders';
import { createMessageCache } from './mime/read-cache';
import { mailsRoutes } from './routes/mails';
import { temporaryAttachmentsRoutes } from './routes/temporary-attachments';
import { testControlRoutes } from './routes/test-control';
import { API_VERSION, SERVER_VERSION } from './version';

/**
 * Builds the Mailbox API as a Hono app without listening, so request-level tests can call
 * `app.request()` with no open port. Starting background work and listening is `index.ts`'s job.
 */
export function buildApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(respondWithError);
  app.notFound(respondNotFound);

  app.get('/api/', (c) =>
    c.json<ApiVersion>({
      apiVersion: API_VERSION,
      serverVersion: SERVER_VERSION,
      ...(deps.config.seedDemo ? { demo: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password } } : {}),
    }),
  );

  const v1 = new Hono<AppEnv>();
  // route modules mount here, each built with deps
  v1.route('/', authRoutes(deps));
  v1.route('/account', accountRoutes(deps));
  v1.route('/contacts', contactsRoutes(deps));
  v1.route('/', foldersRoutes(deps)); // paths inside: Axigen documents both /folders and /folders/
  // Opening a draft reads its body, its inline images and the store copy at once: one parse serves all.
  const messages = createMessageCache();
  v1.route('/', mailsRoutes(deps, messages));
  v1.route('/', composeRoutes(deps));
  v1.route('/temporaryAttachments', temporaryAttachmentsRoutes(deps, messages));
  app.route('/api/v1', v1);

  if (deps.config.testControl) app.route(TEST_CONTROL_PREFIX, testControlRoutes(deps));

  return app;
}
