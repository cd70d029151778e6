export { sanitizeEmailHtml, normalizeCid, REMOTE_SRC_ATTRIBUTE, type SanitizeOptions, type SanitizeResult } from './email-profile';
