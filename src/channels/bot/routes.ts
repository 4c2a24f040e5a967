import { ConversationState, type Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { Services } from '../../app';
import type { CardRenderer } from '../../presentation/present';
import { adaptiveCards } from '../../presentation/cards/renderer';
import { MainDialog } from '../dialogs/mainDialog';
import { MEMORY_PROPERTY, type ConversationMemory } from '../dialogs/state';
import { createAdapter, createAuthentication } from './adapter';
import { messagesEndpoint } from './endpoint';
import { serviceUrlCheck } from './serviceUrl';
import { clientKeyFor, type ClientKey } from '../http/client';
import { AssistantBot } from './bot';
import { FileStorage } from '../../infrastructure/state';
import { createStorage } from './storage';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The bot itself (state, dialogs, activity handler) on a given storage, without any HTTP. */
export function createBot(services: Services, storage: Storage, cards: CardRenderer | null = adaptiveCards): AssistantBot {
  const conversationState = new ConversationState(storage);
  const memory = conversationState.createProperty<ConversationMemory>(MEMORY_PROPERTY);
  const dialog = new MainDialog({
    lookup: services.lookup,
    kb: services.kb,
    cards,
    memory,
    defaultWave: services.config.defaultWave,
    contact: services.contact,
    schemes: services.schemes,
    requestRetentionDays: services.config.requestRetentionDays,
  });
  return new AssistantBot(conversationState, dialog, memory, {
    lookup: services.lookup,
    resolver: services.resolver,
    cards,
    defaultWave: services.config.defaultWave,
  });
}

/** Wires the Bot Framework side: adapter, state, dialogs, and POST /api/messages. */
export async function registerBot(
  server: Server,
  services: Services,
  options: {
    storage?: Storage;
    cards?: CardRenderer | null;
    /** The limiters' client key (the guard's). */
    clientKey?: ClientKey;
    /** serviceUrls of the channels this server plays itself (the local Direct Line). */
    ownChannels?: () => readonly string[];
  } = {},
): Promise<() => Promise<void>> {
  const { config } = services;
  const storage =
    options.storage ??
    (await createStorage({
      kind: config.storage,
      stateDir: config.stateDir,
      blobConnectionString: config.blobConnectionString,
      blobContainer: config.blobContainer,
    }));
  const bot = createBot(services, storage, options.cards === undefined ? adaptiveCards : options.cards);
  const authentication = createAuthentication(config);
  server.post(
    '/api/messages',
    messagesEndpoint({
      adapter: createAdapter(authentication, services.log),
      authentication,
      logic: (context) => bot.run(context),
      clientKey: options.clientKey ?? clientKeyFor(0),
      serviceUrlAllowed: config.microsoftAppId ? null : serviceUrlCheck(config.localChannelUrls, options.ownChannels ?? (() => [])),
      log: services.log,
    }),
  );
  // Abandoned conversations must not make the state file grow forever (blob state is purged by a
  // lifecycle rule on the container instead).
  let purge: NodeJS.Timeout | undefined;
  if (storage instanceof FileStorage) {
    const purgeOld = () =>
      storage.purgeOlderThan(new Date(Date.now() - config.stateRetentionDays * DAY_MS)).then(
        (n) => n > 0 && services.log(`Purged ${n} conversation state item(s) older than ${config.stateRetentionDays} days.`),
        (err: Error) => services.log(`Could not purge conversation state: ${err.name}`),
      );
    await purgeOld();
    purge = setInterval(() => void purgeOld(), DAY_MS);
    purge.unref();
  }
  return async () => clearInterval(purge);
}
