import { loadSchemes } from '../../../../src/infrastructure/schemes';
import { chat, click, dialogDeps } from '../../../helpers/dialogs';

/**
 * The main dialog through DialogTestClient, the same entry point production uses: each row is a
 * conversation (turns typed, or card buttons clicked as `value` with no text) and what the last
 * turn's replies must say.
 */
type Turn = string | { value: object };
const send = (t: Turn) => (typeof t === 'string' ? t : click(t.value));

async function last(turns: Turn[]): Promise<string> {
  const c = await chat();
  let text = '';
  for (const t of turns) text = await c.say(send(t));
  return text;
}

describe('MainDialog: lookups', () => {
  it.each`
    turns                                                             | reply
    ${['Oyonnax']}                                                    | ${/^Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/}
    ${['usine à sant etienne']}                                       | ${/^Saint-Étienne \(42\) est dans le Territoire d'industrie/}
    ${['01100']}                                                      | ${/^Le code postal 01100 est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/}
    ${['01 100']}                                                     | ${/^Le code postal 01100 est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/}
    ${['Arbignieu']}                                                  | ${/^Arboys en Bugey \(01\) n'est dans aucun Territoire d'industrie/}
    ${['Saint-Martin']}                                               | ${/^Plusieurs lieux correspondent à « Saint-Martin »/}
    ${['Saint-Martin', 'Saint-Martin (Gers, 32)']}                    | ${/^Saint-Martin \(32\) est dans le Territoire d'industrie/}
    ${['Saint-Martin', '2']}                                          | ${/^Saint-Martin \(65\) est dans le Territoire d'industrie/}
    ${['Saint-Martin', 'Gers']}                                       | ${/^Saint-Martin \(32\) est dans le Territoire d'industrie/}
    ${['Saint-Denis', '93']}                                          | ${/^Saint-Denis \(93\) n'est dans aucun Territoire d'industrie/}
    ${['Saint-Denis', '(93)']}                                        | ${/^Saint-Denis \(93\)/}
    ${['Saint-Denis', 'le 01']}                                       | ${/^Aucun des lieux « Saint-Denis » proposés n'est dans le département Ain \(01\)/}
    ${['Saint-Denis', 'le 01', '974']}                                | ${/^Saint-Denis \(974\)/}
    ${['Saint-Martin', 'Grenoble']}                                   | ${/^Grenoble \(38\) est dans le Territoire d'industrie « Sud Isère »/}
    ${['Cluses']}                                                     | ${/^Cluses \(74\) est dans .*Il existe aussi Les Cluses \(Pyrénées-Orientales, 66\)/}
    ${['Cluses', 'Les Cluses (66)']}                                  | ${/^Les Cluses \(66\) est dans le Territoire d'industrie « Pyrénées Orientales »/}
    ${['le 04']}                                                      | ${/^Dans quelle commune du département Alpes-de-Haute-Provence \(04\)/}
    ${['le 04', 'Manosque']}                                          | ${/^Manosque \(04\) est dans le Territoire d'industrie/}
    ${['Allier']}                                                     | ${/^Dans quelle commune du département Allier \(03\).*Il existe aussi Allier \(Hautes-Pyrénées, 65\)/}
    ${['Allier', 'Allier (65)']}                                      | ${/^Allier \(65\) est dans le Territoire d'industrie « Lacq – Pau – Tarbes »/}
    ${['Allier', 'Montluçon']}                                        | ${/^Montluçon \(03\) est dans le Territoire d'industrie « Montluçon Commentry »/}
    ${['Vaucluse', 'ti-9308']}                                        | ${/^« Vaucluse » est un Territoire d'industrie/}
    ${['allier 03']}                                                  | ${/^Dans quelle commune du département Allier \(03\)/}
    ${['le 84']}                                                      | ${/^Dans quelle commune du département Vaucluse \(84\).*par exemple « Avignon » ou « 84000 »/}
    ${['je cherche le référent France Travail à Roanne', 'et bpi ?']} | ${/^Aucun référent Bpifrance n'est encore désigné pour le Territoire d'industrie « Roannais Forez »/}
    ${['Bpifrance']}                                                  | ${/^Le référent Bpifrance dépend du Territoire d'industrie de votre site/}
    ${['Oyonnax liste 2019']}                                         | ${/« Oyonnax - Bugey Sud - Plaine de l'Ain - Pays Bellegardien - Pays de Gex » \(liste 2019-2022/}
    ${['ti-8413']}                                                    | ${/« Plastics Vallée – Oyonnax » est un Territoire d'industrie/}
    ${['Saint-Martin', 'oui']}                                        | ${/^Je n'ai pas compris lequel des lieux « Saint-Martin » est le vôtre : choisissez-en un ci-dessous \(ou tapez son numéro, de 1 à \d+\)/}
    ${['Saint-Martin', 'oui', '2']}                                   | ${/^Saint-Martin \(65\) est dans le Territoire d'industrie/}
    ${['qui est le référent bpi de Trifouillis-les-Oies']}            | ${/^Je n'ai pas trouvé de lieu correspondant à « Trifouillis-les-Oies »\./}
    ${['Saint-Martin', 'recommencer', '2']}                           | ${/^Je peux vous dire dans quel Territoire d'industrie/}
    ${['territoires en Occitanie', 'et en Bretagne liste 2019 ?']}    | ${/^Bretagne : \d+ Territoires d'industrie \(liste 2019-2022\)/}
    ${['territoires en Normandie', 'liste 2019']}                     | ${/^Normandie : \d+ Territoires d'industrie \(liste 2019-2022\)/}
    ${['territoires en Normandie', 'et en 2019 ?']}                   | ${/^Normandie : \d+ Territoires d'industrie \(liste 2019-2022\)/}
    ${['territoires de Normandie liste 2019', 'et 2023 ?']}           | ${/^Normandie : 11 Territoires d'industrie \(liste 2023-2027\)/}
    ${['combien de territoires en Normandie ?', 'la première vague']} | ${/^Normandie : \d+ Territoires d'industrie \(liste 2019-2022\)/}
    ${['Oyonnax', 'liste 2019']}                                      | ${/^Oyonnax \(01\) est dans le Territoire d'industrie « Oyonnax - Bugey Sud - Plaine de l'Ain - Pays Bellegardien - Pays de Gex » \(liste 2019-2022/}
    ${['Oyonnax', 'liste 2019', 'et en 2023 ?']}                      | ${/^Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax » \(liste 2023-2027/}
    ${['liste 2019']}                                                 | ${/^Indiquez-moi une commune/}
    ${['territoires en Occitanie', 'Oyonnax', 'en Bretagne']}         | ${/^Plusieurs lieux correspondent à « en Bretagne »|^Plusieurs lieux correspondent à « Bretagne »/}
  `('$turns → $reply', async ({ turns, reply }) => {
    expect(await last(turns)).toMatch(reply);
  });
});

