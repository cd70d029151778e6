import { queryOptions } from '@tanstack/react-query';
import type { ApiVersion } from './contract';
import { errorFromResponse, type ApiClient } from './transport';

/** `GET /api/` — the one endpoint outside /api/v1; needs no session. */
export async function getApiVersion(client: ApiClient): Promise<ApiVersion> {
  const response = await client.requestRaw('GET', '/api/');
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as ApiVersion;
}

export const apiVersionQuery = (client: ApiClient) =>
  queryOptions({ queryKey: ['api-version', client.baseUrl], queryFn: () => getApiVersion(client), staleTime: Infinity });
