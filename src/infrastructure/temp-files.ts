import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Temporary files of atomic writes: `<file>.<pid>.<8 hex>.tmp`, written then renamed over the
 * file. A crash between the two leaves the temporary file behind, a full copy of what was being
 * saved (all the contact requests, a conversation's draft) that no erasure and no retention
 * would ever touch; each store removes them when it opens.
 */
const TEMP = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** Writes take milliseconds: a temporary file this old is left over, whoever wrote it. */
const STALE_MS = 60_000;

/** The temporary files this process is writing right now. */
const inFlight = new Set<string>();

export function tempFileFor(file: string): string {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  inFlight.add(tmp);
  return tmp;
}

/** Once the temporary file is renamed or removed. */
export function tempFileDone(tmp: string): void {
  inFlight.delete(tmp);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files in `dir` (those of files named `prefix…` when given) left by a
 * process that is gone, or by an earlier process with this one's pid (a container restarted), or
 * older than a minute. Another running process's file being written (a command-line import
 * sharing the directory) is kept. Returns the names removed.
 */
export async function removeStaleTemps(dir: string, prefix = ''): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || !name.startsWith(prefix)) continue;
    const file = path.join(dir, name);
    if (inFlight.has(file)) continue;
    const pid = Number(m[1]);
    const old = await stat(file).then(
      (s) => Date.now() - s.mtimeMs > STALE_MS,
      () => false,
    );
    if (pid !== process.pid && alive(pid) && !old) continue;
    await rm(file, { force: true }).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}
