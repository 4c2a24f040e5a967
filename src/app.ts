import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type restify from 'restify';
import type { App, AppOverrides, AppServices } from './app-types';
import { checkDefaultWave, type Config } from './config';
import { installGuards } from './channels/http/guard';
import { createServer } from './channels/http/restify';
import { errorBody } from './channels/http/errors';
import { loadGeography } from './infrastructure/geography';
import { openKnowledgeBase } from './infrastructure/knowledge-base';
import { loadSchemes } from './infrastructure/schemes';
import { LookupService } from './domain/resolution/lookup';
import { Resolver } from './domain/resolution/resolver';
import { lexiconInSteps } from './infrastructure/lexicon-files';
import { DeferredBot } from './channels/bot/deferred';
import { BlobConversationRecords, FileStorage } from './infrastructure/state';
import { registerWebChat } from './channels/webchat';
import { RechercheEntreprisesClient } from './infrastructure/company-register';
import { FirmProfileParser, type NumberReader } from './domain/profile';
import { WorkerNumberReader } from './infrastructure/parser/workerReader';
import { registerApi } from './channels/http/api';
import { registerAdmin } from './channels/http/admin';
import { KbAdmin } from './domain/admin';
import { contactServicesOn } from './infrastructure/contact-services';
import { createNotifiers } from './infrastructure/notify';
import { openStores, type Stores } from './infrastructure/stores';
import { createStorage } from './channels/bot/storage';
import { writeNotification } from './presentation/notification';

export type { App, AppOverrides, AppServices } from './app-types';

/** How long a message that arrives while the bot part loads waits for it (a few seconds on a loaded machine) before a 503. */
const BOT_START_WAIT_MS = 30_000;

/**
 * Pays the first-call costs at start-up instead of on a user's turn: the resolver's code paths
 * are cold until a few lookups have run.
 */
export function warmUpResolver(resolver: Resolver): void {
  for (const q of ['Oyonnax', 'oyonax', '01100', 'notre usine est à Saint-Martin']) resolver.lookup(q);
}

/**
 * Builds a deferred resolver a step at a time, giving the event loop back between steps, so that
 * requests are served meanwhile. A lookup that comes first finishes the build itself (it waits
 * under a second; its answer is the one the built resolver gives).
 */
async function buildInSteps(resolver: Resolver): Promise<void> {
  while (!resolver.buildStep()) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Builds the whole server: knowledge base loaded and checked, routes registered. Right after (once
 * the caller listens) the parser's worker starts building the number model, the bot part (Bot
 * Framework, dialogs, cards) loads and the resolver builds its indexes: /health says which parts
 * are ready; only a message writing numbers in words waits for the parser (bounded by
 * PARSER_TIMEOUT_MS), a message to the bot for the bot part, and a lookup for the indexes.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const log = overrides.log ?? ((message: string) => console.log(`[${new Date().toISOString()}] ${message}`));
  // Its worker starts once the server listens (see build).
  const numbers =
    overrides.numberReader ??
    new WorkerNumberReader({
      timeoutMs: config.parserTimeoutMs,
      nice: config.parserNice,
      log,
      startLater: true,
      lazy: config.parserWorker === 'lazy',
    });
  try {
    return await build(config, overrides, log, numbers);
  } catch (err) {
    if (numbers instanceof WorkerNumberReader) await numbers.close();
    throw err;
  }
}

