import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folders this test file made (jest gives each file its own copy of this module). */
const made = new Set<string>();

/** A new folder in the system's temporary folder, deleted by removeTempDirs(). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Deletes every folder tempDir() made: in the file's last afterAll, once nothing writes in them. */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
