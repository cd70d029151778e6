/** The Mailbox API version this server implements (Axigen X6 level) and its own version. */
export const API_VERSION = '1.6.0';
export const SERVER_VERSION = 'mailbox-compose-server 0.1.0';
