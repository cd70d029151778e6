import { useQuery } from '@tanstack/react-query';
import { accountSettingsQuery } from '../../api/account';
import { useApiClient } from '../providers';
import type { DateDisplay } from './format';

/** The account's date and time patterns (cached with the other settings). */
export function useDisplaySettings(): DateDisplay {
  const api = useApiClient();
  const settings = useQuery(accountSettingsQuery(api)).data;
  return { dateFormat: settings?.dateFormat, timeFormat: settings?.timeFormat };
}
