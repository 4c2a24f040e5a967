import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStorage, TestAdapter, type ActivityHandler } from 'botbuilder';
import { createApp, type App } from '../src/app';
import { createBot } from '../src/channels/bot/routes';
import { loadConfig } from '../src/config';
import { echoHandler } from './echoBot';
import { percentile } from './resolution';

/** A first message with place, size and need: the eligibility turn (territory card + schemes card). */
export const ELIGIBILITY_MESSAGE = 'Bonjour, PME de 85 salariés à Oyonnax, 12 M€ de CA, nous voulons recruter un jeune diplômé';

export type BotLogicScenario = 'echo' | 'lookup' | 'help' | 'eligibility';

/** The real bot (state on MemoryStorage, dialogs, cards, knowledge) in this process, without HTTP; close `app` after. */
export async function inProcessBot(): Promise<{ app: App; bot: ActivityHandler }> {
  const app = await createApp(loadConfig({ PORT: '0', STATE_DIR: mkdtempSync(path.join(os.tmpdir(), 'ti-bench-')), STORAGE: 'memory' }), {
    log: () => undefined,
  });
  const { config } = app.services;
  const bot = createBot(
    { ...app.services, defaultWave: config.defaultWave, requestRetentionDays: config.requestRetentionDays, privacyContact: config.privacyContact },
    new MemoryStorage(),
  );
  return { app, bot };
}

/**
 * The bot's own cost per turn, without HTTP or the connector: the real bot (state, dialogs, cards,
 * knowledge) and the echo bot run through botbuilder's TestAdapter in this process, in small
 * alternating batches so that machine noise hits all alike. Over HTTP the same turns also pay the
 * request parsing, the connector client and the reply's POST; this separates the two.
 */
export async function benchBotLogic(rounds: number): Promise<Record<BotLogicScenario, { p50Us: number; p99Us: number; batches: number }>> {
  const { app, bot } = await inProcessBot();
  const runner = (handler: ActivityHandler, text: string, conversations: number) => {
    const adapter = new TestAdapter((context) => handler.run(context));
    let n = 0;
    return async () => {
      adapter.conversation.conversation.id = `bench-${n++ % conversations}`;
      await adapter.processActivity({ type: 'message', text, locale: 'fr-FR' });
      adapter.activeQueue.length = 0;
    };
  };
  // [scenario, one turn, turns per batch]; an eligibility turn always starts a new conversation,
  // since a second profile message in the same one would be the answer to a question.
  const scenarios: Array<[BotLogicScenario, () => Promise<void>, number]> = [
    ['echo', runner(echoHandler(), 'Oyonnax', 100), 20],
    ['lookup', runner(bot, 'Oyonnax', 100), 20],
    ['help', runner(bot, 'aide', 100), 20],
    ['eligibility', runner(bot, ELIGIBILITY_MESSAGE, Number.MAX_SAFE_INTEGER), 1],
  ];
  const samples: Record<string, number[]> = {};
  try {
    for (const [name, turn, batch] of scenarios) {
      samples[name] = [];
      for (let i = 0; i < batch * 20; i++) await turn();
    }
    for (let r = 0; r < rounds; r++) {
      for (const [name, turn, batch] of scenarios) {
        const t = performance.now();
        for (let i = 0; i < batch; i++) await turn();
        samples[name]!.push(((performance.now() - t) / batch) * 1000);
      }
    }
  } finally {
    await app.close();
  }
  const summary = (name: BotLogicScenario) => ({
    p50Us: percentile(samples[name]!, 50),
    p99Us: percentile(samples[name]!, 99),
    batches: samples[name]!.length,
  });
  return { echo: summary('echo'), lookup: summary('lookup'), help: summary('help'), eligibility: summary('eligibility') };
}
