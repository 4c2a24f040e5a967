import { runSoak } from '../../../scripts/soak';

// The short variant of `npm run soak`: ten concurrent conversations for about fifteen seconds.
it('keeps every conversation answered, without error statuses, and the heap flat', async () => {
  const summary = await runSoak({ seconds: 15, users: 10 });
  expect(summary.failures).toEqual([]);
  expect(summary.errorStatuses).toBe(0);
  expect(summary.lostReplies).toBe(0);
  expect(summary.wrongReplies).toBe(0);
  // Every user got through at least one whole conversation (6 turns).
  expect(summary.turns).toBeGreaterThanOrEqual(10 * 6);
  expect(summary.heap.growthBytes).toBeLessThanOrEqual(summary.heap.allowedBytes);
  expect(summary.ok).toBe(true);
}, 90_000);
