import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { MailInstance } from '../../api/contract';
import { fetchAttachment } from '../../api/mails';
import type { ApiClient } from '../../api/transport';

/**
 * The message's own inline parts as blob URLs, keyed by Content-ID. Only these may back a `cid:`
 * in the body (cid spoofing: a cid pointing anywhere else stays unresolved).
 */
export function useInlineImages(api: ApiClient, mail: MailInstance | undefined): Map<string, string> | undefined {
  const inline = mail?.attachments.filter((a) => a.contentId && (a.isInline || a.contentType.startsWith('image/'))) ?? [];
  const query = useQuery({
    queryKey: ['inline-images', mail?.id],
    enabled: !!mail,
    staleTime: Infinity,
    gcTime: 0,
    queryFn: async ({ signal }) => {
      const entries = await Promise.all(
        inline.map(async (part) => [part.contentId, URL.createObjectURL(await fetchAttachment(api, mail!.id, part.id, signal))] as const),
      );
      return new Map(entries);
    },
  });
  const urls = query.data;
  useEffect(() => () => urls?.forEach((url) => URL.revokeObjectURL(url)), [urls]);
  return mail && inline.length === 0 ? new Map() : urls;
}
