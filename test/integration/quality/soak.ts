import { runSoak } from '../../../scripts/soak';

// A small `npm run soak`: ten users at once, two whole conversations each, every reply checked.
// Counted, not timed: throughput and heap growth are what `npm run soak` and the bench measure.
it('answers every turn of concurrent conversations, without error statuses or lost replies', async () => {
  const summary = await runSoak({ seconds: 600, users: 10, rounds: 2, measureHeap: false, numberModel: false });
  expect(summary.failures).toEqual([]);
  expect(summary.errorStatuses).toBe(0);
  expect(summary.lostReplies).toBe(0);
  expect(summary.wrongReplies).toBe(0);
  expect(summary.turns).toBe(10 * 2 * 6);
  expect(summary.ok).toBe(true);
});
