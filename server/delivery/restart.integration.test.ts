import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FolderList, MailList, ScheduleResponse, SendResponse } from '../../src/api/contract';
import { configFromEnv, type ServerConfig } from '../config';
import { startServer, type RunningServer } from '../index';
import { basicAuthorization } from '../testing/sign-in';

/**
 * The processing queue lives in the database: mail scheduled (or waiting out its undo window)
 * before a stop is delivered after the next start — exactly once.
 */

let dataDir = '';
let running: RunningServer | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const config = (): ServerConfig => ({ ...configFromEnv({}), dataDir, port: 0, testControl: true, seedDemo: false });

async function api<T>(server: RunningServer, method: string, url: string, init: { headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function login(server: RunningServer, email: string): Promise<Record<string, string>> {
  const authorization = basicAuthorization(email, 'secret-pass');
  const res = await api<{ sessid: string }>(server, 'POST', '/api/v1/login', { headers: { Authorization: authorization } });
  expect(res.status).toBe(200);
  return { Authorization: authorization, 'X-Axigen-Session': res.body.sessid };
}

async function inboxCount(server: RunningServer, email: string): Promise<number> {
  const headers = await login(server, email);
  const folders = (await api<FolderList>(server, 'GET', '/api/v1/folders', { headers })).body;
  const inbox = folders.items.find((f) => f.role === 'inbox')!;
  return (await api<MailList>(server, 'GET', `/api/v1/mails?folderId=${inbox.id}`, { headers })).body.totalItems;
}

async function serverClock(server: RunningServer): Promise<number> {
  return (await api<{ now: number }>(server, 'GET', '/__test/clock')).body.now;
}

describe('restarting the server', () => {
  it('delivers a mail scheduled before a stop, once, after the next start', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailbox-restart-'));
    running = await startServer(config());
    for (const email of ['demo@example.test', 'ana@example.test']) {
      expect((await api(running, 'POST', '/__test/accounts', { body: { email, password: 'secret-pass' } })).status).toBe(200);
    }
    const demo = await login(running, 'demo@example.test');
    const deliveryTime = Math.floor((await serverClock(running)) / 1000) + 3600;
    const scheduled = await api<ScheduleResponse>(running, 'POST', '/api/v1/mails/send/schedule', {
      headers: demo,
      body: { to: 'ana@example.test', subject: 'See you after the restart', deliveryTime },
    });
    expect(scheduled.status).toBe(200);
    // And one waiting out its undo window when the server stops.
    const sent = await api<SendResponse>(running, 'POST', '/api/v1/mails/send', { headers: demo, body: { to: 'ana@example.test', subject: 'In the window' } });
    expect(sent.status).toBe(200);
    await running.close();

    running = await startServer(config());
    expect(await inboxCount(running, 'ana@example.test')).toBe(0);
    // The fresh server clock starts at real time again: move it past both due times.
    const advanceMs = deliveryTime * 1000 - (await serverClock(running)) + 1000;
    expect((await api(running, 'POST', '/__test/clock', { body: { advanceMs } })).status).toBe(200);
    await running.queue.runDueWork();
    expect(await inboxCount(running, 'ana@example.test')).toBe(2);
    await running.queue.runDueWork();
    await running.close();

    // A third start finds nothing left to do.
    running = await startServer(config());
    await running.queue.runDueWork();
    expect(await inboxCount(running, 'ana@example.test')).toBe(2);
  });

  it('refuses to start on a port already in use, with an error rather than a crash, and can then start elsewhere', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailbox-restart-'));
    running = await startServer(config());
    await expect(startServer({ ...config(), port: running.port })).rejects.toThrow(/EADDRINUSE/);
    // The failed start released the database: the running server still works and a new one can open it.
    expect((await api(running, 'POST', '/__test/accounts', { body: { email: 'demo@example.test', password: 'secret-pass' } })).status).toBe(200);
    await running.close();
    running = await startServer(config());
    expect(await inboxCount(running, 'demo@example.test')).toBe(0);
  });

  it('finishes a delivery that a crash interrupted, without a second copy for recipients already served', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailbox-restart-'));
    running = await startServer(config());
    for (const email of ['demo@example.test', 'ana@example.test', 'bogdan@example.test']) {
      await api(running, 'POST', '/__test/accounts', { body: { email, password: 'secret-pass' } });
    }
    const demo = await login(running, 'demo@example.test');
    const sent = await api<SendResponse>(running, 'POST', '/api/v1/mails/send', {
      headers: demo,
      body: { to: 'ana@example.test, bogdan@example.test', subject: 'Half way' },
    });
    await running.close();

    // Simulate a crash after Ana's copy was written and logged but before the entry was finished.
    const db = new Database(path.join(dataDir, 'mailbox.sqlite'));
    const ana = db.prepare("SELECT id FROM accounts WHERE email = 'ana@example.test'").get() as { id: number };
    const inbox = db.prepare("SELECT id FROM folders WHERE account_id = ? AND role = 'inbox'").get(ana.id) as { id: number };
    const queued = db.prepare('SELECT raw FROM processing_queue WHERE id = ?').get(sent.body.processingId) as { raw: Buffer };
    db.prepare(
      "INSERT INTO mails (id, account_id, folder_id, raw, size, internal_date, is_unread, subject) VALUES ('crashcopy', ?, ?, ?, ?, 0, 1, 'Half way')",
    ).run(ana.id, inbox.id, queued.raw, queued.raw.length);
    db.prepare("INSERT INTO delivery_log (queue_id, recipient, route, at) VALUES (?, 'ana@example.test', 'local', 0)").run(sent.body.processingId);
    db.prepare("UPDATE processing_queue SET state = 'delivering', due_at = 0 WHERE id = ?").run(sent.body.processingId);
    db.close();

    running = await startServer(config());
    await running.queue.runDueWork();
    expect(await inboxCount(running, 'ana@example.test')).toBe(1);
    expect(await inboxCount(running, 'bogdan@example.test')).toBe(1);
  });
});
