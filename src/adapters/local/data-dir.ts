// Refuses to start on a data folder the app cannot write to, or one too full to take writes, with one line saying so.
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Below this much free space the store would fail part-way through writes; better to say so at start. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;
const PROBE_BYTES = 64 * 1024;

export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

export type DataDirProbe = { writeProbe(dir: string): void; freeBytes(dir: string): number };

const realProbe: DataDirProbe = {
  writeProbe(dir) {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `.write-probe-${process.pid}`);
    try {
      writeFileSync(file, Buffer.alloc(PROBE_BYTES), { flush: true });
    } finally {
      rmSync(file, { force: true });
    }
  },
  freeBytes(dir) {
    const stats = statfsSync(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  },
};

const mib = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MiB`;

/** Throws a DataDirError (one line) when `dir` cannot be written to or has less than MIN_FREE_BYTES free. */
export function checkDataDir(dir: string, probe: DataDirProbe = realProbe): void {
  try {
    probe.writeProbe(dir);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new DataDirError(`Cannot start: the data folder ${dir} is full; free some space or set DATA_DIR to another folder.`);
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
      throw new DataDirError(`Cannot start: the data folder ${dir} is read-only; make it writable or set DATA_DIR to a writable folder.`);
    }
    throw new DataDirError(`Cannot start: the data folder ${dir} cannot be written to (${code || 'unknown error'}); set DATA_DIR to a writable folder.`);
  }
  const free = probe.freeBytes(dir);
  if (free < MIN_FREE_BYTES) {
    throw new DataDirError(`Cannot start: the data folder ${dir} has only ${mib(free)} free; free at least ${mib(MIN_FREE_BYTES)} or set DATA_DIR to another folder.`);
  }
}
