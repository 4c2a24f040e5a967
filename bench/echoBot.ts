import type { AddressInfo } from 'node:net';
import { ActivityHandler, type Activity } from 'botbuilder';
import { createAdapter, createAuthentication } from '../src/channels/bot/adapter';
import restify from 'restify';
import { installGuards } from '../src/channels/http/guard';

/** The bot of the turn baselines: it only echoes. */
export function echoHandler(): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`Écho : ${context.activity.text ?? ''}`);
    await next();
  });
  return bot;
}

/**
 * The replay baseline: for a text it knows, it sends the very replies the assistant sent for that
 * text (same cards, same number of messages), without reading the text, state or dialogs; what
 * is left between it and the assistant is the assistant's own work. Other texts are echoed.
 */
export function replayHandler(replies: ReadonlyMap<string, ReadonlyArray<Partial<Activity>>>): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const known = replies.get(context.activity.text ?? '');
    if (!known) await context.sendActivity(`Écho : ${context.activity.text ?? ''}`);
    // One by one, as the assistant sends them (each its own call to the connector).
    else for (const reply of known) await context.sendActivity({ ...reply });
    await next();
  });
  return bot;
}

/**
 * The turn-latency baseline: the same HTTP stack as the app (restify with our guards, the app's
 * adapter and authentication without credentials, which keep their connector clients across turns
 * as the app's do, a reply through the connector) and a bot that only echoes (or replays).
 */
export async function startEchoBot(host = '127.0.0.1', bot: ActivityHandler = echoHandler()): Promise<{ url: string; close: () => Promise<void> }> {
  const adapter = createAdapter(
    createAuthentication({ microsoftAppId: '', microsoftAppPassword: '', microsoftAppType: 'MultiTenant', microsoftAppTenantId: '' }),
    () => undefined,
  );
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  installGuards(server, { maxBodyBytes: 256 * 1024, rateLimitPerMinute: 100000, log: () => undefined });
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
