import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStorage, type Activity, type Middleware, type Storage, type StoreItems, type TurnContext } from 'botbuilder';
import type { DialogTestClient } from 'botbuilder-testing';
import { CONSENT_TEXT_VERSION } from '../../../../src/presentation/messages';
import { writeNotification } from '../../../../src/presentation/notification';
import { adaptiveCards } from '../../../../src/presentation/cards/renderer';
import { consentAnswerOf, extractContactDetails } from '../../../../src/channels/dialogs/contactDialog';
import type { DialogDeps } from '../../../../src/channels/dialogs/deps';
import type { OperatorId } from '../../../../src/domain/types';
import { chat, click, dialogDeps } from '../../../helpers/dialogs';
import { referenceData } from '../../../helpers/kb';
import type { KnowledgeBase } from '../../../../src/domain/knowledge-base';
import { openKnowledgeBase } from '../../../../src/infrastructure/knowledge-base';
import { LookupService } from '../../../../src/domain/resolution/lookup';
import { createContactServices, type ContactServices } from '../../../../src/infrastructure/contact-services';
import { Resolver } from '../../../../src/domain/resolution/resolver';

const OYONNAX = { id: 'ti-8413', wave: 2023 };
const REFERENCE = /TI-\d{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}/;

const tmpDirs: string[] = [];
function tmp(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
}

let kb: KnowledgeBase;
let lookup: LookupService;

beforeAll(async () => {
  // A copy of the real knowledge base with one fictional named referent: Bpifrance in Plastics Vallée.
  const kbDir = tmp('ti-kb-');
  cpSync('data/kb', kbDir, { recursive: true });
  kb = await openKnowledgeBase(kbDir, referenceData().geography);
  await kb.replace({
    slots: kb.slots().map((s) =>
      s.territoryId === OYONNAX.id && s.wave === OYONNAX.wave && s.operator === 'bpifrance'
        ? {
            ...s,
            referent: {
              name: 'Camille Exemple',
              role: "chargée d'affaires",
              email: 'camille.exemple@example.test',
              source: 'test fixture',
              verifiedAt: '2026-01-01',
            },
          }
        : s,
    ),
  });
  lookup = new LookupService(new Resolver(kb, 2023, referenceData().lexicon), null);
});

afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

/** A storage whose writes can be dropped, as if the process died before saving the turn's state. */
class CrashableStorage implements Storage {
  readonly inner = new MemoryStorage();
  dropWrites = false;
  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }
  async write(changes: StoreItems): Promise<void> {
    if (!this.dropWrites) await this.inner.write(changes);
  }
  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

interface Setup {
  client: DialogTestClient;
  deps: DialogDeps;
  services: ContactServices;
  storage: CrashableStorage;
  /** Sends one activity and returns every reply of that turn. */
  turn(activity: string | Partial<Activity>): Promise<Array<Partial<Activity>>>;
  /** Clicks "Contacter <operator>" on the territory card: the contact flow begins. */
  start(): Promise<Array<Partial<Activity>>>;
}

async function setup(options: { operator?: OperatorId; territory?: { id: string; wave: number } | null; cards?: boolean } = {}): Promise<Setup> {
  const services = await createContactServices(
    { stateDir: tmp('ti-state-'), smtpUrl: '', notifyFrom: '', notifyWebhookUrl: '', requestRetentionDays: 365 },
    kb,
    writeNotification,
  );
  const storage = new CrashableStorage();
  const territory = options.territory === undefined ? OYONNAX : options.territory;
  let deps!: DialogDeps;
  // The place was looked up earlier in the conversation: the lookup leaves it in memory.
  const seed: Middleware = {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      const m = await deps.memory.get(context, {});
      if (territory && !m.territory) m.territory = territory;
      await next();
    },
  };
  const c = await chat({
    storage,
    middlewares: [seed],
    deps: async (state) => (deps = await dialogDeps(state, { lookup, kb, cards: options.cards ? adaptiveCards : null, contact: services.contact })),
  });
  return {
    client: c.client,
    deps,
    services,
    storage,
    turn: c.turn,
    start: () => c.turn(click({ action: 'contact', operator: options.operator ?? 'bpifrance' })),
  };
}

const text = (replies: Array<Partial<Activity>>) => replies.map((r) => r.text ?? '').join('\n');