describe('MainDialog: card buttons (value, no text)', () => {
  it.each`
    turns                                                                    | reply
    ${['Saint-Martin', { value: { action: 'choose', value: '32389' } }]}     | ${/^Saint-Martin \(32\) est dans le Territoire d'industrie/}
    ${[{ value: { action: 'choose', value: 'Plastics Vallée – Oyonnax' } }]} | ${/« Plastics Vallée – Oyonnax » est un Territoire d'industrie/}
    ${['Oyonnax', { value: { action: 'restart' } }]}                         | ${/on recommence/}
    ${[{ value: { action: 'contact', operator: 'bpifrance' } }]}             | ${/^Désolé, la transmission de demandes n'est pas disponible/}
    ${[{ value: { action: 'contact-consent', draftId: 'gone' } }]}           | ${/^Ce récapitulatif n'est plus en cours : rien n'a été envoyé/}
    ${[{ value: {} }]}                                                       | ${/^Je peux vous dire dans quel Territoire d'industrie/}
    ${[{ value: { action: 'choose', value: 42 } }]}                          | ${/^Je peux vous dire dans quel Territoire d'industrie/}
  `('$turns → $reply', async ({ turns, reply }) => {
    expect(await last(turns)).toMatch(reply);
  });
});

describe('MainDialog: messages that name no place', () => {
  it.each`
    text                                  | reply
    ${"t'es nul, ça marche pas ton truc"} | ${/^Je peux vous dire dans quel Territoire d'industrie/}
    ${'je ne sais pas'}                   | ${/^Je peux vous dire/}
    ${'Trifouillis-les-Oies'}             | ${/^Je ne connais pas de commune « Trifouillis-les-Oies »/}
    ${'99999'}                            | ${/^Aucune commune n'a le code « 99999 »/}
    ${'combien coûte un Rafale ?'}        | ${/^Je peux vous dire/}
  `('"$text" → $reply', async ({ text, reply }) => {
    expect(await last([text])).toMatch(reply);
  });

  it('stores no town for later flows', async () => {
    const c = await chat();
    await c.say("t'es nul, ça marche pas ton truc");
    const memory = await c.memory();
    expect(memory.territory).toBeUndefined();
    expect(memory.communeCode).toBeUndefined();
  });
});

