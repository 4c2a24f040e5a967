import { ConversationState, type Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { Config } from '../../config';
import type { Resolver } from '../../domain/resolution/resolver';
import type { CardRenderer } from '../../presentation/present';
import { adaptiveCards } from '../../presentation/cards/renderer';
import type { DialogDeps } from '../dialogs/deps';
import { MainDialog } from '../dialogs/mainDialog';
import { FLOWS_PROPERTY, MEMORY_PROPERTY, type ConversationMemory } from '../dialogs/state';
import type { DialogState } from 'botbuilder-dialogs';
import { createAdapter, createAuthentication } from './adapter';
import { messagesEndpoint } from './endpoint';
import { serviceUrlCheck } from './serviceUrl';
import { clientKeyFor, type ClientKey } from '../http/client';
import { AssistantBot } from './bot';
import { FileStorage } from '../../infrastructure/state';
import { createStorage } from './storage';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the bot needs from the rest of the product: the dialogs' dependencies, and the resolver for Teams search. */
export type BotDeps = Omit<DialogDeps, 'cards' | 'memory' | 'flows'> & { resolver: Resolver };

/** The settings the Bot Framework side reads. */
export type BotConfig = Pick<
  Config,
  | 'microsoftAppId'
  | 'microsoftAppPassword'
  | 'microsoftAppType'
  | 'microsoftAppTenantId'
  | 'localChannelUrls'
  | 'storage'
  | 'stateDir'
  | 'blobConnectionString'
  | 'blobContainer'
  | 'stateRetentionDays'
>;

/** The bot itself (state, dialogs, activity handler) on a given storage, without any HTTP. */
export function createBot(deps: BotDeps, storage: Storage, cards: CardRenderer | null = adaptiveCards): AssistantBot {
  const conversationState = new ConversationState(storage);
  const memory = conversationState.createProperty<ConversationMemory>(MEMORY_PROPERTY);
  const dialog = new MainDialog({
    lookup: deps.lookup,
    parser: deps.parser,
    kb: deps.kb,
    cards,
    memory,
    flows: conversationState.createProperty<DialogState>(FLOWS_PROPERTY),
    defaultWave: deps.defaultWave,
    contact: deps.contact,
    schemes: deps.schemes,
    requestRetentionDays: deps.requestRetentionDays,
  });
  return new AssistantBot(conversationState, dialog, memory, {
    lookup: deps.lookup,
    resolver: deps.resolver,
    cards,
    defaultWave: deps.defaultWave,
  });
}

/** Wires the Bot Framework side: adapter, state, dialogs, and POST /api/messages. */
export async function registerBot(
  server: Server,
  deps: BotDeps & { config: BotConfig; log: (message: string) => void },
  options: {
    storage?: Storage;
    cards?: CardRenderer | null;
    /** The limiters' client key (the guard's). */
    clientKey?: ClientKey;
    /** serviceUrls of the channels this server plays itself (the local Direct Line). */
    ownChannels?: () => readonly string[];
  } = {},
): Promise<() => Promise<void>> {
  const { config, log } = deps;
  const storage =
    options.storage ??
    (await createStorage({
      kind: config.storage,
      stateDir: config.stateDir,
      blobConnectionString: config.blobConnectionString,
      blobContainer: config.blobContainer,
    }));
  const bot = createBot(deps, storage, options.cards === undefined ? adaptiveCards : options.cards);
  const authentication = createAuthentication(config);
  server.post(
    '/api/messages',
    messagesEndpoint({
      adapter: createAdapter(authentication, log),
      authentication,
      logic: (context) => bot.run(context),
      clientKey: options.clientKey ?? clientKeyFor(0),
      serviceUrlAllowed: config.microsoftAppId ? null : serviceUrlCheck(config.localChannelUrls, options.ownChannels ?? (() => [])),
      log: log,
    }),
  );
  // Abandoned conversations must not make the state file grow forever (blob state is purged by a
  // lifecycle rule on the container instead).
  let purge: NodeJS.Timeout | undefined;
  if (storage instanceof FileStorage) {
    const purgeOld = () =>
      storage.purgeOlderThan(new Date(Date.now() - config.stateRetentionDays * DAY_MS)).then(
        (n) => n > 0 && log(`Purged ${n} conversation state item(s) older than ${config.stateRetentionDays} days.`),
        (err: Error) => log(`Could not purge conversation state: ${err.name}`),
      );
    await purgeOld();
    purge = setInterval(() => void purgeOld(), DAY_MS);
    purge.unref();
  }
  return async () => clearInterval(purge);
}
