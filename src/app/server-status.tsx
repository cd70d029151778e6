import { useQuery } from '@tanstack/react-query';
import { apiVersionQuery } from '../api/version';
import { useApiClient } from './providers';
import { useT } from '../i18n/react';

/** Which Mailbox API server the app talks to, or that it cannot reach one. */
export function ServerStatus() {
  const api = useApiClient();
  const version = useQuery(apiVersionQuery(api));
  const t = useT();
  return (
    <p className="server-status" role="status">
      {version.isPending && t('server.connecting')}
      {version.isError && t('server.unreachable')}
      {version.isSuccess && t('server.connected', { server: version.data.serverVersion, api: version.data.apiVersion })}
    </p>
  );
}
