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
  const rounds = 50;
  let t = performance.now();
  for (let i = 0; i < rounds; i++) await storage.write({ [key(i)]: { ...STATE, eTag: '*' } });
  const sequentialMs = (performance.now() - t) / rounds;
  t = performance.now();
  await Promise.all(Array.from({ length: concurrent }, (_, i) => storage.write({ [key(i)]: { ...STATE, eTag: '*' } })));
  return { sequentialMs, concurrentMs: performance.now() - t };
}

/**
 * The default state store keeps one file per conversation, so a save should cost the same with
 * 100 or 10,000 conversations stored. Measured at both sizes, against botbuilder's MemoryStorage
 * on the same writes. `npx tsx bench/stateStore.ts` runs this part alone.
 */
export async function benchStateStore(concurrent = 200) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ti-bench-state-'));
  try {
    const out: Record<string, { sequentialMs: number; concurrentMs: number }> = {};
    for (const stored of [100, 10_000]) {
      out[`memory-${stored}`] = await measure(new MemoryStorage(), stored, concurrent);
      out[`file-${stored}`] = await measure(await FileStorage.open(path.join(dir, `state-${stored}`)), stored, concurrent);
    }
    return { concurrent, ...out } as { concurrent: number } & Record<'memory-100' | 'file-100' | 'memory-10000' | 'file-10000', { sequentialMs: number; concurrentMs: number }>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchStateStore().then((result) => {
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stdout.write(`one save, file store, 10,000 vs 100 stored: ${ratio(result['file-10000'].sequentialMs, result['file-100'].sequentialMs)}x\n`);
    process.stdout.write(`${result.concurrent} concurrent saves, file store, 10,000 vs 100 stored: ${ratio(result['file-10000'].concurrentMs, result['file-100'].concurrentMs)}x\n`);
  });
}
