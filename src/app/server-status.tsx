import { useQuery } from '@tanstack/react-query';
import { apiVersionQuery } from '../api/version';
import { useApiClient } from './providers';

/** Which Mailbox API server the app talks to, or that it cannot reach one. */
export function ServerStatus() {
  const api = useApiClient();
  const version = useQuery(apiVersionQuery(api));
  return (
    <p className="server-status" role="status">
      {version.isPending && 'Connecting to the mail server…'}
      {version.isError && 'The mail server cannot be reached.'}
      {version.isSuccess && `Connected to ${version.data.serverVersion} (Mailbox API ${version.data.apiVersion})`}
    </p>
  );
}
