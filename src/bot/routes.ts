import { ConversationState, MemoryStorage, UserState, type Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { Services } from '../app';
import type { CardRenderer } from '../dialogs/present';
import { MainDialog } from '../dialogs/mainDialog';
import { MEMORY_PROPERTY, type ConversationMemory } from '../dialogs/state';
import { createAdapter } from './adapter';
import { AssistantBot } from './bot';

/** Wires the Bot Framework side: adapter, state, dialogs, and POST /api/messages. */
export async function registerBot(
  server: Server,
  services: Services,
  options: { storage?: Storage; cards?: CardRenderer | null } = {},
): Promise<() => Promise<void>> {
  const storage = options.storage ?? new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const memory = conversationState.createProperty<ConversationMemory>(MEMORY_PROPERTY);
  const dialog = new MainDialog({
    lookup: services.lookup,
    kb: services.kb,
    cards: options.cards ?? null,
    memory,
    defaultWave: services.config.defaultWave,
  });
  const bot = new AssistantBot(conversationState, userState, dialog, memory, {
    lookup: services.lookup,
    resolver: services.resolver,
    cards: options.cards ?? null,
    defaultWave: services.config.defaultWave,
  });
  const adapter = createAdapter(services.config, services.log);

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return async () => undefined;
}
