import type { CapturedActivity, FakeChannel } from './channel';

export const REFERENCE = /TI-\d{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}/;
export const texts = (replies: CapturedActivity[]) => replies.map((r) => r.text ?? '').join('\n');

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
  const card = summary.replies.at(-1)!.attachments?.[0]?.content;
  const done = await on(6).send({ value: card.actions[0].data }, conv);
  const reference = REFERENCE.exec(texts(done.replies))?.[0];
  expect(reference).toBeDefined();
  return reference!;
}
