import { queryOptions } from '@tanstack/react-query';
import {
  CLIENT_SETTINGS_MAX_BYTES,
  type AccountInfo,
  type AccountSettings,
  type AccountSettingsPatch,
  type AliasList,
  type ClientSettings,
  type Signature,
  type SignatureList,
} from './contract';
import type { ApiClient } from './transport';

/** Query keys of the account's resources; mutations invalidate with these. */
export const accountKeys = {
  all: ['account'] as const,
  info: () => [...accountKeys.all, 'info'] as const,
  aliases: () => [...accountKeys.all, 'aliases'] as const,
  signatures: () => [...accountKeys.all, 'signatures'] as const,
  signature: (id: string) => [...accountKeys.all, 'signatures', id] as const,
  settings: () => [...accountKeys.all, 'settings'] as const,
  clientSettings: () => [...accountKeys.all, 'settings', 'client'] as const,
};

/** `GET /account/info` */
export const getAccountInfo = (client: ApiClient): Promise<AccountInfo> => client.request<AccountInfo>('GET', '/account/info');

/** `GET /account/aliases` — the addresses the user may send from. */
export const getAliases = (client: ApiClient): Promise<AliasList> => client.request<AliasList>('GET', '/account/aliases');

/** `GET /account/signatures` — names and types only; bodies come one by one. */
export const listSignatures = (client: ApiClient): Promise<SignatureList> => client.request<SignatureList>('GET', '/account/signatures');

/** `GET /account/signatures/{id}` */
export const getSignature = (client: ApiClient, id: string): Promise<Signature> =>
  client.request<Signature>('GET', `/account/signatures/${encodeURIComponent(id)}`);

/** `GET /account/settings` */
export const getAccountSettings = (client: ApiClient): Promise<AccountSettings> => client.request<AccountSettings>('GET', '/account/settings');

/** `PATCH /account/settings` with any subset; the server answers empty. */
export async function patchAccountSettings(client: ApiClient, patch: AccountSettingsPatch): Promise<void> {
  await client.request<void>('PATCH', '/account/settings', { body: patch });
}

/** `GET /account/settings/client` → the stored string ("" when never set). */
export async function getClientSettings(client: ApiClient): Promise<string> {
  const response = await client.request<ClientSettings | undefined>('GET', '/account/settings/client');
  return response?.clientSettings ?? '';
}

/**
 * `POST /account/settings/client` — replaces the whole string. Refuses before sending when it is over
 * the documented 8192 bytes, so the caller gets a clear reason instead of a server 400.
 */
export async function setClientSettings(client: ApiClient, clientSettings: string): Promise<void> {
  const bytes = new TextEncoder().encode(clientSettings).length;
  if (bytes > CLIENT_SETTINGS_MAX_BYTES) {
    throw new RangeError(`Client settings are ${bytes} bytes; the server keeps at most ${CLIENT_SETTINGS_MAX_BYTES}.`);
  }
  const body: ClientSettings = { clientSettings };
  await client.request<void>('POST', '/account/settings/client', { body });
}

/** `DELETE /account/settings/client` — resets it to "". */
export async function deleteClientSettings(client: ApiClient): Promise<void> {
  await client.request<void>('DELETE', '/account/settings/client');
}

// Account data changes rarely within a session; minutes of staleness are fine and save requests.
const ACCOUNT_STALE_MS = 5 * 60_000;

export const accountInfoQuery = (client: ApiClient) =>
  queryOptions({ queryKey: accountKeys.info(), queryFn: () => getAccountInfo(client), staleTime: ACCOUNT_STALE_MS });

export const aliasesQuery = (client: ApiClient) =>
  queryOptions({ queryKey: accountKeys.aliases(), queryFn: () => getAliases(client), staleTime: ACCOUNT_STALE_MS });

export const signaturesQuery = (client: ApiClient) =>
  queryOptions({ queryKey: accountKeys.signatures(), queryFn: () => listSignatures(client), staleTime: ACCOUNT_STALE_MS });

export const signatureQuery = (client: ApiClient, id: string) =>
  queryOptions({ queryKey: accountKeys.signature(id), queryFn: () => getSignature(client, id), staleTime: ACCOUNT_STALE_MS });

export const accountSettingsQuery = (client: ApiClient) =>
  queryOptions({ queryKey: accountKeys.settings(), queryFn: () => getAccountSettings(client), staleTime: ACCOUNT_STALE_MS });

export const clientSettingsQuery = (client: ApiClient) =>
  queryOptions({ queryKey: accountKeys.clientSettings(), queryFn: () => getClientSettings(client), staleTime: ACCOUNT_STALE_MS });
