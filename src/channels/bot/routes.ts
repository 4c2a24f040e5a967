import type { Storage } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
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
import { BlobConversationRecords, FileStorage } from '../../infrastructure/state';
import { createStorage } from './storage';
import { TurnConversationState } from './conversationState';
import { stateUpkeep } from './drafts';
import { ReferenceGuard, type ReferenceGuessLimits } from './referenceGuard';

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
  | 'referenceGuessesPerConversation'
  | 'referenceGuessesPerHour'
>;

const DEFAULT_DRAFT_TTL_MS = 60 * 60_000;

/** The bot itself (state, dialogs, activity handler) on a given storage, without any HTTP. */
export function createBot(
  deps: BotDeps,
  storage: Storage,
  options: { cards?: CardRenderer | null; draftTtlMs?: number; guessLimits?: ReferenceGuessLimits; log?: (message: string) => void } = {},
): AssistantBot {
  const cards = options.cards === undefined ? adaptiveCards : options.cards;
  const contact = deps.contact;
  const conversationState = new TurnConversationState(storage);
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
    privacyContact: deps.privacyContact,
  });
  return new AssistantBot(conversationState, dialog, memory, {
    lookup: deps.lookup,
    resolver: deps.resolver,
    cards,
    defaultWave: deps.defaultWave,
    draftTtlMs: options.draftTtlMs ?? DEFAULT_DRAFT_TTL_MS,
    references: contact
      ? new ReferenceGuard(async (reference) => (await contact.status(reference)).length > 0, {
          ...(options.guessLimits ? { limits: options.guessLimits } : {}),
          ...(options.log ? { log: options.log } : {}),
        })
      : null,
    flows,
  });
}

/** The options of the Bot Framework side beyond its dependencies. */
export interface BotOptions {
  storage?: Storage;
  cards?: CardRenderer | null;
  /** The limiters' client key (the guard's). */
  clientKey?: ClientKey;
  /** serviceUrls of the channels this server plays itself (the local Direct Line). */
  ownChannels?: () => readonly string[];
}

/** The bot ready to take activities: the handler of POST /api/messages, and what stops its upkeep. */
export interface StartedBot {
  handle: (req: Request, res: Response) => Promise<void>;
  close: () => Promise<void>;
}

/** Wires the Bot Framework side: adapter, state, dialogs, and POST /api/messages. */
export async function registerBot(
  server: Server,
  deps: BotDeps & { config: BotConfig; log: (message: string) => void },
  options: BotOptions = {},
): Promise<() => Promise<void>> {
  const bot = await startBot(deps, options);
  server.post('/api/messages', bot.handle);
  return bot.close;
}

/** Builds the Bot Framework side (adapter, state, dialogs) and the handler of POST /api/messages, without registering it. */
export async function startBot(deps: BotDeps & { config: BotConfig; log: (message: string) => void }, options: BotOptions = {}): Promise<StartedBot> {
  const { config, log } = deps;
  const storage =
    options.storage ??
    (await createStorage({
      kind: config.storage,
      stateDir: config.stateDir,
      blobConnectionString: config.blobConnectionString,
      blobContainer: config.blobContainer,
    }));
  const bot = createBot(deps, storage, {
    ...(options.cards !== undefined ? { cards: options.cards } : {}),
    draftTtlMs: config.draftTtlMinutes * 60_000,
    guessLimits: { perConversation: config.referenceGuessesPerConversation, overall: config.referenceGuessesPerHour },
    log,
  });
  const authentication = createAuthentication(config);
  const handle = messagesEndpoint({
    adapter: createAdapter(authentication, log),
    authentication,
    logic: (context) => bot.run(context),
    clientKey: options.clientKey ?? clientKeyFor(0),
    serviceUrlAllowed: config.microsoftAppId ? null : serviceUrlCheck(config.localChannelUrls, options.ownChannels ?? (() => [])),
    log,
  });
  // Abandoned conversations and unfinished drafts must not stay (blob state is deleted by the
  // container's lifecycle rule, see deploy/azure/main.bicep; its drafts are swept like the files').
  let stop = () => undefined as void;
  const sweepable =
    storage instanceof FileStorage
      ? storage
      : config.storage === 'blob' && options.storage === undefined
        ? new BlobConversationRecords(
            (await import('../../infrastructure/storage/azure-clients.js')).containerClient(config.blobConnectionString ?? '', config.blobContainer),
          )
        : null;
  if (sweepable) {
    const upkeep = stateUpkeep(sweepable, {
      retentionDays: config.stateRetentionDays,
      maxConversations: config.stateMaxConversations,
      draftTtlMs: config.draftTtlMinutes * 60_000,
      log,
    });
    await upkeep.runOnce();
    stop = upkeep.start();
  }
  return { handle, close: async () => stop() };
}
