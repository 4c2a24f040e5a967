import { readAnswer } from '../../../src/channels/dialogs/eligibilityDialog';
import { testParser, warmTestParser, WARM_UP_MS } from '../../helpers/parser';
import { loadSchemes } from '../../../src/infrastructure/schemes';
import { chat, dialogDeps } from '../../helpers/dialogs';

beforeAll(warmTestParser, WARM_UP_MS);

/** The main dialog with the schemes and the real parser, after a first message (its replies are returned). */
async function client(first: string) {
  const schemes = await loadSchemes('data/kb/schemes.json');
  const c = await chat({ deps: (state) => dialogDeps(state, { schemes, parser: testParser }) });
  return { c, replies: await c.turn(first) };
}

describe('EligibilityDialog', () => {
  it('answers territory, referents and schemes in one message when the first message says place, size and need, then asks', async () => {
    const { replies } = await client('PME de plasturgie de 85 salariés à Oyonnax, 12 M€ de CA, nous voulons recruter un jeune diplômé');
    expect(replies).toHaveLength(2);
    expect(replies[0]!.text).toMatch(/^Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/);
    expect(replies[0]!.text).toMatch(
      /\n\nPour votre établissement \(Territoire d'industrie « Plastics Vallée – Oyonnax »\) : (\d+ dispositifs vous sont ouverts|Un dispositif vous est ouvert) : Volontariat Territorial en Entreprise/,
    );
    expect(replies[1]!.text).toMatch(/\? \(ou « recommencer » pour changer de sujet\)$/);
  });

  it('asks for the place first when it is not known, then answers', async () => {
    const { c, replies } = await client('quelles aides pour nous ?');
    expect(replies[0]!.text).toMatch(/dans quelle commune se trouve-t-il/);
    const place = await c.turn('Oyonnax');
    expect(place[0]!.text).toMatch(/Plastics Vallée – Oyonnax/);
    // No scheme is listed before the project is known: the next reply asks for it.
    expect(place[1]!.text).toMatch(/^Quel est votre projet/);
  });

  it('asks the project, then the question of that project, and uses the answers', async () => {
    const { c, replies } = await client('on cherche des aides, notre usine est à Oyonnax');
    expect(replies[1]!.text).toMatch(/^Quel est votre projet/);
    const recruiting = await c.turn('recruter des techniciens');
    expect(recruiting[0]!.text).toMatch(/Pour votre établissement/);
    expect(recruiting[1]!.text).toMatch(/^Souhaitez-vous recruter un jeune diplômé \(bac\+2 ou plus/);
    const graduate = await c.turn('oui');
    expect(graduate[0]!.text).toMatch(/Pour votre établissement.*Volontariat Territorial en Entreprise/);
    // The third question, the last: the figure that decides the most of the schemes left.
    expect(graduate[1]!.text).toMatch(/^Combien de salariés compte votre entreprise/);
    const last = await c.turn('85');
    expect(last).toHaveLength(1);
    expect(last[0]!.text).toMatch(/Pour votre établissement/);
    expect(c.client.dialogTurnResult.status).toBe('complete');
  });

  it('takes back an earlier no said at a later question, redraws the advice and asks that question again', async () => {
    const { c, replies } = await client('PME de mécanique à Oyonnax, 45 salariés, on veut exporter');
    expect(replies[1]!.text).toMatch(/\(VIE\) \?/);
    const no = await c.turn('non');
    expect(no[0]!.text).not.toMatch(/Volontariat International/);
    expect(no[1]!.text).toMatch(/^Quel est votre chiffre d'affaires/);
    const back = await c.turn('ah si en fait on a déjà un VIE');
    expect(back).toHaveLength(2);
    expect(back[0]!.text).toMatch(/Pour votre établissement.*Volontariat International en Entreprise/);
    expect(back[1]!.text).toMatch(/^C'est noté\. Quel est votre chiffre d'affaires/);
    const figure = await c.turn('8 M€');
    expect(figure[0]!.text).toMatch(/Volontariat International en Entreprise/);
  });

  it('says honestly when its base has nothing for the project, and whom to ask', async () => {
    const { replies } = await client('nous voulons former nos opérateurs, usine à Oyonnax');
    expect(replies[0]!.text).toMatch(/^Oyonnax \(01\) est dans le Territoire d'industrie/);
    expect(replies[0]!.text).toMatch(
      /Pour votre projet \(former \/ développer les compétences\), ma base ne contient aucun dispositif ouvert à votre entreprise : l'opérateur à qui le demander est France Travail \(3995\)\./,
    );
  });
});

describe('readAnswer', () => {
  it.each`
    field                   | text                              | expected
    ${'headcount'}          | ${'85'}                           | ${{ headcount: 85 }}
    ${'headcount'}          | ${'cent cinquante personnes'}     | ${{ headcount: 150 }}
    ${'turnoverEur'}        | ${'12 M€'}                        | ${{ turnoverEur: 12_000_000 }}
    ${'turnoverEur'}        | ${'3,5 millions d’euros'}         | ${{ turnoverEur: 3_500_000 }}
    ${'wantsYoungGraduate'} | ${'Oui, un ingénieur'}            | ${{ wantsYoungGraduate: true }}
    ${'wantsYoungGraduate'} | ${'non'}                          | ${{ wantsYoungGraduate: false }}
    ${'independent'}        | ${'Non, nous sommes une filiale'} | ${{ independent: false }}
    ${'wantsYoungGraduate'} | ${'peut-être'}                    | ${{}}
    ${'wantsYoungGraduate'} | ${'en fait on est 300'}           | ${{ headcount: 300 }}
    ${'wantsVie'}           | ${'on fait 12 M€ de CA'}          | ${{ turnoverEur: 12_000_000 }}
    ${'wantsVie'}           | ${"t'es nul"}                     | ${{}}
    ${'ecologicalProject'}  | ${'oui, on décarbone le four'}    | ${{ ecologicalProject: true }}
    ${'trainsJobseekers'}   | ${'non, nos salariés'}            | ${{ trainsJobseekers: false }}
    ${'wantsVie'}           | ${'oui'}                          | ${{ wantsVie: true }}
    ${'groupFigures'}       | ${'2 300 salariés'}               | ${{ headcount: 2300, groupFigures: true }}
    ${'headcount'}          | ${'a 30-person firm'}             | ${{ headcount: 30 }}
    ${'headcount'}          | ${'en fait 300 salariés'}         | ${{ headcount: 300 }}
    ${'headcount'}          | ${'quatre-vingts'}                | ${{ headcount: 80 }}
    ${'headcount'}          | ${'on a 30 M€ de CA'}             | ${{ turnoverEur: 30_000_000 }}
    ${'headcount'}          | ${'je ne sais pas'}               | ${{}}
    ${'headcount'}          | ${'une cinquantaine'}             | ${{ headcount: 50 }}
    ${'headcount'}          | ${'une quarantaine de gars'}      | ${{ headcount: 40 }}
    ${'headcount'}          | ${'dans les 2 millions'}          | ${{}}
    ${'headcount'}          | ${'une dizaine de millions'}      | ${{}}
    ${'needs'}              | ${'bof'}                          | ${{}}
  `('$field ← "$text"', async ({ field, text, expected }) => {
    const answer = await readAnswer(field, text, 'fr', testParser);
    expect(answer).toMatchObject(expected);
    if (Object.keys(expected).length === 0) expect(answer).toEqual({});
  });

  it.each`
    answer                        | reply
    ${'quatre-vingts'}            | ${/^Pour votre établissement/}
    ${'je ne sais pas'}           | ${/^Pas de souci : un ordre de grandeur suffit\. Combien de salariés compte votre entreprise \(groupe compris\) \? \(répondez par un nombre, par exemple « 45 »/}
    ${'Thiers'}                   | ${/^C'est noté, votre site est bien à Thiers \(63\)\.$/}
    ${'notre usine est à Cluses'} | ${/^Cluses \(74\) est dans le Territoire d'industrie « Vallée de l'Arve »/}
  `('answers the headcount question answered "$answer", never ending silently', async ({ answer, reply }) => {
    const { c, replies } = await client('on veut innover, usine à Thiers');
    expect(replies.at(-1)!.text).toMatch(/^Combien de salariés/);
    const next = await c.turn(answer);
    expect(next[0]!.text).toMatch(reply);
    expect(next.at(-1)!.text).toMatch(/\?|dispositif/);
  });
});
