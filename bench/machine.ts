import fs from 'node:fs';
import os from 'node:os';

/** Where the figures came from: they only compare against runs on a like machine. */
export function describeMachine(chromiumVersion: string, load: number[]) {
  const cpus = os.cpus();
  let memoryBytes = os.totalmem();
  try {
    // A container's memory limit, when there is one, is what the run really had.
    const limit = Number(fs.readFileSync('/sys/fs/cgroup/memory.max', 'utf8').trim());
    if (Number.isFinite(limit) && limit > 0 && limit < memoryBytes) memoryBytes = limit;
  } catch {
    // No cgroup v2 limit: the host's memory.
  }
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryBytes,
    memoryGB: Math.round((memoryBytes / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion,
    loadAverageAtStart: load.map((l) => Math.round(l * 100) / 100),
    date: new Date().toISOString(),
  };
}
