import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { EligibilityDialog, readAnswer } from '../../../src/channels/dialogs/eligibilityDialog';
import type { DialogDeps } from '../../../src/channels/dialogs/deps';
import type { ConversationMemory } from '../../../src/channels/dialogs/state';
import { LookupService } from '../../../src/domain/resolution/lookup';
import { testParser, warmTestParser, WARM_UP_MS } from '../../helpers/parser';
import { loadSchemes } from '../../../src/infrastructure/schemes';
import { realKnowledge } from '../../helpers/kb';

jest.setTimeout(120_000);

beforeAll(warmTestParser, WARM_UP_MS);

async function client(text?: string) {
  const { kb, resolver } = await realKnowledge();
  const state = new ConversationState(new MemoryStorage());
  const deps: DialogDeps = {
    lookup: new LookupService(resolver, null),
    parser: testParser,
    kb,
    cards: null,
    memory: state.createProperty<ConversationMemory>('memory'),
    defaultWave: 2023,
    contact: null,
    schemes: await loadSchemes('data/kb/schemes.json'),
    requestRetentionDays: 365,
  };
  return new DialogTestClient('test', new EligibilityDialog(deps), { text }, [], state);
}

describe('EligibilityDialog', () => {
  it('answers territory, referents and schemes in the same reply when the first message says place, size and need', async () => {
    const c = await client('PME de plasturgie de 85 salariés à Oyonnax, 12 M€ de CA, nous voulons recruter un jeune diplômé');
    const first = await c.sendActivity('');
    expect(first.text).toMatch(/Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/);
    const second = c.getNextReply();
    expect(second.text).toMatch(/Territoire d'industrie « Plastics Vallée – Oyonnax »\) : \d+ dispositif\(s\) vous sont ouverts : Volontariat Territorial en Entreprise/);
  });

  it('asks for the place first when it is not known, then answers', async () => {
    const c = await client('quelles aides pour nous ?');
    const question = await c.sendActivity('');
    expect(question.text).toMatch(/dans quelle commune se trouve-t-il/);
    const place = await c.sendActivity('Oyonnax');
    expect(place.text).toMatch(/Plastics Vallée – Oyonnax/);
    // No scheme is listed before the project is known: the next reply asks for it.
    expect(c.getNextReply().text).toMatch(/^Quel est votre projet/);
  });

  it('asks the project, then the question of that project, and uses the answers', async () => {
    const c = await client('on cherche des aides, notre usine est à Oyonnax');
    await c.sendActivity('');
    expect(c.getNextReply().text).toMatch(/^Quel est votre projet/);
    const recruiting = await c.sendActivity('recruter des techniciens');
    expect(recruiting.text).toMatch(/Pour votre établissement/);
    expect(c.getNextReply().text).toMatch(/^Souhaitez-vous recruter un jeune diplômé \(bac\+2 ou plus/);
    const last = await c.sendActivity('oui');
    expect(last.text).toMatch(/Pour votre établissement.*Volontariat Territorial en Entreprise/);
    expect(c.getNextReply()).toBeUndefined();
    expect(c.dialogTurnResult.status).toBe('complete');
  });

  it('says honestly when its base has nothing for the project, and whom to ask', async () => {
    const c = await client('nous voulons former nos opérateurs, usine à Oyonnax');
    await c.sendActivity('');
    const advice = c.getNextReply();
    expect(advice.text).toMatch(/Pour votre projet \(former \/ développer les compétences\), ma base ne contient aucun dispositif ouvert à votre entreprise : l'opérateur à qui le demander est France Travail \(3995\)\./);
  });
});

describe('readAnswer', () => {
  it.each`
    field                   | text                            | expected
    ${'headcount'}          | ${'85'}                         | ${{ headcount: 85 }}
    ${'headcount'}          | ${'cent cinquante personnes'}   | ${{ headcount: 150 }}
    ${'turnoverEur'}        | ${'12 M€'}                      | ${{ turnoverEur: 12_000_000 }}
    ${'turnoverEur'}        | ${'3,5 millions d’euros'}       | ${{ turnoverEur: 3_500_000 }}
    ${'wantsYoungGraduate'} | ${'Oui, un ingénieur'}          | ${{ wantsYoungGraduate: true }}
    ${'wantsYoungGraduate'} | ${'non'}                        | ${{ wantsYoungGraduate: false }}
    ${'independent'}        | ${'Non, nous sommes une filiale'} | ${{ independent: false }}
    ${'wantsYoungGraduate'} | ${'peut-être'}                  | ${{}}
    ${'ecologicalProject'}  | ${'oui, on décarbone le four'}  | ${{ ecologicalProject: true }}
    ${'trainsJobseekers'}   | ${'non, nos salariés'}          | ${{ trainsJobseekers: false }}
    ${'wantsVie'}           | ${'oui'}                        | ${{ wantsVie: true }}
    ${'groupFigures'}       | ${'2 300 salariés'}             | ${{ headcount: 2300, groupFigures: true }}
  `('$field ← "$text"', async ({ field, text, expected }) => {
    expect(await readAnswer(field, text, 'fr', testParser)).toMatchObject(expected);
    if (Object.keys(expected).length === 0) expect(await readAnswer(field, text, 'fr', testParser)).toEqual({});
  });
});
