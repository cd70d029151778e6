import { Hono } from 'hono';
import {
  CLIENT_SETTINGS_MAX_BYTES,
  type AccountInfo,
  type AliasList,
  type ClientSettings,
  type Signature,
  type SignatureList,
} from '../../src/api/contract';
import { listAccountAddresses, requireAccount } from '../accounts/accounts';
import { rootContainerId } from '../accounts/folders';
import { mailboxUsage } from '../accounts/mail-stats';
import { getClientSettings, getSettings, normalizeSettingsPatch, patchSettings, setClientSettings, settingsPatchSchema, type FullAccountSettings } from '../accounts/settings';
import { findSignature, listSignatures } from '../accounts/signatures';
import type { AppDeps, AppEnv } from '../http/env';
import { badRequest, notFound } from '../http/errors';
import { requireSession } from '../http/session';
import { expectNoBody, object, parseQuery, readBody, readJsonObject, string } from '../http/validate';

/** Percentage of the quota at which Axigen warns the user. */
const OVER_QUOTA_THRESHOLD_PERCENT = 90;

/**
 * `GET /account/info` with every field Axigen documents. Features this server does not have
 * (two-step verification, password policies, temporary aliases) are reported as off.
 */
export interface FullAccountInfo extends AccountInfo {
  autopurge: { spam: boolean; trash: boolean; interval: number };
  twoFactorAuthConfigured: boolean;
  restrictions: {
    passwordPolicy: {
      mustChangePassword: boolean;
      contentPolicy: { enabled: boolean; minLength: number; maxLength: number; mustInclude: 'letters' | 'lettersAndNumbers' | 'lettersAndNumbersAndSpecial' };
      history: { enabled: boolean; size: number };
      allowChangeByUser: boolean;
      renewalInterval: { enabled: boolean; interval: number };
      expiration: { enabled: boolean; date: string; warningInterval: number; inWarningInterval: boolean };
    };
    temporaryAliases: { enabled: boolean; maxNumberOfAliases: number };
    securityPolicy: {
      securityMethods: {
        isMandatory: boolean;
        alternateEmailAddress: boolean;
        phoneNumber: boolean;
        updatePolicy: { date: string; warningInterval: number; inWarningInterval: boolean };
      };
      twoFactorAuthPolicy: { status: 'disabled' | 'enabled' | 'mandatory'; methods: ('email' | 'sms' | 'authApp')[] };
      usernameRecoveryMethods: string[];
      passwordRecoveryMethods: string[];
    };
  };
}

const RESTRICTIONS: FullAccountInfo['restrictions'] = {
  passwordPolicy: {
    mustChangePassword: false,
    contentPolicy: { enabled: false, minLength: 0, maxLength: 0, mustInclude: 'letters' },
    history: { enabled: false, size: 0 },
    allowChangeByUser: false,
    renewalInterval: { enabled: false, interval: 0 },
    expiration: { enabled: false, date: '', warningInterval: 0, inWarningInterval: false },
  },
  temporaryAliases: { enabled: false, maxNumberOfAliases: 0 },
  securityPolicy: {
    securityMethods: {
      isMandatory: false,
      alternateEmailAddress: false,
      phoneNumber: false,
      updatePolicy: { date: '', warningInterval: 0, inWarningInterval: false },
    },
    twoFactorAuthPolicy: { status: 'disabled', methods: [] },
    usernameRecoveryMethods: [],
    passwordRecoveryMethods: [],
  },
};

const clientSettingsSchema = object({ clientSettings: string() });

export function accountRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps;
  const routes = new Hono<AppEnv>();
  routes.use('*', requireSession(deps));

  routes.get('/info', (c) => {
    parseQuery(c, {});
    const { accountId, sessionId } = c.var.session;
    const account = requireAccount(db, accountId);
    const usage = mailboxUsage(db, accountId);
    const usedQuota = Math.ceil(usage.bytes / 1024);
    const firstLogin = db.prepare('SELECT first_api_login FROM sessions WHERE id = ?').get(sessionId) as { first_api_login: number } | undefined;
    return c.json<FullAccountInfo>({
      accountName: account.localPart,
      domainName: account.domain,
      fullName: account.fullName,
      folderContainerId: rootContainerId(accountId),
      accountClass: 'default',
      totalMessageCount: account.messageLimit,
      usedMessageCount: usage.messages,
      remainingMessageCount: Math.max(0, account.messageLimit - usage.messages),
      totalQuota: account.quotaKb,
      usedQuota,
      remainingQuota: Math.max(0, account.quotaKb - usedQuota),
      overQuotaThreshold: OVER_QUOTA_THRESHOLD_PERCENT,
      isFirstApiLogin: firstLogin?.first_api_login === 1,
      allowConversationView: false,
      autopurge: { spam: false, trash: false, interval: 0 },
      twoFactorAuthConfigured: false,
      restrictions: RESTRICTIONS,
    });
  });

  routes.get('/aliases', (c) => {
    parseQuery(c, {});
    return c.json<AliasList>({ items: listAccountAddresses(db, c.var.session.accountId) });
  });

  routes.get('/signatures', (c) => {
    parseQuery(c, {});
    const items = listSignatures(db, c.var.session.accountId).map(({ id, name, type }) => ({ id, name, type }));
    return c.json<SignatureList>({ items });
  });

  routes.get('/signatures/:id', (c) => {
    parseQuery(c, {});
    const signature = findSignature(db, c.var.session.accountId, c.req.param('id'));
    if (!signature) throw notFound('The signature');
    return c.json<Signature>(signature);
  });

  routes.get('/settings', (c) => {
    parseQuery(c, {});
    return c.json<FullAccountSettings>(getSettings(db, c.var.session.accountId));
  });

  routes.patch('/settings', async (c) => {
    parseQuery(c, {});
    const patch = settingsPatchSchema(normalizeSettingsPatch(await readJsonObject(c)), '');
    patchSettings(db, c.var.session.accountId, patch);
    return c.body(null, 200);
  });

  routes.get('/settings/client', (c) => {
    parseQuery(c, {});
    return c.json<ClientSettings>({ clientSettings: getClientSettings(db, c.var.session.accountId) });
  });

  routes.post('/settings/client', async (c) => {
    parseQuery(c, {});
    const { clientSettings } = await readBody(c, clientSettingsSchema);
    const bytes = Buffer.byteLength(clientSettings, 'utf8');
    if (bytes > CLIENT_SETTINGS_MAX_BYTES) {
      throw badRequest(`Field "clientSettings" must be at most ${CLIENT_SETTINGS_MAX_BYTES} bytes (UTF-8); it is ${bytes} bytes.`, 'clientSettings');
    }
    setClientSettings(db, c.var.session.accountId, clientSettings);
    return c.body(null, 200);
  });

  routes.delete('/settings/client', async (c) => {
    parseQuery(c, {});
    await expectNoBody(c);
    setClientSettings(db, c.var.session.accountId, '');
    return c.body(null, 200);
  });

  return routes;
}
