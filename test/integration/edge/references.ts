import type { App } from '../../../src/app';
import { REFERENCE_ALPHABET } from '../../../src/domain/contact';
import { FakeChannel, startApp, type CapturedActivity } from '../../helpers/channel';
import { consentAction, draftContact, referenceIn, texts } from '../../helpers/contact';

/**
 * Row 11 of the public-edge review: a request's reference shows its status, operator, territory
 * and date to whoever types it, and was guessable at 85 tries a second. Unknown references are
 * now limited per conversation, per channel user and in all; once over, no reference is looked
 * up (known or not, so the refusal tells nothing), except the conversation's own.
 */
const PER_CONVERSATION = 3;
const OVERALL = 8;

let app: App;
let channel: FakeChannel;
let known: string;
const OWNER = 'conv-ref-owner';
const logs: string[] = [];

const statusShown = (replies: CapturedActivity[]) => /Voici où en est votre demande/.test(texts(replies));
const refused = (replies: CapturedActivity[]) => /Trop de références inconnues ont été essayées/.test(texts(replies));
const notFound = (replies: CapturedActivity[]) => /Je ne trouve pas de demande TI-/.test(texts(replies));

let counter = 0;
/** A reference nobody holds (the known one aside): the year and five letters of the alphabet. */
function unknownReference(): string {
  let ref: string;
  do {
    counter++;
    const letters = Array.from({ length: 5 }, (_, i) => REFERENCE_ALPHABET[(counter * (i + 7) + i * 11) % REFERENCE_ALPHABET.length]).join('');
    ref = `TI-2026-${letters}`;
  } while (ref === known);
  return ref;
}

const ask = (reference: string, conv: string, user = `user-${conv}`) =>
  channel.send({ text: `où en est ${reference} ?`, from: { id: user, name: 'Utilisatrice Test' } }, conv).then((r) => r.replies);

beforeAll(async () => {
  let url: string;
  ({ app, url } = await startApp(
    { REFERENCE_GUESSES_PER_CONVERSATION: String(PER_CONVERSATION), REFERENCE_GUESSES_PER_HOUR: String(OVERALL) },
    { log: (line) => logs.push(line) },
  ));
  channel = new FakeChannel(url);
  await channel.start();
  const summary = await draftContact(channel, OWNER, 'Société Suivie SAS', 'suivie@example.test');
  const done = await channel.send({ value: consentAction(summary) }, OWNER);
  known = referenceIn(done.replies)!;
  expect(known).toMatch(/^TI-\d{4}-/);
});
afterAll(async () => {
  await channel.stop();
  await app.close();
});

it('answers a known reference from any conversation without counting it', async () => {
  for (let i = 0; i < PER_CONVERSATION + 2; i++) expect(statusShown(await ask(known, 'conv-ref-friend'))).toBe(true);
});

it('stops a conversation after its budget of unknown references, for known ones too', async () => {
  const conv = 'conv-ref-guesser';
  for (let i = 0; i < PER_CONVERSATION; i++) expect(notFound(await ask(unknownReference(), conv))).toBe(true);
  const next = await ask(unknownReference(), conv);
  expect(refused(next)).toBe(true);
  const hit = await ask(known, conv);
  expect(refused(hit)).toBe(true);
  expect(statusShown(hit)).toBe(false);
  // Another conversation is not held back by this one.
  expect(statusShown(await ask(known, 'conv-ref-bystander'))).toBe(true);
});

it('stops the same user opening new conversations', async () => {
  const user = 'user-ref-hopper';
  for (let i = 0; i < PER_CONVERSATION; i++) expect(notFound(await ask(unknownReference(), `conv-ref-hop-${i}`, user))).toBe(true);
  expect(refused(await ask(unknownReference(), 'conv-ref-hop-new', user))).toBe(true);
});

it('stops everyone once the overall budget is spent, except a conversation asking about its own request', async () => {
  // 6 misses so far; each new user and conversation has its own budget, the bot as a whole has not.
  let spent = 2 * PER_CONVERSATION;
  let i = 0;
  while (spent < OVERALL) {
    expect(notFound(await ask(unknownReference(), `conv-ref-spread-${i++}`))).toBe(true);
    spent++;
  }
  const fresh = await ask(known, 'conv-ref-latecomer');
  expect(refused(fresh)).toBe(true);
  expect(statusShown(fresh)).toBe(false);
  expect(statusShown(await ask(known, OWNER, 'user-1'))).toBe(true);
  // The guessing shows in the log: one line (sampled: at most one a minute), no reference in it.
  const refusals = logs.filter((l) => /reference lookups refused/.test(l));
  expect(refusals).toHaveLength(1);
  expect(refusals.join('\n')).not.toMatch(/TI-\d{4}/);
  // Whatever else the bot does is untouched.
  expect(texts((await channel.say('Oyonnax', {}, 'conv-ref-latecomer')).replies)).toMatch(/Oyonnax/);
});
