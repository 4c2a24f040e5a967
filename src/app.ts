import type { AddressInfo } from 'node:net';
import path from 'node:path';
import restify, { type Server } from 'restify';
import { warmUp } from './warmup';
import type { Config } from './config';
import { installGuards } from './channels/http/guard';
import { errorBody } from './channels/http/errors';
import type { Geography } from './domain/geography';
import type { KnowledgeBase } from './domain/knowledge-base';
import { loadGeography } from './infrastructure/geography';
import { openKnowledgeBase } from './infrastructure/knowledge-base';
import { loadSchemes } from './infrastructure/schemes';
import type { CompanyDirectory } from './domain/company/directory';
import { LookupService } from './domain/resolution/lookup';
import { Resolver } from './domain/resolution/resolver';
import { loadLexicon } from './infrastructure/lexicon-files';
import { registerBot } from './channels/bot/routes';
import { registerWebChat } from './channels/webchat';
import { RechercheEntreprisesClient } from './infrastructure/company-register';
import { warmUpRecognizers } from './domain/profile';
import type { SchemeCatalog } from './domain/eligibility';
import { registerApi } from './channels/http/api';
import { registerAdmin } from './channels/http/admin';
import type { ContactService } from './domain/contact/service';
import { createContactServices } from './infrastructure/contact-services';
import type { RequestStore } from './infrastructure/request-store';
import type { Outbox } from './infrastructure/notify';
import { writeNotification } from './presentation/notification';

/** Everything a request handler may need, built once at start-up. */
export interface Services {
  config: Config;
  geo: Geography;
  kb: KnowledgeBase;
  resolver: Resolver;
  lookup: LookupService;
  schemes: SchemeCatalog;
  log: (message: string) => void;
  requests: RequestStore;
  outbox: Outbox;
  contact: ContactService;
}

export interface App {
  server: Server;
  services: Services;
  /** Starts listening; resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export interface AppOverrides {
  log?: (message: string) => void;
  directory?: CompanyDirectory | null;
  /**
   * Build the recognizers' models before listening (default). Only tests that never parse a firm
   * profile turn it off: the French models take seconds to build.
   */
  warmUpRecognizers?: boolean;
}

/**
 * Builds the whole server: knowledge base loaded and checked, recognizers warmed, routes
 * registered. Nothing listens before this resolves, so /health answering means ready.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const log = overrides.log ?? ((message: string) => console.log(`[${new Date().toISOString()}] ${message}`));
  const geo = loadGeography();
  const kb = await openKnowledgeBase(config.kbDir, geo);
  if (!kb.waves().includes(config.defaultWave)) {
    throw new Error(`DEFAULT_WAVE ${config.defaultWave} is not in the knowledge base (waves: ${kb.waves().join(', ')})`);
  }
  const resolver = new Resolver(kb, config.defaultWave, loadLexicon());
  const schemes = await loadSchemes(path.join(config.kbDir, 'schemes.json'));
  const directory =
    overrides.directory === undefined
      ? new RechercheEntreprisesClient({ baseUrl: config.companyApiUrl, timeoutMs: config.companyApiTimeoutMs })
      : overrides.directory;
  const lookup = new LookupService(resolver, directory);
  warmUp(resolver);
  if (overrides.warmUpRecognizers !== false) warmUpRecognizers();
  const contactServices = await createContactServices(config, kb, writeNotification, { log });
  const services: Services = { config, geo, kb, resolver, lookup, schemes, log, ...contactServices };

  const server = restify.createServer({ name: 'territoires-industrie-assistant', handleUncaughtExceptions: false });
  const { clientKey } = installGuards(server, {
    maxBodyBytes: config.maxBodyBytes,
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustedProxies: config.trustedProxies,
    connections: { maxConnections: config.maxConnections, maxConnectionsPerClient: config.maxConnectionsPerClient },
    log,
  });

  server.get('/health', (_req, res, next) => {
    res.json(200, {
      status: 'ok',
      waves: kb.waves(),
      defaultWave: config.defaultWave,
      territories: kb.territories(config.defaultWave).length,
    });
    next();
  });
  const closers: Array<() => Promise<void>> = [];
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
  closers.push(await registerBot(server, services, { clientKey, ownChannels: () => webchat.serviceUrls() }));
  registerApi(server, services);
  await registerAdmin(server, services);
  contactServices.contact.start();
  closers.push(() => contactServices.contact.stop());

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
