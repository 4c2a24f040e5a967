import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Memory of the local Direct Line stays flat while conversations keep coming: 800 conversations
 * over real HTTP, each with 3 messages of 4 KB and the bot's 4 KB answers, through a channel
 * capped at 100 conversations. Heap is read after forced collections in a child process; the
 * same run without caps grows by several MB per round.
 */

jest.setTimeout(180_000);

it('keeps a flat heap and bounded conversations under a soak of new conversations', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'soak-child.ts')], {
    env: { ...process.env, SOAK_ROUNDS: '4', SOAK_PER_ROUND: '200', SOAK_MAX_CONVERSATIONS: '100' },
    timeout: 170_000,
  });
  const result = JSON.parse(stdout.trim().split('\n').pop() as string) as { conversations: number; heaps: number[]; maxSeen: number; stats: { conversations: number; tokens: number } };
  const mb = result.heaps.map((h) => Math.round(h / 1e5) / 10);
  console.log(`soak: ${result.conversations} conversations, heap after each round (MB): ${mb.join(', ')}`);
  expect(result.maxSeen).toBeLessThanOrEqual(100);
  expect(result.stats.tokens).toBeLessThanOrEqual(200);
  // From the second round on, the store is full: what it holds is replaced, not added to.
  const growth = (result.heaps[result.heaps.length - 1] as number) - (result.heaps[1] as number);
  expect(growth).toBeLessThan(3 * 1024 * 1024);
});
