import { open, rm, stat } from 'node:fs/promises';
import { StorageError, writeErrorCode } from '../state/errors';

/** A lock older than this was left by a process that died mid-write (writes take milliseconds). */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

const ageOf = (lock: string) =>
  stat(lock).then(
    (s) => Date.now() - s.mtimeMs,
    () => null,
  );

/**
 * Runs `task` holding `lock`, a file created exclusively, so that processes writing the same
 * files (the bot and a command-line import) never interleave. Waits up to 5 s for another holder
 * (then StorageError UNAVAILABLE); a lock left by a process that died is taken over after 10 s.
 */
export async function withFileLock<R>(lock: string, task: () => Promise<R>): Promise<R> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.close();
      break;
    } catch (err) {
      const errno = (err as NodeJS.ErrnoException).code;
      if (errno !== 'EEXIST') throw new StorageError(writeErrorCode(err), `Cannot write ${lock}${errno ? ` (${errno})` : ''}`, { cause: err });
      const age = (await ageOf(lock)) ?? 0;
      if (age > STALE_LOCK_MS) await rm(lock, { force: true });
      else if (Date.now() > deadline) throw new StorageError('UNAVAILABLE', `${lock} is held by another process`);
      else await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
  }
  try {
    return await task();
  } finally {
    await rm(lock, { force: true }).catch(() => undefined);
  }
}

/** True while a live writer holds `lock` (one left by a dead process does not count). */
export async function isLocked(lock: string): Promise<boolean> {
  const age = await ageOf(lock);
  return age !== null && age <= STALE_LOCK_MS;
}
