/**
 * Child process serving one bot for the turn bench, so that the load generator does not share
 * the bot's event loop. `lookup` = the real app; `echo` = the baseline. Prints {"url": ...}.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { startEchoBot } from './echoBot';

async function main(): Promise<void> {
  const mode = process.argv[2];
  let url: string;
  if (mode === 'echo') {
    ({ url } = await startEchoBot());
  } else {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'ti-bench-'));
    // /api/messages is not rate limited; the high limit keeps any other call the bench makes open.
    // The bench's fake connector listens on a loopback port of its own: the bot may answer it.
    const app = await createApp(
      loadConfig({ PORT: '0', STATE_DIR: stateDir, STORAGE: 'memory', RATE_LIMIT_PER_MINUTE: '100000', LOCAL_CHANNEL_URLS: 'http://127.0.0.1:*' }),
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
