import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
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
 * The turn-latency baseline: the same HTTP stack as the app (restify with our guards, CloudAdapter
 * without credentials, a reply through the connector) and a bot that only echoes.
 */
export async function startEchoBot(host = '127.0.0.1'): Promise<{ url: string; close: () => Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = echoHandler();
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  installGuards(server, { maxBodyBytes: 256 * 1024, rateLimitPerMinute: 100000, log: () => undefined });
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
