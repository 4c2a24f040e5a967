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
import { stateUpkeep } from './drafts';

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
  | 'stateMaxConversations'
  | 'draftTtlMinutes'
>;

const DEFAULT_DRAFT_TTL_MS = 60 * 60_000;

/** The bot itself (state, dialogs, activity handler) on a given storage, without any HTTP. */
export function createBot(deps: BotDeps, storage: Storage, cards: CardRenderer | null = adaptiveCards, draftTtlMs = DEFAULT_DRAFT_TTL_MS): AssistantBot {
  const conversationState = new ConversationState(storage);
  const memory = conversationState.createProperty<ConversationMemory>(MEMORY_PROPERTY);
  const flows = conversationState.createProperty<DialogState>(FLOWS_PROPERTY);
  const dialog = new MainDialog({
    lookup: deps.lookup,
    parser: deps.parser,
    kb: deps.kb,
    cards,
    memory,
    flows,
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
    draftTtlMs,
    flows,
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
  const bot = createBot(deps, storage, options.cards === undefined ? adaptiveCards : options.cards, config.draftTtlMinutes * 60_000);
  const authentication = createAuthentication(config);
  server.post(
    '/api/messages',
    messagesEndpoint({
      adapter: createAdapter(authentication, log),
      authentication,
      logic: (context) => bot.run(context),
      clientKey: options.clientKey ?? clientKeyFor(0),
      serviceUrlAllowed: config.microsoftAppId ? null : serviceUrlCheck(config.localChannelUrls, options.ownChannels ?? (() => [])),
      log,
    }),
  );
  // Abandoned conversations and unfinished drafts must not stay (blob state is deleted by the
  // container's lifecycle rule instead, see deploy/azure/main.bicep).
  let stop = () => undefined as void;
  if (storage instanceof FileStorage) {
    const upkeep = stateUpkeep(storage, {
      retentionDays: config.stateRetentionDays,
      maxConversations: config.stateMaxConversations,
      draftTtlMs: config.draftTtlMinutes * 60_000,
      log,
    });
    await upkeep.runOnce();
    stop = upkeep.start();
  }
  return async () => stop();
}
