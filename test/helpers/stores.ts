import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAzurite, type AzuriteHandle } from './azurite';

/**
 * The two places durable records can live, for contract tables run against both: a temporary
 * directory (STORAGE=file) and Azurite's blob and queue services (STORAGE=blob). Each `fresh()`
 * gives a location no other test uses.
 */
export interface StoreBackend {
  name: 'file' | 'azure';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A new empty directory, or a new container and queue name on Azurite. */
  fresh(): { dir: string; connectionString: string; container: string; queue: string };
}

export function storeBackends(): StoreBackend[] {
  let root = '';
  let azurite: AzuriteHandle | undefined;
  let seq = 0;
  const unique = () => `t${++seq}-${randomBytes(3).toString('hex')}`;
  return [
    {
      name: 'file',
      async setup() {
        root = mkdtempSync(path.join(os.tmpdir(), 'stores-'));
      },
      async teardown() {
        rmSync(root, { recursive: true, force: true });
      },
      fresh: () => ({ dir: mkdtempSync(path.join(root, 'dir-')), connectionString: '', container: '', queue: '' }),
    },
    {
      name: 'azure',
      async setup() {
        azurite = await startAzurite({ queue: true });
      },
      async teardown() {
        await azurite?.stop();
        azurite = undefined;
      },
      fresh: () => ({ dir: '', connectionString: azurite!.connectionString, container: `c-${unique()}`, queue: `q-${unique()}` }),
    },
  ];
}

/** The values of the documents a file store keeps in `dir` (one JSON file each), as a reader of the disk sees them. */
export function documentsOnDisk<T = Record<string, any>>(dir: string): T[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { value: T }).value);
}
