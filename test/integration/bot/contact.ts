import path from 'node:path';
import { CONSENT_TEXT_VERSION } from '../../../src/presentation/messages';
import { REQUESTS_DIR } from '../../../src/infrastructure/request-store';
import { documentsOnDisk } from '../../helpers/stores';
import { useRunningBot, type CapturedActivity } from '../../helpers/channel';

const bot = useRunningBot();

const REFERENCE = /TI-\d{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}/;
const texts = (replies: CapturedActivity[]) => replies.map((r) => r.text ?? '').join('\n');
/** What is on disk: the file appears with the first request. */
function storedRequests(): Array<Record<string, any>> {
  return documentsOnDisk(path.join(bot.app.services.config.stateDir, REQUESTS_DIR));
}

describe('contact request through POST /api/messages', () => {
  it('from the territory card to a reference, then "où en est ma demande ?"', async () => {
    const conv = 'conv-contact';
    const place = await bot.channel.say('Oyonnax', {}, conv);
    expect(place.replies[0]!.text).toMatch(/Plastics Vallée – Oyonnax/);

    // The territory card's "contact" button.
    const start = await bot.channel.send({ text: undefined, value: { action: 'contact', operator: 'bpifrance' } }, conv);
    expect(start.status).toBe(200);
    expect(texts(start.replies)).toMatch(
      /Référent Bpifrance non encore désigné pour votre territoire : votre demande sera transmise au point d'entrée (régional|national) Bpifrance/,
    );
    expect(texts(start.replies)).toMatch(/nom de votre entreprise/);

    // Markdown in a typed value must not become formatting anywhere.
    expect(texts((await bot.channel.say('Société **Fictive** Test SAS', {}, conv)).replies)).toMatch(/Qui le référent doit-il contacter/);
    expect(texts((await bot.channel.say('Camille Testeur', {}, conv)).replies)).toMatch(/e-mail et\/ou un numéro/);
    expect(texts((await bot.channel.say('camille.testeur@example.test / 06 12 34 56 78', {}, conv)).replies)).toMatch(/quel est votre besoin/);
    const summary = await bot.channel.say('Financer une nouvelle ligne de production.', {}, conv);
    const last = summary.replies.at(-1)!;
    expect(last.text).toMatch(/Rien n’est envoyé sans votre accord/);
    expect(last.suggestedActions?.actions.map((a) => a.title)).toEqual(['J’accepte et j’envoie', 'Annuler']);
    const card = last.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const cardJson = JSON.stringify(card!.content);
    expect(cardJson).not.toContain('**Fictive**');
    expect(cardJson).toContain('camille.testeur@example.test');
    expect(cardJson).toContain('06 12 34 56 78');
    const consent = card!.content.actions[0].data;
    expect(consent).toEqual({ action: 'contact-consent', operator: 'bpifrance', draftId: expect.any(String) });
    expect(storedRequests()).toHaveLength(0);

    const done = await bot.channel.send({ text: undefined, value: consent }, conv);
    const confirmation = texts(done.replies);
    expect(confirmation).toMatch(REFERENCE);
    expect(confirmation).toMatch(/point d'entrée national/);
    expect(done.replies.at(-1)!.textFormat).toBe('plain');
    const reference = REFERENCE.exec(confirmation)![0];

    const stored = storedRequests();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      reference,
      status: 'nouvelle',
      channel: 'webchat',
      operator: 'bpifrance',
      territory: { id: 'ti-8413', wave: 2023 },
      firm: { name: 'Société **Fictive** Test SAS', contactName: 'Camille Testeur', email: 'camille.testeur@example.test', phone: '+33612345678' },
      consent: { given: true, textVersion: CONSENT_TEXT_VERSION },
    });

    const status = await bot.channel.say('où en est ma demande ?', {}, conv);
    expect(texts(status.replies)).toMatch(new RegExp(`${reference} : (nouvelle|transmise)`));
    expect(texts(status.replies)).toMatch(/Bpifrance, Plastics Vallée – Oyonnax/);

    // Another conversation of the same user finds it by e-mail; another user does not.
    const byEmail = await bot.channel.say('où en est ma demande ? camille.testeur@example.test', {}, 'conv-contact-2');
    expect(texts(byEmail.replies)).toContain(reference);
    const stranger = await bot.channel.send(
      { text: 'où en est ma demande ? camille.testeur@example.test', from: { id: 'user-2', name: 'Autre' } },
      'conv-contact-3',
    );
    expect(texts(stranger.replies)).not.toContain(reference);
    expect(texts(stranger.replies)).toMatch(/Je ne trouve pas de demande/);
  });

  it('contact from free text asks the operator, and cancelling stores nothing', async () => {
    const conv = 'conv-contact-cancel';
    await bot.channel.say('Oyonnax', {}, conv);
    const ask = await bot.channel.say('je voudrais contacter mon référent', {}, conv);
    expect(texts(ask.replies)).toMatch(/Quel opérateur/);
    await bot.channel.say('Banque des Territoires', {}, conv);
    await bot.channel.say('Société Fictive Test SAS', {}, conv);
    await bot.channel.say('Camille Testeur', {}, conv);
    await bot.channel.say('06 12 34 56 78', {}, conv);
    const summary = await bot.channel.say('Un prêt pour rénover le bâtiment.', {}, conv);
    const cancel = summary.replies.at(-1)!.attachments![0]!.content.actions[1].data;
    const before = storedRequests().length;
    const reply = await bot.channel.send({ text: undefined, value: cancel }, conv);
    expect(texts(reply.replies)).toMatch(/ni enregistrée ni envoyée/);
    expect(storedRequests()).toHaveLength(before);
  });

  it('lets another request take over when the place question gets an ambiguity answer that is no choice', async () => {
    const conv = 'conv-contact-handback';
    const ask = await bot.channel.say('contacter mon référent Bpifrance', {}, conv);
    expect(texts(ask.replies)).toMatch(/où se trouve votre site/);
    const question = await bot.channel.say('Saint-Martin', {}, conv);
    expect(texts(question.replies)).toMatch(/Plusieurs lieux correspondent à « Saint-Martin »/);
    const before = storedRequests().length;
    const { replies } = await bot.channel.say("territoires d'industrie dans l'Ain", {}, conv);
    expect(replies[0]!.text).toMatch(/^Ain : \d+ Territoires d'industrie/);
    expect(storedRequests()).toHaveLength(before);
    // Nothing is left waiting: the next place is a plain lookup.
    expect((await bot.channel.say('Oyonnax', {}, conv)).replies[0]!.text).toMatch(/^Oyonnax \(01\) est dans le Territoire d'industrie/);
  });

  it('in English when the conversation is in English', async () => {
    const conv = 'conv-contact-en';
    const en = { locale: 'en-US' };
    await bot.channel.say('our factory is in Oyonnax', en, conv);
    const start = await bot.channel.say('contact my Business France referent', en, conv);
    expect(texts(start.replies)).toMatch(/No Business France \/ Team France Export referent has been designated for your territory yet/);
    expect(texts(start.replies)).toMatch(/What is your company's name\?/);
    await bot.channel.say('Fictive Test Ltd', en, conv);
    await bot.channel.say('Sam Tester', en, conv);
    expect(texts((await bot.channel.say('sam@example', en, conv)).replies)).toMatch(/The address "sam@example" does not look valid/);
    await bot.channel.say('sam.tester@example.test', en, conv);
    const summary = await bot.channel.say('Find distributors in Germany.', en, conv);
    expect(summary.replies.at(-1)!.suggestedActions?.actions.map((a) => a.title)).toEqual(['I agree and send', 'Cancel']);
    const done = await bot.channel.say('I agree and send', en, conv);
    expect(texts(done.replies)).toMatch(/Your request has been recorded under reference TI-\d{4}-\w{5}/);
    const stored = storedRequests().find((r) => r.firm.name === 'Fictive Test Ltd');
    expect(stored).toMatchObject({ locale: 'en', operator: 'business-france' });
  });
});
