import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The Mailbox API server as its own process on loopback, so its memory (VmRSS) is its own and the
 * Vite preview proxy or the load clients running in the harness do not blur it. A free port, a fresh
 * data folder, the test control API on. Used by `npm run bench` and `npm run load`.
 */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Lines the server wrote to stderr (unexpected errors are logged there). */
  stderr: string[];
  /** SIGTERM, then wait for a clean exit (in-flight requests finish, the database closes); its exit code. */
  stop(): Promise<number | null>;
}

export async function startServerProcess(root: string, dataDir: string, env: Record<string, string> = {}, timeoutMs = 30_000): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/index.ts')], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, TEST_CONTROL: '1', SEED: '', SMTP_RELAY_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Never outlive the harness, even when it exits abruptly (the watchdog).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${timeoutMs} ms: ${stderr.join(' ')}`)), timeoutMs);
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening: ${stderr.join(' ')}`));
    });
  });

  return {
    url,
    pid: child.pid!,
    stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}

/** Resident and peak resident memory of a process, in kB, from /proc/<pid>/status (Linux). */
export function memoryOf(pid: number): { rssKb: number; peakRssKb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), peakRssKb: field('VmHWM') };
}

export const rssKb = (pid: number): number => memoryOf(pid).rssKb;