/** Runs the dialog up to the consent question; returns the summary replies. */
async function upToConsent(s: Setup, details = 'camille.testeur@example.test', need = 'Financer une nouvelle ligne de production.') {
  await s.start();
  await s.turn('Société Fictive Test SAS');
  await s.turn('Camille Testeur');
  await s.turn(details);
  return s.turn(need);
}

describe('contact details in free text', () => {
  it.each`
    message                                                           | email                             | phone             | invalid
    ${'camille.testeur@example.test'}                                 | ${'camille.testeur@example.test'} | ${undefined}      | ${undefined}
    ${'Camille.Testeur@Example.TEST'}                                 | ${'camille.testeur@example.test'} | ${undefined}      | ${undefined}
    ${'06 12 34 56 78'}                                               | ${undefined}                      | ${'+33612345678'} | ${undefined}
    ${'06.12.34.56.78'}                                               | ${undefined}                      | ${'+33612345678'} | ${undefined}
    ${'+33 6 12 34 56 78'}                                            | ${undefined}                      | ${'+33612345678'} | ${undefined}
    ${'mon mail camille@example.test et mon portable 06 12 34 56 78'} | ${'camille@example.test'}         | ${'+33612345678'} | ${undefined}
    ${'camille@example.test, 01-23-45-67-89.'}                        | ${'camille@example.test'}         | ${'+33123456789'} | ${undefined}
    ${'camille@exemple'}                                              | ${undefined}                      | ${undefined}      | ${'email'}
    ${'06 12 34 56'}                                                  | ${undefined}                      | ${undefined}      | ${'phone'}
    ${'+44 20 7946 0958'}                                             | ${undefined}                      | ${undefined}      | ${'phone'}
    ${'appelez-moi demain'}                                           | ${undefined}                      | ${undefined}      | ${undefined}
  `('"$message"', ({ message, email, phone, invalid }) => {
    const details = extractContactDetails(message, 'fr');
    expect(details.email).toBe(email);
    expect(details.phone).toBe(phone);
    expect(details.invalid?.kind).toBe(invalid);
  });

  it.each`
    answer                     | expected
    ${'oui'}                   | ${'accept'}
    ${"J'accepte et j'envoie"} | ${'accept'}
    ${'J’accepte et j’envoie'} | ${'accept'}
    ${'yes'}                   | ${'accept'}
    ${'I agree'}               | ${'accept'}
    ${'non'}                   | ${'cancel'}
    ${'Non, annuler'}          | ${'cancel'}
    ${'no'}                    | ${'cancel'}
    ${'peut-être'}             | ${null}
    ${'oui mais non'}          | ${null}
  `('consent answer "$answer" → $expected', ({ answer, expected }) => {
    expect(consentAnswerOf(answer)).toBe(expected);
  });
});

