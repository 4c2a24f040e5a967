import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity, type StoreItems } from 'botbuilder';
import { TurnConversationState } from '../../../../src/channels/bot/conversationState';

const adapter = new TestAdapter(async () => undefined);
const contextOf = (conversation: string) =>
  new TurnContext(adapter, {
    type: 'message',
    text: 'x',
    channelId: 'test',
    conversation: { id: conversation },
    from: { id: 'u' },
    recipient: { id: 'b' },
  } as Activity);

/** A store that records every write, as botbuilder hands it over. */
class RecordingStorage extends MemoryStorage {
  readonly writes: StoreItems[] = [];
  override write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)) as StoreItems);
    return super.write(changes);
  }
}

const memory = (s: ConversationState, c: TurnContext) => s.createProperty<Record<string, unknown>>('memory').get(c, {});

/** One turn of a conversation (a fresh context each): what it does with the state, then whether its save is forced. */
type Step = [name: string, change: (state: ConversationState, context: TurnContext) => Promise<unknown>, force: boolean];

const turns: Step[] = [
  [
    'first turn writes memory and an empty stack',
    async (s, c) => {
      (await memory(s, c)).lang = 'fr';
      await s.createProperty('flows').get(c, { dialogStack: [] });
    },
    false,
  ],
  ['read only: no write', async (s, c) => memory(s, c), false],
  ['nested change', async (s, c) => ((await memory(s, c)).territory = { id: 'ti-0001', wave: 2023 }), false],
  ['same value set again: no write', async (s, c) => ((await memory(s, c)).territory = { id: 'ti-0001', wave: 2023 }), false],
  ['forced without a change', async (s, c) => memory(s, c), true],
  ['property deleted', async (s, c) => s.createProperty('flows').delete(c), false],
  [
    'cleared',
    async (s, c) => {
      await memory(s, c);
      await s.clear(c);
    },
    false,
  ],
  ['not loaded, not forced: no write', async () => undefined, false],
  ['not loaded, forced', async () => undefined, true],
];

describe('TurnConversationState', () => {
  it("reads, writes and skips writes exactly as botbuilder's ConversationState does", async () => {
    const runs = await Promise.all(
      [ConversationState, TurnConversationState].map(async (State) => {
        const storage = new RecordingStorage();
        const state = new State(storage);
        const after: Array<[string, number, unknown]> = [];
        for (const [name, change, force] of turns) {
          const context = contextOf('conv');
          await change(state, context);
          await state.saveChanges(context, force);
          const key = state.getStorageKey(context)!;
          const { eTag: _eTag, ...stored } = ((await storage.read([key]))[key] ?? {}) as Record<string, unknown>;
          after.push([name, storage.writes.length, stored]);
        }
        return { after, writes: storage.writes };
      }),
    );
    expect(runs[1]).toEqual(runs[0]);
    // The steps above write on the turns that change something, or are forced.
    expect(runs[1]!.writes).toHaveLength(6);
  });

  it('serves the state loaded for the turn until forced, and forgets it on delete', async () => {
    const storage = new MemoryStorage();
    const state = new TurnConversationState(storage);
    const context = contextOf('c2');
    expect(state.get(context)).toBeUndefined();
    const loaded = await state.load(context);
    expect(await state.load(context)).toBe(loaded);
    loaded.note = 'kept';
    await state.saveChanges(context);
    expect(await state.load(context, true)).not.toBe(loaded);
    expect(state.get(context)).toMatchObject({ note: 'kept' });
    await state.delete(context);
    expect(state.get(context)).toBeUndefined();
    expect(await state.load(contextOf('c2'))).toEqual({});
  });
});
