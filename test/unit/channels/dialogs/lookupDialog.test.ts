import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { LookupService } from '../../../../src/domain/resolution/lookup';
import { FirmProfileParser } from '../../../../src/domain/profile';
import { NoNumberReader } from '../../../../src/infrastructure/parser';
import type { DialogDeps } from '../../../../src/channels/dialogs/deps';
import { adaptiveCards } from '../../../../src/presentation/cards/renderer';
import { LookupDialog } from '../../../../src/channels/dialogs/lookupDialog';
import { MainDialog } from '../../../../src/channels/dialogs/mainDialog';
import type { ConversationMemory } from '../../../../src/channels/dialogs/state';
import { realKnowledge } from '../../../helpers/kb';

async function deps(): Promise<{ deps: DialogDeps; state: ConversationState }> {
  const { kb, resolver } = await realKnowledge();
  const state = new ConversationState(new MemoryStorage());
  return {
    state,
    deps: {
      lookup: new LookupService(resolver, null),
      parser: new FirmProfileParser(new NoNumberReader()),
      kb,
      cards: null,
      memory: state.createProperty<ConversationMemory>('memory'),
      defaultWave: 2023,
      contact: null,
      schemes: null,
      requestRetentionDays: 365,
    },
  };
}

describe('LookupDialog', () => {
  // [what the user types, what the bot must say, status of the dialog afterwards]
  it.each`
    query                          | reply                                                                         | status
    ${'Oyonnax'}                   | ${/Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/} | ${'complete'}
    ${'usine à sant etienne'}      | ${/Saint-Étienne \(42\) est dans le Territoire d'industrie/}                  | ${'complete'}
    ${'01100'}                     | ${/Le code postal 01100 est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/} | ${'complete'}
    ${'Arbignieu'}                 | ${/Arboys en Bugey \(01\) n'est dans aucun Territoire d'industrie/}          | ${'complete'}
    ${'Saint-Martin'}              | ${/Plusieurs lieux correspondent à « Saint-Martin »/}                         | ${'waiting'}
    ${'qwxz'}                      | ${/Je n'ai pas trouvé de lieu correspondant à « qwxz »/}                     | ${'complete'}
  `('"$query" → $reply ($status)', async ({ query, reply, status }) => {
    const { deps: d, state } = await deps();
    const client = new DialogTestClient('test', new LookupDialog(d), { query }, [], state);
    const answer = await client.sendActivity('');
    expect(answer.text).toMatch(reply);
    expect(client.dialogTurnResult.status).toBe(status);
  });

  it.each`
    answer                       | reply
    ${'Saint-Martin (Gers, 32)'} | ${/Saint-Martin \(32\) est dans le Territoire d'industrie/}
    ${'2'}                       | ${/Saint-Martin \(65\) est dans le Territoire d'industrie/}
    ${'Oyonnax'}                 | ${/Plastics Vallée – Oyonnax/}
  `('resolves the ambiguity answer "$answer"', async ({ answer, reply }) => {
    const { deps: d, state } = await deps();
    const client = new DialogTestClient('test', new LookupDialog(d), { query: 'Saint-Martin' }, [], state);
    const question = await client.sendActivity('');
    expect(question.suggestedActions.actions.length).toBeGreaterThan(1);
    expect(question.suggestedActions.actions[1].title).toBe('Saint-Martin (Hautes-Pyrénées, 65)');
    const resolved = await client.sendActivity(answer);
    expect(resolved.text).toMatch(reply);
    expect(client.dialogTurnResult.status).toBe('complete');
  });
});

describe('MainDialog interruptions', () => {
  it.each`
    message          | reply
    ${'aide'}        | ${/^Je peux/}
    ${'help'}        | ${/^Je peux|^I can/}
    ${'recommencer'} | ${/on recommence/}
    ${'annuler'}     | ${/on recommence/}
  `('"$message" works in the middle of a question', async ({ message, reply }) => {
    const { deps: d, state } = await deps();
    const client = new DialogTestClient('test', new MainDialog(d), undefined, [], state);
    await client.sendActivity('Saint-Martin');
    const answer = await client.sendActivity(message);
    expect(answer.text).toMatch(reply);
  });

  it('remembers the territory shown, for the next flows', async () => {
    const { deps: d } = await deps();
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const client = new DialogTestClient('test', new MainDialog({ ...d, memory: state.createProperty('memory') }), undefined, [], state);
    await client.sendActivity('Oyonnax');
    const stored = Object.values((storage as unknown as { memory: Record<string, string> }).memory).map((v) => JSON.parse(v));
    expect(stored.some((doc) => doc.memory?.territory?.id === 'ti-8413' && doc.memory?.communeCode === '01283')).toBe(true);
  });
});

describe('MainDialog.run answers a place without the dialog stack', () => {
  // The direct path (nothing in progress) and the routing step must say the same thing.
  async function viaRun(d: DialogDeps, state: ConversationState, texts: string[]) {
    const dialog = new MainDialog(d);
    const accessor = state.createProperty<DialogState>('dialogState');
    const adapter = new TestAdapter(async (context) => {
      await dialog.run(context, accessor);
      await state.saveChanges(context, false);
    });
    const replies: Array<Partial<Activity>> = [];
    for (const text of texts) {
      await adapter.send(text).startTest();
      while (adapter.activeQueue.length > 0) replies.push(adapter.activeQueue.shift()!);
    }
    return replies;
  }

  it.each(['Oyonnax', '01100', 'Paris', 'qwxz', 'Saint-Martin', 'notre usine est à Oyonax'])('"%s" gets the same reply as through the routing step', async (query) => {
    const { deps: d, state } = await deps();
    const [direct] = await viaRun({ ...d, cards: adaptiveCards }, state, [query]);
    const routed = await new DialogTestClient('test', new MainDialog({ ...d, cards: adaptiveCards }), undefined, [], new ConversationState(new MemoryStorage())).sendActivity(query);
    const view = (a: Partial<Activity>) => ({ text: a.text, attachments: a.attachments, suggestedActions: a.suggestedActions });
    expect(view(direct!)).toEqual(view(routed));
  });

  it.each`
    answer                       | reply
    ${'2'}                       | ${/Saint-Martin \(65\) est dans le Territoire d'industrie/}
    ${'Saint-Martin (Gers, 32)'} | ${/Saint-Martin \(32\) est dans le Territoire d'industrie/}
    ${'Grenoble'}                | ${/Grenoble \(38\) est dans le Territoire d'industrie/}
  `('waits for the answer to its ambiguity question: "$answer"', async ({ answer, reply }) => {
    const { deps: d, state } = await deps();
    const replies = await viaRun(d, state, ['Saint-Martin', answer]);
    expect(replies.map((r) => r.text)).toEqual([expect.stringMatching(/Plusieurs lieux correspondent/), expect.stringMatching(reply)]);
  });

  it('answers help and restart directly, and a digit after a restart is a place again', async () => {
    const { deps: d, state } = await deps();
    const replies = await viaRun(d, state, ['aide', 'Saint-Martin', 'recommencer', '2']);
    expect(replies.map((r) => r.text)).toEqual([
      expect.stringMatching(/^Je peux/),
      expect.stringMatching(/Plusieurs lieux/),
      expect.stringMatching(/on recommence/),
      expect.stringMatching(/Je n'ai pas trouvé de lieu correspondant à « 2 »/),
    ]);
  });
});
