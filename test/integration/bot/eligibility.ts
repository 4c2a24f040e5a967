import type { App } from '../../../src/app';
import { startCompanyApiStub, type CompanyApiStub } from '../../fixtures/company-api/stub';
import { FakeChannel, startApp } from '../../helpers/channel';

let app: App;
let channel: FakeChannel;
let stub: CompanyApiStub;

beforeAll(async () => {
  stub = await startCompanyApiStub();
  // Never within the test: the slow case can only end at the bot's timeout.
  stub.slowMs = 60_000;
  // The real parser, its worker started by the first message that writes a number in words
  // (PARSER_WORKER=lazy, as the child servers of the tests run), and the company directory over
  // HTTP. These messages give their figures in digits: building the model in the background cost
  // this file seconds of CPU for no read. Answering while the model warms is app/readiness's test.
  // A turn waits for the worker as long as a loaded machine may need.
  const started = await startApp(
    { COMPANY_API_URL: stub.baseUrl, COMPANY_API_TIMEOUT_MS: '3000', PARSER_TIMEOUT_MS: '60000', PARSER_WORKER: 'lazy' },
    { numberReader: undefined },
  );
  app = started.app;
  channel = new FakeChannel(started.url);
  await channel.start();
});

afterAll(async () => {
  await channel.stop();
  await app.close();
  await stub.close();
});

const schemesCard = (replies: Array<{ attachments?: Array<{ content: unknown }> }>) =>
  replies
    .flatMap((r) => r.attachments ?? [])
    .map((a) => JSON.stringify(a.content))
    .find((c) => c.includes('Pourquoi pas'));

