import MailComposer from 'nodemailer/lib/mail-composer';

/**
 * Reports the server writes into a sender's Inbox: a non-delivery report for recipients that
 * could not get the mail, and a delivery report when a delivery receipt was asked for.
 */

export interface ReportInput {
  /** The server's own domain, used for the MAILER-DAEMON address. */
  domain: string;
  sender: string;
  subject: string;
  lines: string[];
  /** Headers of the original message, attached so the sender can tell which mail it was. */
  originalHeaders: Buffer;
  date: Date;
}

export function headerBlockOf(raw: Buffer): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  return end === -1 ? raw : raw.subarray(0, end + 4);
}

export async function composeReport(report: ReportInput): Promise<Buffer> {
  const node = new MailComposer({
    from: { name: 'Mail Delivery System', address: `mailer-daemon@${report.domain}` },
    to: report.sender,
    subject: report.subject,
    text: report.lines.join('\r\n'),
    date: report.date,
    headers: { 'Auto-Submitted': 'auto-replied' },
    attachments: [{ filename: 'original-headers.txt', contentType: 'text/rfc822-headers', content: report.originalHeaders }],
    disableFileAccess: true,
    disableUrlAccess: true,
  }).compile();
  return node.build();
}