describe('ContactDialog', () => {
  it('sends a request to the named referent after consent, with the consent text version', async () => {
    const s = await setup();
    const first = await s.start();
    expect(text(first)).toMatch(
      /Votre demande sera adressée à Camille Exemple, chargée d'affaires \(Bpifrance\), référent du Territoire d'industrie « Plastics Vallée – Oyonnax »/,
    );
    expect(text(first)).toMatch(/nom de votre entreprise/);
    expect(text(await s.turn('Société Fictive Test SAS'))).toMatch(/Qui le référent doit-il contacter/);
    expect(text(await s.turn('Camille Testeur'))).toMatch(/e-mail et\/ou un numéro de téléphone/);
    expect(text(await s.turn('camille.testeur@example.test'))).toMatch(/En une phrase, quel est votre besoin/);
    const summary = await s.turn('Financer une nouvelle ligne de production.');
    const body = text(summary);
    expect(body).toMatch(/Rien n’est envoyé sans votre accord/);
    expect(body).toMatch(/Société Fictive Test SAS/);
    expect(body).toMatch(/camille\.testeur@example\.test/);
    expect(body).toMatch(/Camille Exemple, chargée d'affaires \(Bpifrance\), référent du territoire/);
    expect(body).toMatch(/conservées 365 jours/);
    expect(summary.at(-1)!.textFormat).toBe('plain');
    expect(summary.at(-1)!.suggestedActions?.actions.map((a) => a.title)).toEqual(['J’accepte et j’envoie', 'Annuler']);
    expect(await s.services.requests.list()).toHaveLength(0); // nothing before consent

    const done = await s.turn('J’accepte et j’envoie');
    expect(text(done)).toMatch(REFERENCE);
    // No notifier in this test: the firm is told who the request is for, and that nobody has it yet.
    expect(text(done)).toMatch(
      /Elle est adressée à Camille Exemple.*Aucun envoi automatique n'est configuré sur cet assistant : un administrateur la transmettra à la main, sans délai garanti/,
    );
    expect(text(done)).not.toMatch(/transmise à/);
    expect(s.client.dialogTurnResult.status).toBe('complete');
    const stored = await s.services.requests.list();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      reference: REFERENCE.exec(text(done))![0],
      status: 'nouvelle',
      operator: 'bpifrance',
      channel: 'test',
      territory: { id: 'ti-8413', wave: 2023 },
      target: { kind: 'named', name: 'Camille Exemple' },
      firm: { name: 'Société Fictive Test SAS', contactName: 'Camille Testeur', email: 'camille.testeur@example.test' },
      need: 'Financer une nouvelle ligne de production.',
      consent: { given: true, textVersion: CONSENT_TEXT_VERSION },
      locale: 'fr',
    });
    expect(stored[0]!.requesterKey).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.idempotencyKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it("tells upfront that a slot without referent goes to the operator's entry point", async () => {
    const s = await setup({ operator: 'france-travail' });
    const first = await s.start();
    expect(text(first)).toMatch(
      /Référent France Travail non encore désigné pour votre territoire : votre demande sera transmise au point d'entrée national France Travail — France Travail Pro/,
    );
    await s.turn('Société Fictive Test SAS');
    await s.turn('Camille Testeur');
    await s.turn('camille.testeur@example.test');
    const summary = await s.turn('Recruter deux techniciens de maintenance.');
    expect(text(summary)).toMatch(/point d'entrée|aucun référent/);
    const done = await s.turn('oui');
    expect(text(done)).toMatch(
      /Aucun référent n'est encore désigné chez France Travail pour Plastics Vallée – Oyonnax : elle est adressée à .*point d'entrée national.*vous pouvez joindre l'opérateur directement \(3995\)/,
    );
    const [stored] = await s.services.requests.list();
    expect(stored!.target).toMatchObject({ kind: 'entry-point', operatorName: 'France Travail', entryPoint: { scope: 'national', phone: '3995' } });
  });

  it('re-asks politely for an invalid e-mail, then accepts a valid one', async () => {
    const s = await setup();
    await s.start();
    await s.turn('Société Fictive Test SAS');
    await s.turn('Camille Testeur');
    const retry = await s.turn('camille@exemple');
    expect(text(retry)).toMatch(/L'adresse « camille@exemple » ne semble pas valide/);
    expect(retry.at(-1)!.textFormat).toBe('plain');
    expect(text(await s.turn('je ne sais pas'))).toMatch(/ni e-mail ni numéro de téléphone/);
    expect(text(await s.turn('06 12 34 56'))).toMatch(/Le numéro « 06 12 34 56 » ne semble pas être un numéro français valide/);
    expect(text(await s.turn('camille@example.test'))).toMatch(/quel est votre besoin/);
  });

  it('normalises "06 12 34 56 78" and shows it back readable', async () => {
    const s = await setup();
    const summary = await upToConsent(s, '06 12 34 56 78');
    expect(text(summary)).toMatch(/06 12 34 56 78/);
    await s.turn('oui');
    const [stored] = await s.services.requests.list();
    expect(stored!.firm).toEqual({ name: 'Société Fictive Test SAS', contactName: 'Camille Testeur', phone: '+33612345678' });
  });

  it('takes an e-mail and a phone in one message', async () => {
    const s = await setup();
    await upToConsent(s, 'Camille.Testeur@Example.test ou au 06.12.34.56.78');
    await s.turn('yes');
    const [stored] = await s.services.requests.list();
    expect(stored!.firm).toMatchObject({ email: 'camille.testeur@example.test', phone: '+33612345678' });
  });

  it.each`
    how              | answer
    ${'typed "non"'} | ${'non'}
    ${'the button'}  | ${'Non, annuler'}
  `('cancels with $how: nothing stored, nothing sent', async ({ answer }) => {
    const s = await setup();
    await upToConsent(s);
    const reply = await s.turn(answer);
    expect(text(reply)).toMatch(/votre demande n'a été ni enregistrée ni envoyée/);
    expect(s.client.dialogTurnResult.status).toBe('complete');
    expect(await s.services.requests.list()).toEqual([]);
    expect(await s.services.outbox.list()).toEqual([]);
  });

  it('re-asks when the consent answer is unclear', async () => {
    const s = await setup();
    await upToConsent(s);
    const reply = await s.turn('peut-être');
    expect(text(reply)).toMatch(/Répondez « J’accepte et j’envoie »/);
    expect(reply.at(-1)!.suggestedActions?.actions).toHaveLength(2);
    expect(await s.services.requests.list()).toEqual([]);
  });

  it('shows the summary card whose buttons carry the draft; the card consent stores one request', async () => {
    const s = await setup({ cards: true });
    const summary = await upToConsent(s);
    const card = summary.at(-1)!.attachments?.[0]?.content as { actions: Array<{ data: Record<string, string> }> };
    expect(card).toBeDefined();
    const consent = card.actions[0]!.data;
    expect(consent).toEqual({ action: 'contact-consent', operator: 'bpifrance', draftId: expect.any(String) });
    expect(card.actions[1]!.data).toEqual({ action: 'contact-cancel', draftId: consent.draftId });

    const stale = await s.turn({ type: 'message', value: { ...consent, draftId: 'another-draft' } });
    expect(text(stale)).toMatch(/ne correspond plus à la demande en cours/);
    expect(await s.services.requests.list()).toEqual([]);

    const done = await s.turn({ type: 'message', value: consent });
    expect(done.at(-1)!.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(done.at(-1)!.attachments?.[0]?.content)).toMatch(REFERENCE);
    expect(await s.services.requests.list()).toHaveLength(1);
  });

  it('a consent replayed after a crash that lost the turn state returns the same reference', async () => {
    const s = await setup({ cards: true });
    const summary = await upToConsent(s);
    const consent = (summary.at(-1)!.attachments?.[0]?.content as { actions: Array<{ data: object }> }).actions[0]!.data;
    // The request is stored, then the process dies before the conversation state is written.
    s.storage.dropWrites = true;
    const first = await s.turn({ type: 'message', value: consent });
    s.storage.dropWrites = false;
    // The channel retries: the dialog is still waiting for consent and submits the same draft again.
    const again = await s.turn({ type: 'message', value: consent });
    const a = REFERENCE.exec(text(first))?.[0];
    expect(a).toBeDefined();
    expect(REFERENCE.exec(text(again))?.[0]).toBe(a);
    expect(await s.services.requests.list()).toHaveLength(1);
    expect((await s.services.outbox.list()).length).toBeLessThanOrEqual(1);
  });

  it('a summary card clicked after its dialog ended gets its reference or is said closed, never a new request', async () => {
    const s = await setup({ cards: true });
    const sentCard = (await upToConsent(s)).at(-1)!.attachments![0]!.content.actions[0].data;
    const reference = REFERENCE.exec(text(await s.turn({ type: 'message', value: sentCard })))![0];
    // The same card clicked again once its flow has ended.
    expect(text(await s.turn({ type: 'message', value: sentCard }))).toBe(
      `Cette demande est déjà envoyée, sous la référence ${reference} : rien n'a été envoyé une deuxième fois.`,
    );
    expect(text(await s.turn({ type: 'message', value: { ...sentCard, draftId: 'unknown-draft' } }))).toMatch(
      /Ce récapitulatif n'est plus en cours : rien n'a été envoyé/,
    );
    expect(await s.services.requests.list()).toHaveLength(1);
  });

  it('when storing fails, says nothing was sent and asks consent again for the same draft', async () => {
    const s = await setup({ cards: true });
    const consent = (await upToConsent(s)).at(-1)!.attachments![0]!.content.actions[0].data;
    const submit = jest.spyOn(s.services.contact, 'submit').mockRejectedValueOnce(new Error('EIO: disk failure'));
    const failed = await s.turn({ type: 'message', value: consent });
    expect(text(failed)).toMatch(/je n'ai pas pu enregistrer votre demande pour le moment\. Rien n'a été envoyé/);
    expect(text(failed)).not.toMatch(/EIO/);
    const again = failed.at(-1)!.attachments![0]!.content.actions[0].data;
    expect(again.draftId).toBe(consent.draftId);
    expect(await s.services.requests.list()).toEqual([]);
    const done = await s.turn({ type: 'message', value: again });
    expect(text(done)).toMatch(REFERENCE);
    expect(submit).toHaveBeenCalledTimes(2);
    expect(submit.mock.calls[0]![1]).toBe(submit.mock.calls[1]![1]);
    expect(await s.services.requests.list()).toHaveLength(1);
  });

  it('answers "aide" without losing the step, and "recommencer" drops the draft', async () => {
    const s = await setup();
    await s.start();
    await s.turn('Société Fictive Test SAS');
    expect(text(await s.turn('aide'))).toMatch(/^Je peux/);
    expect(text(await s.turn('Camille Testeur'))).toMatch(/e-mail et\/ou un numéro de téléphone/);
    const restart = await s.turn('recommencer');
    expect(text(restart)).toMatch(/on recommence/);
    expect(text(restart)).toMatch(/rien n'a été enregistré ni envoyé/);
    expect(await s.services.requests.list()).toEqual([]);
  });

  it.each(['non merci', 'laisse tomber', 'no thanks'])('takes "%s" for the contact name as a refusal: nothing kept, nothing sent', async (refusal) => {
    const s = await setup();
    await s.start();
    await s.turn('Société Fictive Test SAS');
    const declined = await s.turn(refusal);
    expect(text(declined)).toMatch(/rien n'a été enregistré ni envoyé|nothing was stored or sent/);
    expect(text(declined)).not.toMatch(/e-mail/);
    expect(text(await s.turn('Camille Testeur'))).not.toMatch(/e-mail et\/ou un numéro/);
    expect(await s.services.requests.list()).toEqual([]);
  });

  it("goes on with the request when the same operator's button is clicked again, and starts over for another", async () => {
    const s = await setup();
    await s.start();
    await s.turn('Société Fictive Test SAS');
    const again = await s.turn(click({ action: 'contact', operator: 'bpifrance' }));
    expect(text(again)).not.toMatch(/rien n'a été enregistré/);
    expect(text(again)).toMatch(/Qui le référent doit-il contacter/);
    expect(text(await s.turn('Camille Testeur'))).toMatch(/e-mail et\/ou un numéro de téléphone/);
    const other = await s.turn(click({ action: 'contact', operator: 'france-travail' }));
    expect(text(other)).toMatch(/rien n'a été enregistré ni envoyé/);
    expect(text(other)).toMatch(/France Travail/);
  });

  it('changes the operator when another one is named where the firm is asked ("en fait plutôt France Travail")', async () => {
    const s = await setup();
    await s.start();
    const changed = await s.turn('en fait plutôt France Travail');
    expect(text(changed)).toMatch(/Référent France Travail non encore désigné/);
    expect(text(changed)).toMatch(/Quel est le nom de votre entreprise/);
    await s.turn('Société Fictive Test SAS');
    expect(text(await s.turn('Camille Testeur'))).toMatch(/e-mail et\/ou un numéro de téléphone/);
  });

  it('asks the operator when none was given (suggested actions or a name in a sentence)', async () => {
    const s = await setup();
    const question = await s.turn('je voudrais contacter mon référent');
    expect(text(question)).toMatch(/Quel opérateur souhaitez-vous contacter/);
    expect(question.at(-1)!.suggestedActions?.actions.map((a) => a.title)).toEqual([
      'Banque des Territoires',
      'Bpifrance',
      'Business France / Team France Export',
      'France Travail',
    ]);
    expect(text(await s.turn('plutôt pôle emploi'))).toMatch(/Référent France Travail non encore désigné/);
  });

  it('takes the number of an operator as listed', async () => {
    const s = await setup();
    await s.turn('je voudrais contacter mon référent');
    expect(text(await s.turn('2'))).toMatch(/Votre demande sera adressée à Camille Exemple/);
    const other = await setup();
    await other.turn('je voudrais contacter mon référent');
    expect(text(await other.turn('9'))).toMatch(/Choisissez un opérateur parmi/);
    expect(text(await other.turn('le plus rapide'))).toMatch(/Choisissez un opérateur parmi/);
    expect(text(await other.turn('4'))).toMatch(/Référent France Travail non encore désigné/);
  });

  it('chains into the place question when no territory is known yet', async () => {
    const s = await setup({ territory: null });
    expect(text(await s.start())).toMatch(/j'ai besoin de savoir où se trouve votre site/);
    const found = await s.turn('Oyonnax');
    expect(text(found)).toMatch(/Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/);
    expect(text(found)).toMatch(/Votre demande sera adressée à Camille Exemple/);
  });

  it("takes a request from a place outside every territory, for the operator's entry point", async () => {
    const s = await setup({ territory: null, operator: 'bpifrance' });
    await s.start();
    const reply = await s.turn('Paris');
    expect(text(reply)).toMatch(
      /Votre site n'est dans aucun Territoire d'industrie : votre demande sera transmise au point d'entrée national Bpifrance — Bpifrance – numéro national pour les entreprises\./,
    );
    await s.turn('Société Fictive Test SAS');
    await s.turn('Camille Testeur');
    await s.turn('camille.testeur@example.test');
    const summary = await s.turn('Financer une nouvelle ligne de production.');
    expect(text(summary)).toMatch(/Territoire : Hors Territoire d'industrie \(Île-de-France\)/);
    const done = await s.turn('oui');
    expect(text(done)).toMatch(/Votre site n'est dans aucun Territoire d'industrie : elle est adressée à Bpifrance — .*\(0 969 370 240\)/);
    const [stored] = await s.services.requests.list();
    expect(stored).toMatchObject({ territory: null, region: { code: '11', name: 'Île-de-France' }, operator: 'bpifrance' });
  });

  it.each`
    says
    ${'bjr, usine à Oyonnax, je veux parler à qqn de bpi'}
    ${'contacter Bpifrance pour notre site d’Oyonnax'}
    ${"I'd like to talk to someone at Bpifrance, our plant is in Oyonnax"}
  `('takes the place said with the request, without asking it: "$says"', async ({ says }: { says: string }) => {
    const s = await setup({ territory: null });
    const reply = text(await s.turn(says));
    expect(reply).toMatch(/Plastics Vallée – Oyonnax/);
    expect(reply).not.toMatch(/où se trouve votre site|where your site is/);
    expect(reply).toMatch(/Camille Exemple/);
  });

  it('offers the places of a name said with the request, and goes on with the one chosen', async () => {
    const s = await setup({ territory: null });
    const question = await s.turn('contacter bpi à Boulogne');
    expect(text(question)).toMatch(/Plusieurs lieux correspondent à « Boulogne »/);
    const chosen = await s.turn(click({ action: 'choose', value: '62160' }));
    expect(text(chosen)).toMatch(/Boulogne-sur-Mer \(62\) est dans le Territoire d'industrie « Pays Boulonnais »/);
    expect(text(chosen)).toMatch(/Quel est le nom de votre entreprise/);
  });

  it('asks for the place again, with examples, when the answer names none', async () => {
    const s = await setup({ territory: null });
    await s.start();
    const reply = await s.turn('zzkqxw');
    expect(text(reply)).toMatch(/Je n'ai pas trouvé de commune dans votre réponse\. Où se trouve votre site \?.*« Oyonnax »/);
    expect(text(await s.turn('Oyonnax'))).toMatch(/Plastics Vallée/);
  });
});

describe('"où en est ma demande ?"', () => {
  it('gives the status of the requests sent from the conversation, by reference, and by contact for the same user only', async () => {
    const s = await setup();
    expect(text(await s.turn('où en est ma demande ?'))).toMatch(/Je ne trouve pas de demande envoyée depuis cette conversation.*TI-2026-XXXXX/s);
    await s.turn('contacter mon référent Bpifrance');
    await s.turn('Société Fictive Test SAS');
    await s.turn('Camille Testeur');
    await s.turn('camille.testeur@example.test');
    await s.turn('Financer une nouvelle ligne de production.');
    const reference = REFERENCE.exec(text(await s.turn('oui')))![0];

    const status = await s.turn('où en est ma demande ?');
    expect(text(status)).toMatch(
      new RegExp(
        `${reference} : nouvelle \\(enregistrée, pas encore transmise\\)\\. Bpifrance, Plastics Vallée – Oyonnax, demande faite le \\d{1,2} \\S+ \\d{4}`,
      ),
    );
    expect(status[0]!.textFormat).toBe('plain');

    await s.services.requests.setStatus(reference, 'prise en charge', 'admin:test');
    expect(text(await s.turn(`où en est ${reference.toLowerCase()} ?`))).toMatch(`${reference} : prise en charge`);
    expect(text(await s.turn('où en est ma demande camille.testeur@example.test ?'))).toMatch(reference);
    expect(text(await s.turn('où en est TI-2026-ZZZZZ ?'))).toMatch(/Je ne trouve pas de demande TI-2026-ZZZZZ/);

    // Someone else knowing the e-mail learns nothing.
    const other = await s.client.sendActivity({
      type: 'message',
      text: 'où en est ma demande camille.testeur@example.test ?',
      from: { id: 'someone-else', name: 'X' },
    });
    expect(other.text).toMatch(/Je ne trouve pas de demande envoyée depuis ce compte/);
  });
});