describe('eligibility through POST /api/messages', () => {
  it('gives territory, referents and eligible schemes in one message to a complete first message, then the question alone', async () => {
    const { replies } = await channel.say('Bonjour, PME de 85 salariés à Oyonnax, 12 M€ de CA, nous voulons recruter un jeune diplômé', {}, 'conv-elig-1');
    // Two messages: the answer (territory sentence and advice, schemes card above the territory card), then the question.
    expect(replies).toHaveLength(2);
    const [answer, question] = replies;
    expect(answer!.text).toMatch(/^Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax ».*\n\nPour votre établissement/s);
    expect(answer!.text).toMatch(
      /2 dispositifs vous sont ouverts : Volontariat Territorial en Entreprise.*\. À préciser : Aide VTE Territoires d'industrie, (.*, ){3}[^,…]*\. Le détail/,
    );
    expect(answer!.attachmentLayout).toBe('list');
    expect(answer!.attachments?.map((a) => a.contentType)).toEqual(['application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.card.adaptive']);
    const [first, second] = answer!.attachments!.map((a) => JSON.stringify(a.content));
    expect(first).toBe(schemesCard(replies));
    expect(first).toMatch(/Volontariat Territorial en Entreprise/);
    expect(second).toMatch(/Plastics Vallée – Oyonnax/);
    expect(second).toMatch(/Contacter Bpifrance/);
    // The schemes card's "Recommencer" only: the territory card under it has no button of the flow.
    const actionsOf = (card: string) => ((JSON.parse(card) as { actions?: Array<{ data?: { action?: string } }> }).actions ?? []).map((a) => a.data?.action);
    expect(actionsOf(first!)).toContain('restart');
    expect(actionsOf(second!)).toEqual([]);
    expect(second).not.toMatch(/Voir mes aides|Recommencer/);
    expect(question!.attachments ?? []).toEqual([]);
    expect(question!.text).toMatch(/\? \(ou « recommencer » pour changer de sujet\)$/);
  });

  it('puts the namesakes offered with the place on the question, the last message, where a channel shows them', async () => {
    const { replies } = await channel.say('pme de 40 salariés à Cluses qui veut exporter', {}, 'conv-elig-namesake');
    expect(replies).toHaveLength(2);
    expect(replies[0]!.text).toMatch(/Il existe aussi Les Cluses \(Pyrénées-Orientales, 66\)/);
    expect(replies[0]!.suggestedActions).toBeUndefined();
    expect(replies[1]!.text).toMatch(/^Envisagez-vous d’envoyer un jeune/);
    expect(replies[1]!.suggestedActions?.actions.map((a) => a.value)).toEqual(['Les Cluses (66)']);
  });

  it('answers "mes aides" after a lookup without asking the place again, and "pourquoi pas ?"', async () => {
    await channel.say('Grenoble', {}, 'conv-elig-2');
    const { replies } = await channel.say('mes aides', {}, 'conv-elig-2');
    // The place is known: the project is asked, since no scheme is listed without it.
    expect(replies.map((r) => r.text)).toEqual([expect.stringMatching(/^Quel est votre projet/)]);
    const project = await channel.say('recruter', {}, 'conv-elig-2');
    expect(project.replies[0]!.text).toMatch(/Pour votre établissement \(Territoire d'industrie « Sud Isère »\)/);
    await channel.say('recommencer', {}, 'conv-elig-2');
    const why = await channel.say('pourquoi pas ?', {}, 'conv-elig-2');
    expect(why.replies[0]!.text).toMatch(/Ces dispositifs ne vous concernent pas :/);
    expect(why.replies[0]!.text).toMatch(/Dispositif supprimé \(24\/04\/2024\)/);
  });

  it('answers "pourquoi pas ?" in the middle of a question, then asks the question again', async () => {
    await channel.say('Oyonnax', {}, 'conv-elig-why');
    const first = await channel.say('mes aides', {}, 'conv-elig-why');
    const question = first.replies.at(-1)!.text!;
    expect(question).toMatch(/^Quel est votre projet/);
    const why = await channel.say('pourquoi pas ?', {}, 'conv-elig-why');
    expect(why.replies.map((r) => r.text)).toEqual([expect.stringMatching(/^Ces dispositifs ne vous concernent pas :/), question]);
    const answered = await channel.say('exporter', {}, 'conv-elig-why');
    expect(answered.replies.at(-1)!.text).toMatch(/^Envisagez-vous d’envoyer un jeune \(18 à 28 ans\) en mission à l’étranger/);
  });

  it.each`
    typed                                 | reply
    ${'contacter mon référent Bpifrance'} | ${/Référent Bpifrance non encore désigné pour votre territoire/}
    ${'où en est ma demande ?'}           | ${/Je ne trouve pas de demande envoyée depuis cette conversation/}
    ${'merci'}                            | ${/^Avec plaisir/}
  `('routes "$typed", typed instead of an answer, as the new request it is', async ({ typed, reply }) => {
    const conversation = `conv-elig-reroute-${typed.length}`;
    await channel.say('Grenoble', {}, conversation);
    expect((await channel.say('mes aides', {}, conversation)).replies.at(-1)!.text).toMatch(/^Quel est votre projet/);
    const { replies } = await channel.say(typed, {}, conversation);
    expect(replies[0]!.text).toMatch(reply);
    expect(replies.map((r) => r.text).join('\n')).not.toMatch(/Je n'ai pas compris cette réponse/);
  });

  it('asks again, with an example, an answer that is no request either', async () => {
    await channel.say('Grenoble', {}, 'conv-elig-garbage');
    await channel.say('mes aides', {}, 'conv-elig-garbage');
    const { replies } = await channel.say('beaucoup', {}, 'conv-elig-garbage');
    expect(replies.map((r) => r.text)).toEqual([
      expect.stringMatching(/^Je n'ai pas compris cette réponse\. Quel est votre projet .*\(par exemple « recruter »/),
    ]);
  });

  it('starts from the card button "Voir mes aides"', async () => {
    await channel.say('Oyonnax', {}, 'conv-elig-3');
    const { replies } = await channel.send({ value: { action: 'eligibility' } }, 'conv-elig-3');
    expect(replies[0]!.text).toMatch(/^Quel est votre projet/);
  });

  it("uses a SIRET's establishment commune, not its head office's", async () => {
    // Fictional company: head office in Lyon, establishment 12345678200028 in Oyonnax.
    const { replies } = await channel.say('Nos aides ? SIRET 123 456 782 00028', {}, 'conv-elig-4');
    expect(replies[0]!.text).toMatch(
      /L'établissement SOCIETE FICTIVE TEST SAS : Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/,
    );
  });

  it('says so when the SIRET is wrong, unknown, or the register is down, and asks for the commune', async () => {
    const wrong = await channel.say('12345678200029', {}, 'conv-elig-5');
    expect(wrong.replies[0]!.text).toMatch(/n'est pas un SIRET valide/);
    const unknown = await channel.say('99999999800019', {}, 'conv-elig-5');
    expect(unknown.replies[0]!.text).toMatch(/Je ne trouve pas d'établissement avec ce numéro/);
    // The register would answer (found) after a minute: a reply saying it does not answer shows the
    // turn gave up at the configured timeout (3 s: a local answer may take a second on a loaded
    // machine, and must not read as a timeout) instead of waiting for it.
    stub.mode = 'slow';
    const down = await channel.say('12345678200028', {}, 'conv-elig-5');
    stub.mode = 'normal';
    expect(down.replies[0]!.text).toMatch(/Le répertoire des entreprises ne répond pas/);
  });
});
