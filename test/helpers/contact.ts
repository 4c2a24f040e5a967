import type { CapturedActivity, FakeChannel } from './channel';

export const REFERENCE = /TI-\d{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}/;
export const texts = (replies: CapturedActivity[]) => replies.map((r) => r.text ?? '').join('\n');

/** The reference a confirmation names, or null. */
export const referenceIn = (replies: CapturedActivity[]): string | null => REFERENCE.exec(texts(replies))?.[0] ?? null;

/**
 * Files a contact request for Business France in Oyonnax as a firm does it, in one conversation,
 * turn i on `turns[i % turns.length]` (several channels: several instances serving one
 * conversation). Returns the reference the bot gave.
 */
export async function fileContactRequest(turns: FakeChannel[], conv: string, firm: string): Promise<string> {
  const on = (i: number) => turns[i % turns.length]!;
  expect(texts((await on(0).say('Oyonnax', {}, conv)).replies)).toMatch(/Plastics Vallée – Oyonnax/);
  expect(texts((await on(1).send({ value: { action: 'contact', operator: 'business-france' } }, conv)).replies)).toMatch(/nom de votre entreprise/);
  await on(2).say(firm, {}, conv);
  await on(3).say('Camille Testeur', {}, conv);
  expect(texts((await on(4).say('camille.testeur@example.test', {}, conv)).replies)).toMatch(/quel est votre besoin/);
  const summary = await on(5).say('Trouver des distributeurs en Allemagne.', {}, conv);
  const done = await on(6).send({ value: consentAction(summary.replies) }, conv);
  const reference = referenceIn(done.replies);
  expect(reference).not.toBeNull();
  return reference!;
}

/**
 * The chat's contact flow, as a firm in Oyonnax goes through it up to the summary card (nothing
 * is sent yet: the draft holds every detail). Returns the summary's replies.
 */
export async function draftContact(channel: FakeChannel, conv: string, firm: string, email: string): Promise<CapturedActivity[]> {
  await channel.say('Oyonnax', {}, conv);
  await channel.send({ value: { action: 'contact', operator: 'bpifrance' } }, conv);
  await channel.say(firm, {}, conv);
  await channel.say('Camille Testeur', {}, conv);
  await channel.say(email, {}, conv);
  return (await channel.say('Financer une nouvelle ligne de production.', {}, conv)).replies;
}

/** The summary card's consent action, as its button sends it back. */
export function consentAction(summary: CapturedActivity[]): Record<string, unknown> {
  const card = summary.at(-1)?.attachments?.[0]?.content as { actions: Array<{ data: Record<string, unknown> }> } | undefined;
  if (!card) throw new Error('the contact flow did not end with the summary card');
  return card.actions[0]!.data;
}
