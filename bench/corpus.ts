/**
 * The conversation corpus's pass rate (test/corpus): the real app over HTTP, a fake channel that
 * clicks card buttons as Web Chat does. `npm run bench -- corpus` runs this part alone.
 */
import { FakeChannel, startApp } from '../test/helpers/channel';
import { realKnowledge } from '../test/helpers/kb';
import { CONVERSATIONS, NO_PLACE_SET } from '../test/corpus/conversations';
import { playCorpus } from '../test/corpus/player';

export interface CorpusFigures {
  conversations: { passed: number; total: number };
  noPlaceSet: { passed: number; total: number };
  byKind: Record<string, { passed: number; total: number }>;
  failed: string[];
}

export async function benchCorpus(): Promise<CorpusFigures> {
  const { kb } = await realKnowledge();
  const { app, url } = await startApp();
  const channel = new FakeChannel(url);
  await channel.start();
  try {
    const conversations = await playCorpus(channel, CONVERSATIONS, { kb }, 'bench-corpus');
    const noPlace = await playCorpus(channel, NO_PLACE_SET, { kb }, 'bench-no-place');
    return {
      conversations: { passed: conversations.passed, total: conversations.total },
      noPlaceSet: { passed: noPlace.passed, total: noPlace.total },
      byKind: { ...conversations.byKind, ...noPlace.byKind },
      failed: [...conversations.results, ...noPlace.results].filter((r) => !r.passed).map((r) => r.id),
    };
  } finally {
    await channel.stop();
    await app.close();
  }
}
