import { MemoryStorage, type Activity } from 'botbuilder';
import { createBot, type BotDeps } from '../../../../src/channels/bot/routes';
import { warmUpBot } from '../../../../src/channels/bot/warmUp';
import { FirmProfileParser } from '../../../../src/domain/profile';
import { LookupService } from '../../../../src/domain/resolution/lookup';
import { NoNumberReader } from '../../../../src/infrastructure/parser';
import { loadSchemes } from '../../../../src/infrastructure/schemes';
import { realKnowledge } from '../../../helpers/kb';

describe('warmUpBot', () => {
  it("answers a firm's first message in process, on a store of its own", async () => {
    const { kb, resolver } = await realKnowledge();
    const deps: BotDeps = {
      lookup: new LookupService(resolver, null),
      parser: new FirmProfileParser(new NoNumberReader()),
      kb,
      resolver,
      defaultWave: 2023,
      contact: null,
      schemes: await loadSchemes('data/kb/schemes.json'),
      requestRetentionDays: 365,
      privacyContact: '',
    };
    const replies: Array<Partial<Activity>> = [];
    const stores: MemoryStorage[] = [];
    await warmUpBot((storage) => {
      stores.push(storage);
      const bot = createBot(deps, storage);
      const run = bot.run.bind(bot);
      bot.run = (context) => {
        context.onSendActivities(async (_context, activities, next) => {
          replies.push(...activities);
          return next();
        });
        return run(context);
      };
      return bot;
    });
    // The answer a user gets: territory, referents and schemes.
    const texts = replies.map((r) => r.text ?? '').join('\n');
    expect(texts).toMatch(/Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/);
    expect(texts).toMatch(/Pour votre établissement/);
    expect(replies.some((r) => r.attachments?.length)).toBe(true);
    // One throwaway store, which the warm-up's conversation went to, and nothing else.
    expect(stores).toHaveLength(1);
    // MemoryStorage keeps its items in a plain object; nothing else reads it.
    const items = Object.keys((stores[0] as unknown as { memory: Record<string, string> }).memory);
    expect(items.sort()).toEqual(['warm-up/conversations/warm-up-0/']);
  });
});
