import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { FileStorage } from '../src/infrastructure/state/fileStorage';

// What one turn stores for one conversation (language, last territory, empty dialog stack).
const STATE = { memory: { lang: 'fr', territory: { id: 'ti-8413', wave: 2023 }, communeCode: '01283' }, dialogState: { dialogStack: [] } };
const key = (i: number) => `webchat/conversations/bench-conv-${i}/conversation`;

async function measure(storage: Storage, stored: number, concurrent: number): Promise<{ sequentialMs: number; concurrentMs: number }> {
  const initial: StoreItems = {};
  for (let i = 0; i < stored; i++) initial[key(i)] = { ...STATE, eTag: '*' };
  await storage.write(initial);
  const rounds = 10;
  let t = performance.now();
  for (let i = 0; i < rounds; i++) await storage.write({ [key(i)]: { ...STATE, eTag: '*' } });
  const sequentialMs = (performance.now() - t) / rounds;
  t = performance.now();
  await Promise.all(Array.from({ length: concurrent }, (_, i) => storage.write({ [key(i)]: { ...STATE, eTag: '*' } })));
  return { sequentialMs, concurrentMs: performance.now() - t };
}

/**
 * The default state store rewrites one file per save, so its cost grows with the number of stored
 * conversations; changes arriving during a save are saved together. Measured at 100 and 10,000
 * stored conversations, against botbuilder's MemoryStorage on the same writes.
 */
export async function benchStateStore(concurrent = 200) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ti-bench-state-'));
  try {
    const out: Record<string, { sequentialMs: number; concurrentMs: number }> = {};
    for (const stored of [100, 10_000]) {
      out[`memory-${stored}`] = await measure(new MemoryStorage(), stored, concurrent);
      out[`file-${stored}`] = await measure(await FileStorage.open(path.join(dir, `state-${stored}.json`)), stored, concurrent);
    }
    return { concurrent, ...out } as { concurrent: number } & Record<'memory-100' | 'file-100' | 'memory-10000' | 'file-10000', { sequentialMs: number; concurrentMs: number }>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
