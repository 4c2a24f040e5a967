import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { FileStorage } from '../src/infrastructure/state/fileStorage';

// What one turn stores for one conversation (language, last territory, empty dialog stack).
const STATE = { memory: { lang: 'fr', territory: { id: 'ti-8413', wave: 2023 }, communeCode: '01283' }, dialogState: { dialogStack: [] } };
const key = (i: number) => `webchat/conversations/bench-conv-${i}/conversation`;

type Figures = { sequentialMs: number; concurrentMs: number };
type Case = { name: string; storage: Storage; stored: number };

const write = (storage: Storage, i: number) => storage.write({ [key(i)]: { ...STATE, eTag: '*' } });

/**
 * Each store is filled first; then the saves are measured in rounds that alternate between the
 * stores, so that what the disk still does for the last fill (10,000 flushed files) or for
 * another process weighs on every store alike, and the ratios compare like with like.
 */
async function measure(cases: Case[], concurrent: number, rounds = 50): Promise<Record<string, Figures>> {
  for (const { storage, stored } of cases) {
    const initial: StoreItems = {};
    for (let i = 0; i < stored; i++) initial[key(i)] = { ...STATE, eTag: '*' };
    await storage.write(initial);
  }
  /** Mean time of `task` on each store, over `n` rounds alternating the stores' order. */
  const alternate = async (n: number, task: (storage: Storage, round: number) => Promise<unknown>) => {
    const total = new Map<string, number>(cases.map((c) => [c.name, 0]));
    for (let round = 0; round < n; round++) {
      for (const { name, storage } of round % 2 ? [...cases].reverse() : cases) {
        const t = performance.now();
        await task(storage, round);
        total.set(name, total.get(name)! + performance.now() - t);
      }
    }
    return (name: string) => total.get(name)! / n;
  };
  const sequential = await alternate(rounds, (storage, round) => write(storage, round));
  const burst = await alternate(6, (storage) => Promise.all(Array.from({ length: concurrent }, (_, i) => write(storage, i))));
  return Object.fromEntries(cases.map(({ name }) => [name, { sequentialMs: sequential(name), concurrentMs: burst(name) }]));
}

/**
 * The default state store keeps one file per conversation, so a save should cost the same with
 * 100 or 10,000 conversations stored. Measured at both sizes, against botbuilder's MemoryStorage
 * on the same writes. `npx tsx bench/stateStore.ts` runs this part alone.
 */
export async function benchStateStore(concurrent = 200) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ti-bench-state-'));
  try {
    const cases: Case[] = [];
    for (const stored of [100, 10_000]) {
      cases.push({ name: `memory-${stored}`, storage: new MemoryStorage(), stored });
      cases.push({ name: `file-${stored}`, storage: await FileStorage.open(path.join(dir, `state-${stored}`)), stored });
    }
    const out = await measure(cases, concurrent);
    return { concurrent, ...out } as { concurrent: number } & Record<'memory-100' | 'file-100' | 'memory-10000' | 'file-10000', Figures>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchStateStore().then((result) => {
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stdout.write(`one save, file store, 10,000 vs 100 stored: ${ratio(result['file-10000'].sequentialMs, result['file-100'].sequentialMs)}x\n`);
    process.stdout.write(
      `${result.concurrent} concurrent saves, file store, 10,000 vs 100 stored: ${ratio(result['file-10000'].concurrentMs, result['file-100'].concurrentMs)}x\n`,
    );
  });
}
