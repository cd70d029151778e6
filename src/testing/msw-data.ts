import type { AccountInfo, AccountSettings, AttachmentInstance, FolderInstance, MailBody, MailInstance } from '../api/contract';

/**
 * Realistic response bodies for MSW handlers: every field present with Axigen's defaults, so code under
 * test meets the shapes it meets in production. Pass overrides for what the test is about.
 */

export function mailInstance(overrides: Partial<MailInstance> = {}): MailInstance {
  return {
    id: 'mail-1',
    folderId: 'folder-drafts',
    size: 1024,
    from: 'Ana Pop <ana@example.test>',
    to: '',
    cc: '',
    bcc: '',
    replyTo: '',
    replyToAll: '',
    sender: '',
    messageId: '<mail-1@example.test>',
    subject: '',
    snippet: '',
    date: '1764000000',
    isUnread: false,
    isFlagged: false,
    isDraft: true,
    refwFlags: '',
    refwType: '',
    refwMailId: '',
    isDeleted: false,
    hasAttachments: false,
    isItip: false,
    returnReceipt: false,
    importance: 'normal',
    originalFolderId: '',
    originalMailId: '',
    attachments: [],
    labelIds: [],
    bimiLocation: '',
    ...overrides,
  };
}

export function folderInstance(overrides: Partial<FolderInstance> = {}): FolderInstance {
  return {
    id: 'folder-1',
    name: 'Folder',
    parentId: 'root',
    role: '',
    ownerUsername: 'ana@example.test',
    ownerFullname: 'Ana Pop',
    folderSize: 0,
    folderType: 'mails',
    accessMode: 'local',
    totalItems: 0,
    unreadItems: 0,
    permissions: [],
    ...overrides,
  };
}

/** `GET /account/info` for ana@example.test (Ana Pop). */
export function accountInfo(overrides: Partial<AccountInfo> = {}): AccountInfo {
  return {
    accountName: 'ana',
    domainName: 'example.test',
    fullName: 'Ana Pop',
    folderContainerId: 'root',
    accountClass: 'default',
    totalMessageCount: 0,
    usedMessageCount: 0,
    remainingMessageCount: 0,
    totalQuota: 0,
    usedQuota: 0,
    remainingQuota: 0,
    overQuotaThreshold: 0,
    isFirstApiLogin: false,
    allowConversationView: false,
    ...overrides,
  };
}

/** `GET /account/settings`: English, Bucharest, Monday first, no receipts asked. */
export function accountSettings(overrides: Partial<AccountSettings> = {}): AccountSettings {
  return {
    language: 'en',
    timezone: 'Europe/Bucharest',
    dateFormat: 'DD.MM.YYYY',
    timeFormat: 'HH:mm',
    weekStartDay: 1,
    deleteToTrash: true,
    confirmMailDelete: false,
    autoAddRecipients: true,
    receipts: { sendReadReceipts: 'ask', requestReadReceipts: false, requestDeliveryReceipts: false },
    ...overrides,
  };
}

/** One part of a mail or one queue item (`AttachmentInstance`): a 1-byte file unless overridden. */
export function attachmentInstance(overrides: Partial<AttachmentInstance> = {}): AttachmentInstance {
  return { id: 0, mailId: '', name: 'file', contentId: '', contentType: 'application/octet-stream', size: 1, isInline: false, ...overrides };
}

/** `GET /mails/{id}/body` answering `text` (base64, as the API sends it). */
export function mailBody(text: string, contentType: string): MailBody {
  return { id: 1, contentType, estimatedSize: text.length, hasExternalImages: false, isTruncated: false, data: Buffer.from(text, 'utf8').toString('base64') };
}
