/**
 * Child process serving one bot for the turn bench, so that the load generator does not share
 * the bot's event loop. `lookup` = the real app; `echo` = the baseline; `replay` = the baseline
 * that sends the assistant's own replies (see replayHandler). Prints {"url": ...}.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { inProcessBot } from './botLogic';
import { replayHandler, startEchoBot } from './echoBot';
import { ELIGIBILITY_FIGURES } from './parser';

/** The texts the bench sends whose replies the replay baseline sends back. */
const REPLAYED = ['Oyonnax', 'aide', ELIGIBILITY_FIGURES];

/** What the assistant answers to each text, each in a new conversation, as a channel receives it. */
async function assistantReplies(): Promise<Map<string, Array<Partial<Activity>>>> {
  const { app, bot } = await inProcessBot();
  const replies = new Map<string, Array<Partial<Activity>>>();
  try {
    for (const [i, text] of REPLAYED.entries()) {
      const adapter = new TestAdapter((context) => bot.run(context));
      adapter.conversation.conversation.id = `replay-${i}`;
      await adapter.processActivity({ type: 'message', text, locale: 'fr-FR' });
      replies.set(
        text,
        adapter.activeQueue.map(({ type, text: said, textFormat, attachments, suggestedActions, inputHint }) => ({
          type,
          ...(said !== undefined ? { text: said } : {}),
          ...(textFormat ? { textFormat } : {}),
          ...(attachments ? { attachments } : {}),
          ...(suggestedActions ? { suggestedActions } : {}),
          ...(inputHint ? { inputHint } : {}),
        })),
      );
    }
  } finally {
    await app.close();
  }
  return replies;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  let url: string;
  if (mode === 'echo') {
    ({ url } = await startEchoBot());
  } else if (mode === 'replay') {
    ({ url } = await startEchoBot('127.0.0.1', replayHandler(await assistantReplies())));
  } else {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'ti-bench-'));
    // /api/messages is not rate limited; the high limit keeps any other call the bench makes open.
    // The bench's fake connector listens on a loopback port of its own: the bot may answer it.
    const app = await createApp(
      loadConfig({
        PORT: '0',
        STATE_DIR: stateDir,
        STORAGE: 'memory',
        RATE_LIMIT_PER_MINUTE: '100000',
        LOCAL_CHANNEL_URLS: 'http://127.0.0.1:*',
        // The server's default unless the bench is run with another (an A/B of that setting).
        PARSER_NICE: process.env.PARSER_NICE,
      }),
      {
        log: () => undefined,
      },
    );
    url = await app.listen(0, '127.0.0.1');
    // Turns are measured once the parser's number model is built (a minute at most on a loaded machine).
    const until = Date.now() + 120_000;
    while (app.services.parser.state !== 'ready' && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  process.on('SIGTERM', () => process.exit(0));
}

void main();
