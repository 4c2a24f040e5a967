import { useRunningBot } from '../../helpers/channel';
import { realKnowledge } from '../../helpers/kb';
import { CONVERSATIONS, NO_PLACE_SET } from '../../corpus/conversations';
import { formatFailure, playConversation, type Facts } from '../../corpus/player';
import type { Conversation } from '../../corpus/types';

/**
 * The conversation corpus, played through POST /api/messages as Web Chat and Teams do (card
 * buttons clicked as `value` without text). One test per conversation; a failure prints every
 * turn that went wrong with what the bot said.
 */
const bot = useRunningBot();
let facts: Facts;

beforeAll(async () => {
  facts = { kb: (await realKnowledge()).kb };
});

let n = 0;
async function play(conversation: Conversation): Promise<void> {
  const result = await playConversation(bot.channel, conversation, facts, `corpus-${n++}`);
  if (!result.passed) throw new Error(formatFailure(result));
}

describe('conversation corpus', () => {
  it('has at least 150 conversations, every class of issue 11 among them', () => {
    expect(CONVERSATIONS.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(CONVERSATIONS.map((c) => c.kind));
    for (const kind of ['crash', 'buttons', 'namesakes', 'no-place', 'input-kept', 'advisors', 'language', 'long', 'flows', 'place-forms'])
      expect(kinds).toContain(kind);
  });

  it.each(CONVERSATIONS.map((c) => [c.id, c] as const))('%s', async (_id, conversation) => {
    await play(conversation);
  });
});

describe('messages that name no place', () => {
  // The resolver's own bound (test/unit/domain/place-precision.ts): at most 2% of them read
  // as a town. Here, through the whole bot: every one gets an answer, and the towns stay as rare.
  it(`get an answer, and a town at most 2% of the time (${NO_PLACE_SET.length} messages)`, async () => {
    const towns: string[] = [];
    const broken: string[] = [];
    for (const [i, conversation] of NO_PLACE_SET.entries()) {
      const result = await playConversation(bot.channel, conversation, facts, `no-place-${i}`);
      if (result.passed) continue;
      const problems = result.failures.flatMap((f) => f.problems);
      if (problems.every((p) => p.startsWith('a place was answered'))) towns.push(formatFailure(result));
      else broken.push(formatFailure(result));
    }
    expect(broken).toEqual([]);
    expect(towns.length <= Math.ceil(0.02 * NO_PLACE_SET.length) ? [] : towns).toEqual([]);
  });
});