describe('MainDialog: interruptions keep or end what is pending', () => {
  it.each`
    message          | reply
    ${'aide'}        | ${/^Je peux :/}
    ${'help'}        | ${/^Je peux :/}
    ${'recommencer'} | ${/on recommence/}
    ${'annuler'}     | ${/on recommence/}
  `('"$message" in the middle of a choice', async ({ message, reply }) => {
    expect(await last(['Saint-Martin', message])).toMatch(reply);
  });

  it('a choice stays open after help', async () => {
    expect(await last(['Saint-Martin', 'aide', '3'])).toMatch(/^Saint-Martin \(32\)/);
  });

  it("a contact button of an older card asks for that card's commune, not the one shown last", async () => {
    const c = await chat();
    await c.say('Oyonnax');
    await c.say('Thiers');
    expect(await c.memory()).toMatchObject({ territory: { id: 'ti-8408' }, communeCode: '63430' });
    // The Oyonnax card's button (its data carries the commune).
    await c.turn(click({ action: 'contact', operator: 'bpifrance', place: '01283' }));
    expect(await c.memory()).toMatchObject({ territory: { id: 'ti-8413', wave: 2023 }, communeCode: '01283' });
    // A button without a place (older cards, other channels) keeps the place shown last.
    await c.say('Thiers');
    await c.turn(click({ action: 'contact', operator: 'bpifrance' }));
    expect(await c.memory()).toMatchObject({ territory: { id: 'ti-8408' }, communeCode: '63430' });
  });

  it('remembers the territory shown, for the next flows', async () => {
    const c = await chat();
    await c.say('Oyonnax');
    const memory = await c.memory();
    expect(memory).toMatchObject({ territory: { id: 'ti-8413', wave: 2023 }, communeCode: '01283' });
    expect(memory.pending).toBeUndefined();
  });
});

describe('MainDialog: the eligibility questions, answered in odd ways', () => {
  const withSchemes = async () => {
    const schemes = await loadSchemes();
    return chat({ deps: (state) => dialogDeps(state, { schemes }) });
  };
  const lastWithSchemes = async (turns: string[]) => {
    const c = await withSchemes();
    let text = '';
    for (const t of turns) text = await c.say(t);
    return text;
  };

  it.each`
    turns                                                                    | reply
    ${['on est une pme a oyonnax', 'je sais pas']}                           | ${/^Pas de souci\. Sans projet, je ne peux pas trier les dispositifs/}
    ${['usine a oyonnax', 'mes aides', 'aucune idee']}                       | ${/^Pas de souci\. Sans projet, je ne peux pas trier les dispositifs/}
    ${['usine a thiers on veut innover', 'dans les 2 millions']}             | ${/^Je n'ai pas compris cette réponse\. Combien de salariés/}
    ${['usine a oyonnax, on veut recruter', 'bof']}                          | ${/^Pas de souci, je laisse cette question de côté/}
    ${['usine a oyonnax, on veut recruter', 'bof', 'non', 'merci']}          | ${/^Avec plaisir !.*\n[A-Z][^\n]*\? \(répondez par/s}
    ${['usine a oyonnax, on veut recruter', 'bof', 'non', 'pourquoi pas ?']} | ${/\n[A-Z][^\n]*\? \(répondez par/}
  `('$turns → $reply', async ({ turns, reply }) => {
    expect(await lastWithSchemes(turns)).toMatch(reply);
  });

  it("'Voir mes aides' on the card of another place gives that place's advice, and 'mes aides' keeps the firm described", async () => {
    const c = await withSchemes();
    for (const t of ['usine a thiers on veut innover', '50', '8 M€']) await c.say(t);
    await c.say('Oyonnax');
    const clicked = await c.say(click({ action: 'eligibility' }));
    expect(clicked).toMatch(
      /^Pour votre établissement \(Territoire d'industrie « Plastics Vallée – Oyonnax »\) : Un dispositif vous est ouvert : Accélérateurs Bpifrance/,
    );
    expect(await c.say('mes aides')).toMatch(
      /^Pour votre établissement \(Territoire d'industrie « Plastics Vallée – Oyonnax »\) : Un dispositif vous est ouvert/,
    );
  });

  it('a question asked again after an answer on the side no longer says the answer before was not understood', async () => {
    const c = await withSchemes();
    for (const t of ['usine a oyonnax, on veut recruter', 'bof']) await c.say(t);
    expect(await c.say('non')).toMatch(/^Je n'ai pas compris cette réponse\./);
    expect(await c.say('merci')).not.toMatch(/pas compris/);
  });
});
