/**
 * Load test: 50 people composing at once against the real server process on loopback.
 *
 *   npm run load -- [--seconds 60] [--clients 50] [--out bench/results/load-latest.json]
 *
 * Starts the server (fresh temporary data folder, TEST_CONTROL=1 to create the accounts), runs the
 * composing clients until the time is up (each stops after the composition in hand, and never
 * exceeds a request cap), flushes the last undo windows by advancing the server clock, waits for
 * delivery, then records requests and errors per endpoint, p50/p99 latency, the server's memory
 * before and after, and mails delivered against mails sent. Only 127.0.0.1 is ever contacted.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TEST_CONTROL_PREFIX } from '../../src/api/contract';
import { runComposingClient, type ClientOutcome } from './composing-client';
import { memoryOf, startServerProcess } from '../server-process';
import { formatTable, LoadStats } from './stats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REPLACE_EVERY_MS = 2000;
const REPLACES_PER_MAIL = 4;
const PASSWORD = 'load-test-password';
/** The first seconds hold every client's sign-in (a deliberately slow scrypt check); figures after it are the steady state. */
const WARM_UP_SECONDS = 10;

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '50' },
    out: { type: 'string', default: path.join(ROOT, 'bench/results/load-latest.json') },
  },
});
const seconds = Number(args.seconds);
const clients = Number(args.clients);
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) throw new Error(`--seconds must be a whole number from 1 to 3600, not "${args.seconds}"`);
if (!Number.isInteger(clients) || clients < 1 || clients > 500) throw new Error(`--clients must be a whole number from 1 to 500, not "${args.clients}"`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function control(baseUrl: string, route: string, body: unknown): Promise<void> {
  const res = await fetch(`${baseUrl}${TEST_CONTROL_PREFIX}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${route} answered ${res.status}: ${await res.text()}`);
}

async function main() {
  // Other work on the machine skews latency; the 1-minute load average before the run says how busy it was.
  const loadAverageBefore = Math.round(os.loadavg()[0]! * 100) / 100;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailbox-load-'));
  const server = await startServerProcess(ROOT, dataDir);
  // Never outlive the plan: a stuck run ends the server and exits with an error.
  const watchdog = setTimeout(() => {
    console.error('load run took far longer than planned; stopping');
    void server.stop().finally(() => process.exit(2));
  }, (seconds + 120) * 1000);
  watchdog.unref();

  try {
    const emails = Array.from({ length: clients }, (_, i) => `load${String(i + 1).padStart(3, '0')}@example.test`);
    for (const email of emails) await control(server.url, '/accounts', { email, password: PASSWORD, fullName: `Load ${email.slice(4, 7)}` });
    const before = memoryOf(server.pid);

    const stats = new LoadStats(performance.now() + WARM_UP_SECONDS * 1000);
    const startedAt = new Date();
    const endsAt = Date.now() + seconds * 1000;
    console.log(`${clients} composing clients for ${seconds} s against ${server.url} (server pid ${server.pid}) …`);
    const outcomes: ClientOutcome[] = await Promise.all(
      emails.map((email, i) =>
        runComposingClient(
          {
            baseUrl: server.url,
            email,
            password: PASSWORD,
            recipient: emails[(i + 1) % emails.length]!,
            replaceEveryMs: REPLACE_EVERY_MS,
            replacesPerMail: REPLACES_PER_MAIL,
            endsAt,
            // One composition is REPLACES_PER_MAIL + 4 requests per (REPLACES_PER_MAIL × 2 s); twice that rate is the cap.
            maxRequests: 2 * Math.ceil((seconds * 1000) / (REPLACES_PER_MAIL * REPLACE_EVERY_MS) + 1) * (REPLACES_PER_MAIL + 4) + 4,
            startDelayMs: Math.round((i * REPLACE_EVERY_MS) / clients),
          },
          stats,
        ),
      ),
    );
    const finishedAt = new Date();
    const after = memoryOf(server.pid);

    // The last sends are still inside their undo window: move the server clock past it and wait for delivery.
    await control(server.url, '/clock', { advanceMs: 11_000 });
    const db = new Database(path.join(dataDir, 'mailbox.sqlite'), { readonly: true, fileMustExist: true });
    const waitUntil = Date.now() + 30_000;
    const unfinished = () => (db.prepare("SELECT COUNT(*) AS n FROM processing_queue WHERE state IN ('pending', 'delivering')").get() as { n: number }).n;
    while (unfinished() > 0 && Date.now() < waitUntil) await sleep(200);
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const sent = outcomes.reduce((sum, o) => sum + o.sent, 0);
    const mail = {
      sent,
      queuedDelivered: count("SELECT COUNT(*) AS n FROM processing_queue WHERE state = 'delivered'"),
      stillQueued: unfinished(),
      failed: count("SELECT COUNT(*) AS n FROM processing_queue WHERE state = 'failed'"),
      localDeliveries: count("SELECT COUNT(*) AS n FROM delivery_log WHERE route = 'local'"),
      bounced: count("SELECT COUNT(*) AS n FROM delivery_log WHERE route = 'bounced'"),
      inInboxes: count("SELECT COUNT(*) AS n FROM mails m JOIN folders f ON f.id = m.folder_id WHERE f.role = 'inbox'"),
      inSent: count("SELECT COUNT(*) AS n FROM mails m JOIN folders f ON f.id = m.folder_id WHERE f.role = 'sent'"),
      // Delivered with everything the sender last saved: the final paragraph and the attachment.
      completeInInboxes: count(
        `SELECT COUNT(*) AS n FROM mails m JOIN folders f ON f.id = m.folder_id
         WHERE f.role = 'inbox' AND json_array_length(m.attachments_json) = 1
           AND instr(CAST(m.raw AS TEXT), 'Paragraph ${REPLACES_PER_MAIL + 1} from') > 0`,
      ),
      // Every composition ends in a send, so no draft may be left behind.
      draftsLeft: count("SELECT COUNT(*) AS n FROM mails m JOIN folders f ON f.id = m.folder_id WHERE f.role = 'drafts'"),
    };
    db.close();
    const exitCode = await server.stop();

    const overall = stats.overall();
    const aborted = outcomes.filter((o) => o.aborted).map((o) => o.aborted!);
    const result = {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      config: { seconds, clients, replaceEveryMs: REPLACE_EVERY_MS, replacesPerMail: REPLACES_PER_MAIL, target: server.url.replace(/:\d+$/, ':<free port>') },
      machine: {
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
        os: `${os.type()} ${os.release()}`,
        node: process.version,
        loadAverageBefore,
      },
      totals: { ...overall, requestsPerSecond: Math.round((overall.requests / ((finishedAt.getTime() - startedAt.getTime()) / 1000)) * 10) / 10 },
      endpoints: stats.byEndpoint(),
      steadyState: { afterSeconds: WARM_UP_SECONDS, ...stats.steady() },
      errors: stats.firstErrors,
      clientsAborted: aborted,
      serverMemory: { rssBeforeKb: before.rssKb, rssAfterKb: after.rssKb, peakRssKb: after.peakRssKb },
      mail: { ...mail, lost: mail.sent - mail.queuedDelivered },
      server: { exitCode, unexpectedErrorLines: server.stderr.filter((line) => line.includes('unexpected error')).length },
    };

    fs.mkdirSync(path.dirname(args.out), { recursive: true });
    fs.writeFileSync(args.out, `${JSON.stringify(result, null, 2)}\n`);
    fs.rmSync(dataDir, { recursive: true, force: true });

    console.log(`\n${formatTable(result.endpoints, overall)}\n`);
    console.log(`requests/s ${result.totals.requestsPerSecond}; errors ${overall.errors}; clients aborted ${aborted.length}`);
    console.log(
      `after the first ${WARM_UP_SECONDS} s (sign-ins done): ${result.steadyState.requests} requests, p50 ${result.steadyState.p50Ms} ms, p99 ${result.steadyState.p99Ms} ms, max ${result.steadyState.maxMs} ms`,
    );
    console.log(`server RSS ${(before.rssKb / 1024).toFixed(1)} MB before → ${(after.rssKb / 1024).toFixed(1)} MB after (peak ${(after.peakRssKb / 1024).toFixed(1)} MB)`);
    console.log(
      `mail: ${mail.sent} sent, ${mail.queuedDelivered} delivered (${mail.inInboxes} in recipients' Inboxes, ${mail.completeInInboxes} with the final text and attachment), ${result.mail.lost} lost, ${mail.stillQueued} still queued, ${mail.draftsLeft} drafts left`,
    );
    console.log(`written to ${path.relative(process.cwd(), args.out)}`);
    const clean =
      overall.errors === 0 &&
      aborted.length === 0 &&
      result.mail.lost === 0 &&
      mail.completeInInboxes === mail.sent &&
      mail.draftsLeft === 0 &&
      exitCode === 0 &&
      result.server.unexpectedErrorLines === 0;
    process.exitCode = clean ? 0 : 1;
  } catch (err) {
    await server.stop();
    throw err;
  } finally {
    clearTimeout(watchdog);
  }
}

await main();
