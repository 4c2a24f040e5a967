import { createApp } from './app';
import { ConfigError, loadConfig, loadDotEnv } from './config';
import { KbError } from './domain/knowledge-base';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const started = Date.now();
  const app = await createApp(config);
  const url = await app.listen();
  const mode = config.microsoftAppId ? 'Bot Framework auth enforced' : 'local mode, no app id: auth off, loopback only';
  console.log(`Assistant Territoires d'industrie listening after ${Date.now() - started} ms on ${url} (${mode}). Web chat: ${url}/`);
  console.log('The parser reads numbers written in words once its model is built, in the background; GET /health says when.');
  const stop = (signal: string) => {
    console.log(`${signal} received, closing.`);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof KbError) console.error(`Refusing to start. ${err.message}`);
  else console.error('Refusing to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
