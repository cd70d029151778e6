import type { CookieLoginRequest, LoginResponse } from './contract';
import { ApiError, type ApiClient } from './transport';

/**
 * Signing in and out. Cookie login is what browsers use (HttpOnly cookie + `_h` on every call);
 * header login (Basic) is for scripts and hosts that hold credentials themselves.
 * Both set the client's auth on success, so every later call carries it.
 */

/** `POST /login/cookie` → the browser keeps the cookie; the client sends `_h=<sessid>` from now on. */
export async function loginWithCookie(client: ApiClient, credentials: CookieLoginRequest): Promise<LoginResponse> {
  const response = await client.request<LoginResponse>('POST', '/login/cookie', { body: credentials });
  if (!response?.sessid) throw new ApiError('http', 200, 'The server accepted the sign-in but sent no session.');
  client.setAuth({ kind: 'cookie', sessid: response.sessid });
  return response;
}

/** `POST /login` with `Authorization: Basic base64(user:password)`; later calls repeat it with `X-Axigen-Session`. */
export async function loginWithHeader(client: ApiClient, username: string, password: string): Promise<LoginResponse> {
  const authorization = basicAuthorization(username, password);
  const response = await client.request<LoginResponse>('POST', '/login', { headers: { Authorization: authorization } });
  if (!response?.sessid) throw new ApiError('http', 200, 'The server accepted the sign-in but sent no session.');
  client.setAuth({ kind: 'header', sessid: response.sessid, authorization });
  return response;
}

/**
 * `POST /logout`, then forgets the session on the client whatever happened: signing out must always
 * work locally. A 401 or 404 means there was nothing left to end, so they are not errors here;
 * other failures are rethrown so the caller can say the server could not be told.
 */
export async function logout(client: ApiClient): Promise<void> {
  try {
    await client.request<void>('POST', '/logout');
  } catch (error) {
    if (!(error instanceof ApiError && (error.status === 401 || error.status === 404))) throw error;
  } finally {
    client.setAuth(null);
  }
}

/** The standard Basic credentials: base64 of the UTF-8 bytes of `user:password` (btoa alone breaks on non-Latin-1). */
export function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
