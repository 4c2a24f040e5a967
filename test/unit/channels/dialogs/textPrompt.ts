import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { TextPrompt as PackageTextPrompt, type PromptValidatorContext } from 'botbuilder-dialogs';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog } from '../../../../src/channels/dialogs/framework';
import { TextPrompt } from '../../../../src/channels/dialogs/textPrompt';

/**
 * The dialogs' own TextPrompt (botbuilder-dialogs' one loads the recognizers' number package into
 * the server's main thread) against the package's, in the same waterfall: the same replies, input
 * hints, results and state kept in the conversation, turn after turn.
 */

type AnyTextPrompt = typeof TextPrompt | typeof PackageTextPrompt;

/** Valid from 3 characters; at its second attempt the validator answers the user itself. */
async function validator(prompt: PromptValidatorContext<string>): Promise<boolean> {
  if (prompt.recognized.succeeded && prompt.recognized.value!.length >= 3) return true;
  if (prompt.attemptCount === 2) await prompt.context.sendActivity(`attempt ${prompt.attemptCount}: too short`);
  return false;
}

/** A waterfall asking twice: a validated prompt, then one without a validator, in a child dialog. */
function run(Prompt: AnyTextPrompt, turns: Array<Partial<Activity>>) {
  const memory: Record<string, string> = {};
  const storage = new MemoryStorage(memory);
  const state = new ConversationState(storage);
  const dialogs = new DialogSet(state.createProperty('dialogs'));
  const child = new ComponentDialog('child');
  child.addDialog(new WaterfallDialog('inner', [(step) => step.prompt('plain', { prompt: 'City?' }), (step) => step.endDialog(step.result)]));
  child.addDialog(new Prompt('plain'));
  dialogs.add(new Prompt('checked', validator));
  dialogs.add(child);
  dialogs.add(
    new WaterfallDialog('outer', [
      (step) => step.prompt('checked', { prompt: { type: ActivityTypes.Message, text: 'Name?' }, retryPrompt: 'Again?' }),
      async (step) => {
        await step.context.sendActivity(`name: ${String(step.result)}`);
        return step.beginDialog('child');
      },
      async (step) => {
        await step.context.sendActivity(`city: ${String(step.result)}`);
        return step.endDialog();
      },
    ]),
  );
  const adapter = new TestAdapter(async (context) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty && context.activity.type === ActivityTypes.Message) await dc.beginDialog('outer');
    await state.saveChanges(context);
  });
  return (async () => {
    const out: unknown[] = [];
    for (const turn of turns) {
      await adapter.send(turn);
      const replies = adapter.activeQueue.splice(0).map((a) => ({ text: a.text, inputHint: a.inputHint }));
      // Each waterfall instance has a random id.
      const stored = Object.values(memory).map((json) =>
        JSON.stringify({ ...(JSON.parse(json) as object), eTag: undefined }).replace(/"instanceId":"[^"]+"/g, ''),
      );
      out.push({ turn: turn.text ?? turn.type, replies, stored });
    }
    return out;
  })();
}

const TURNS: Array<Partial<Activity>> = [
  { type: ActivityTypes.Message, text: 'bonjour' },
  { type: ActivityTypes.Event, name: 'ping' },
  { type: ActivityTypes.Message, text: '' },
  { type: ActivityTypes.Message, text: 'ab' },
  { type: ActivityTypes.Message, text: 'x' },
  { type: ActivityTypes.Message, text: 'Société Fictive' },
  { type: ActivityTypes.Message, text: '' },
  { type: ActivityTypes.Message, text: 'Thiers' },
];

it('asks, validates and asks again as botbuilder-dialogs’ TextPrompt does, keeping the same state', async () => {
  const ours = await run(TextPrompt, TURNS);
  expect(ours).toEqual(await run(PackageTextPrompt, TURNS));
  // The conversation the table went through, so that the comparison is not between two silences.
  expect(ours.map((t) => (t as { replies: Array<{ text: string }> }).replies.map((r) => r.text))).toEqual([
    ['Name?'],
    [],
    ['Again?'],
    ['attempt 2: too short'],
    ['Again?'],
    ['name: Société Fictive', 'City?'],
    ['City?'],
    ['city: Thiers'],
  ]);
});
