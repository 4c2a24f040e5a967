import { ConversationState, MemoryStorage, type Activity, type Middleware, type Storage } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import type { DialogDeps } from '../../src/channels/dialogs/deps';
import { MainDialog } from '../../src/channels/dialogs/mainDialog';
import { FLOWS_PROPERTY, MEMORY_PROPERTY, type ConversationMemory } from '../../src/channels/dialogs/state';
import { LookupService } from '../../src/domain/resolution/lookup';
import { FirmProfileParser } from '../../src/domain/profile';
import { NoNumberReader } from '../../src/infrastructure/parser';
import { realKnowledge } from './kb';

/**
 * The dialogs' dependencies on the real knowledge base, with no contact service, schemes or cards
 * unless given; the parser reads figures in digits only (no number model) unless given.
 */
export async function dialogDeps(state: ConversationState, overrides: Partial<DialogDeps> = {}): Promise<DialogDeps> {
  const { kb, resolver } = await realKnowledge();
  return {
    lookup: new LookupService(resolver, null),
    parser: new FirmProfileParser(new NoNumberReader()),
    kb,
    cards: null,
    memory: state.createProperty<ConversationMemory>(MEMORY_PROPERTY),
    flows: state.createProperty<DialogState>(FLOWS_PROPERTY),
    defaultWave: 2023,
    contact: null,
    schemes: null,
    requestRetentionDays: 365,
    privacyContact: '',
    ...overrides,
  };
}

export interface Chat {
  client: DialogTestClient;
  deps: DialogDeps;
  state: ConversationState;
  /** Sends one activity (text, or a partial activity such as a card click) and returns every reply of that turn. */
  turn(activity: string | Partial<Activity>): Promise<Array<Partial<Activity>>>;
  /** The replies' texts, joined. */
  say(activity: string | Partial<Activity>): Promise<string>;
  /** What the conversation remembers, as saved after the last turn. */
  memory(): Promise<ConversationMemory>;
}

/**
 * The main dialog in a DialogTestClient: the same entry point as production (MainDialog.run),
 * hosted by the test client's dialog stack.
 */
export async function chat(
  options: { deps?: (state: ConversationState) => Promise<DialogDeps>; storage?: Storage; middlewares?: Middleware[] } = {},
): Promise<Chat> {
  const storage = options.storage ?? new MemoryStorage();
  const state = new ConversationState(storage);
  const deps = await (options.deps ?? dialogDeps)(state);
  const client = new DialogTestClient('test', new MainDialog(deps), undefined, options.middlewares ?? [], state);
  const turn = async (activity: string | Partial<Activity>) => {
    const replies: Array<Partial<Activity>> = [];
    const first = await client.sendActivity(activity);
    if (first) replies.push(first);
    for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next);
    return replies;
  };
  const memory = async () => {
    const key = 'test/conversations/Convo1/';
    const item = (await storage.read([key]))[key] as { [MEMORY_PROPERTY]?: ConversationMemory } | undefined;
    return item?.[MEMORY_PROPERTY] ?? {};
  };
  return { client, deps, state, turn, say: async (activity) => (await turn(activity)).map((r) => r.text ?? '').join('\n'), memory };
}

/** A card button clicked as Web Chat and Teams send it: the data as `value`, no text. */
export function click(data: object): Partial<Activity> {
  return { type: 'message', value: data };
}