async function build(config: Config, overrides: AppOverrides, log: (message: string) => void, numbers: NumberReader): Promise<App> {
  const geo = overrides.geography ?? loadGeography();
  const kb = await openKnowledgeBase(config.kbDir, geo);
  checkDefaultWave(config, kb.waves());
  // Its word lists and indexes are built once the server listens (see buildInSteps).
  const lexicon = overrides.lexicon;
  const resolver = Resolver.deferred(kb, config.defaultWave, lexicon ? () => lexicon : lexiconInSteps);
  const schemes = await loadSchemes(path.join(config.kbDir, 'schemes.json'));
  const directory =
    overrides.directory === undefined
      ? new RechercheEntreprisesClient({ baseUrl: config.companyApiUrl, timeoutMs: config.companyApiTimeoutMs })
      : overrides.directory;
  const lookup = new LookupService(resolver, directory);
  const stores = await openStores(config, kb, createNotifiers(config), {
    log,
    outbox: { pollMs: config.outboxPollMs, leaseMs: config.outboxLeaseMs, baseDelayMs: config.outboxRetryBaseMs },
  });
  const storage = await createStorage({
    kind: config.storage,
    stateDir: config.stateDir,
    blobConnectionString: config.blobConnectionString,
    blobContainer: config.blobContainer,
  });
  // A firm's export and erasure search the conversations too: the file store lists itself, the
  // blob container is listed directly (the memory store is gone with the process anyway).
  const conversations =
    storage instanceof FileStorage
      ? storage
      : config.storage === 'blob'
        ? new BlobConversationRecords(
            (await import('./infrastructure/storage/azure-clients.js')).containerClient(config.blobConnectionString ?? '', config.blobContainer),
          )
        : undefined;
  const contactServices = contactServicesOn(stores, config, kb, writeNotification, log, conversations);
  const parser = new FirmProfileParser(numbers);
  const services: AppServices = {
    config,
    geo,
    kb,
    resolver,
    lookup,
    parser,
    schemes,
    log,
    ...contactServices,
  };

  const server = createServer('territoires-industrie-assistant');
  const { clientKey } = installGuards(server, {
    maxBodyBytes: config.maxBodyBytes,
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustedProxies: config.trustedProxies,
    connections: { maxConnections: config.maxConnections, maxConnectionsPerClient: config.maxConnectionsPerClient },
    log,
  });

  server.get('/health', (_req, res, next) => {
    void Promise.all([health(stores, storage), contactServices.contact.deliveryReport().catch(() => null)]).then(([stores, delivery]) => {
      const ok = Object.values(stores).every((s) => s === 'ok') && bot.state !== 'failed';
      res.header('Cache-Control', 'no-store');
      res.json(ok ? 200 : 503, {
        status: ok ? 'ok' : 'degraded',
        // Every part named here is what a request may need; see README "Health and start-up".
        parts: { knowledgeBase: 'ready', resolver: resolver.built ? 'ready' : 'indexing', parser: parser.state, bot: bot.state },
        waves: kb.waves(),
        defaultWave: config.defaultWave,
        territories: kb.territories(config.defaultWave).length,
        storage: config.storage,
        stores,
        // Ready, but say it when firms' contact requests are only stored: nobody is told of them.
        contactRequests: delivery
          ? {
              delivered: delivery.channels.length === 0 ? 'none' : delivery.entryPointRequestsDelivered ? 'all' : 'named-referents-only',
              notifiers: delivery.channels,
              waiting: delivery.waiting,
              ...(delivery.oldestWaitingSince ? { oldestWaitingSince: delivery.oldestWaitingSince } : {}),
            }
          : { delivered: 'unknown' },
      });
      next();
    });
  });
  const closers: Array<() => Promise<void>> = [];
  if (numbers instanceof WorkerNumberReader) closers.push(() => numbers.close());
  const webchat = registerWebChat(server, {
    botEndpoint: '/api/messages',
    directLineSecret: config.directLineSecret,
    directLineEndpoint: config.directLineEndpoint,
    corsOrigins: config.corsOrigins,
    clientKey,
    // The local Direct Line plays an unauthenticated channel: only when the bot runs without credentials.
    localDirectLine: !config.directLineSecret && !config.microsoftAppId,
    log,
  });
  closers.push(() => webchat.close());
  const { contact, requests, outbox } = contactServices;
  const botDeps = {
    lookup,
    parser,
    resolver,
    kb,
    contact,
    schemes,
    defaultWave: config.defaultWave,
    requestRetentionDays: config.requestRetentionDays,
    privacyContact: config.privacyContact,
  };
  const bot = new DeferredBot({ ...botDeps, config, log }, { clientKey, ownChannels: () => webchat.serviceUrls(), storage }, BOT_START_WAIT_MS);
  server.post('/api/messages', bot.handle);
  closers.push(() => bot.close());
  // Once the caller has had the chance to listen: the resolver's indexes (most of the memory), then
  // the bot part (most of the code), each a step per turn of the event loop, one after the other:
  // a request in between (a health probe reads several files, each read waiting one turn) then
  // waits for one step at a time, not for a step of each (measured: the first GET /health after
  // listening took 0.9-2.2 s at load 6 with both side by side). A message to the bot that comes
  // first starts the bot part at once. The warm-up only saves the first lookups a few milliseconds.
  // The parser's worker starts after the indexes: on a busy 2-core machine a thread building the
  // model slows the first requests (first GET /health at load 8: 0.16-0.27 s without it, 0.39-0.59
  // s with it); the model is ready that much later, of about 9 s.
  setImmediate(() => {
    void buildInSteps(resolver)
      .then(() => {
        if (numbers instanceof WorkerNumberReader && config.parserWorker === 'eager') numbers.start();
        return bot.start();
      })
      .then(() => setImmediate(() => warmUpResolver(resolver)));
  });
  registerApi(server, { kb, lookup, defaultWave: config.defaultWave });
  if (config.adminToken) {
    const admin = new KbAdmin(kb, stores.history, undefined, () => stores.sharedKb.refresh());
    registerAdmin(server, { adminToken: config.adminToken, admin, log, requests, outbox, contact });
  }
  contact.start();
  closers.push(() => contact.stop());
  closers.push(async () => stores.close());

  server.on('NotFound', (_req: unknown, res: restify.Response, _err: unknown, cb: () => void) => {
    res.json(404, errorBody(404));
    cb();
  });

  return {
    server,
    services,
    listen: (port = config.port, host = config.host) =>
      new Promise((resolve) => {
        server.listen(port, host, () => {
          const address = server.server.address() as AddressInfo;
          resolve(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`);
        });
      }),
    close: async () => {
      for (const close of closers.reverse()) await close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reachability of every store, conversation state included; `ok` or the kind of failure. */
async function health(stores: Stores, state: { read(keys: string[]): Promise<unknown> }): Promise<Record<string, string>> {
  const [records, conversations] = await Promise.all([
    stores.probe(),
    Promise.race([
      state.read(['health-probe']),
      new Promise((_, reject) => setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'UNAVAILABLE' })), 5_000).unref()),
    ]).then(
      () => 'ok',
      (err: { code?: string }) => `unavailable${err?.code ? ` (${err.code})` : ''}`,
    ),
  ]);
  return { conversations, ...records };
}
