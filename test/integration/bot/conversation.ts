import { useRunningBot } from '../../helpers/channel';

const bot = useRunningBot();

const texts = (replies: Array<{ text?: string }>) => replies.map((r) => r.text ?? '').join('\n');

describe('a conversation through POST /api/messages', () => {
  it('welcomes a new user in French and says what it does', async () => {
    const { status, replies } = await bot.channel.send(
      {
        type: 'conversationUpdate',
        membersAdded: [{ id: 'user-1' }],
        text: undefined,
      },
      'conv-welcome',
    );
    expect(status).toBe(200);
    expect(texts(replies)).toMatch(/Bonjour.*Territoires d'industrie/);
    expect(texts(replies)).toMatch(/référents/);
  });

  it.each`
    text                                    | reply
    ${'Bonjour'}                            | ${/^Bonjour ! Je suis l'assistant Territoires d'industrie/}
    ${'bonjour à vous !'}                   | ${/^Bonjour ! Je suis l'assistant/}
    ${'hello'}                              | ${/^Hello! I'm the Territoires d'industrie assistant/}
    ${'Merci beaucoup !'}                   | ${/^Avec plaisir !/}
    ${'thanks'}                             | ${/^You are welcome!/}
    ${'Bonjour, notre usine est à Oyonnax'} | ${/^Oyonnax \(01\) est dans le Territoire d'industrie/}
  `('answers "$text" as a person would', async ({ text, reply }) => {
    const { replies } = await bot.channel.say(text, {}, `conv-polite-${text.length}-${text.charCodeAt(0)}`);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(reply);
  });

  it.each`
    text                                                     | reply
    ${"Quels sont les territoires d'industrie dans l'Ain ?"} | ${/^Ain : \d+ Territoires d'industrie \(liste 2023-2027\) : .*Plastics Vallée – Oyonnax.*Pour le vôtre et vos référents, donnez-moi une commune/}
    ${"combien de territoires d'industrie ?"}                | ${/^La liste 2023-2027 compte 183 Territoires d'industrie \(la liste 2019-2022 en comptait 149\)\. Pour ceux d'une région ou d'un département/}
    ${'which territories in Bretagne?'}                      | ${/^Bretagne: \d+ Territoires d'industrie \(2023-2027 list\): .*Finistère/}
    ${'quel territoire pour Oyonnax ?'}                      | ${/^Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/}
  `('answers "$text"', async ({ text, reply }) => {
    const { replies } = await bot.channel.say(text, {}, `conv-list-${text.length}`);
    expect(replies[0]!.text).toMatch(reply);
  });

  it('answers a place in a sentence with the territory and a card', async () => {
    const { replies } = await bot.channel.say('notre usine est à Oyonax', {}, 'conv-place');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax » \(liste 2023-2027/);
  });

  it('asks which one when a name is ambiguous, and resolves the choice', async () => {
    const first = await bot.channel.say('Saint-Martin', {}, 'conv-ambiguous');
    expect(first.replies[0]!.text).toMatch(/Plusieurs lieux correspondent/);
    const actions = first.replies[0]!.suggestedActions?.actions ?? [];
    const gers = actions.find((a) => a.title === 'Saint-Martin (Gers, 32)');
    expect(gers).toBeDefined();
    const second = await bot.channel.say(gers!.value, {}, 'conv-ambiguous');
    expect(second.replies[0]!.text).toMatch(/Saint-Martin \(32\) est dans le Territoire d'industrie/);
  });

  it.each`
    typed                                 | reply
    ${'mes aides'}                        | ${/^Pour vous dire quelles aides vous concernent, il me faut d'abord votre établissement/}
    ${'contacter mon référent Bpifrance'} | ${/^Pour transmettre votre demande au bon référent/}
  `('routes "$typed", typed instead of a choice, as the new request it is', async ({ typed, reply }) => {
    const conversation = `conv-ambiguous-reroute-${typed.length}`;
    await bot.channel.say('Saint-Martin', {}, conversation);
    const { replies } = await bot.channel.say(typed, {}, conversation);
    expect(replies[0]!.text).toMatch(reply);
  });

  it('accepts a new place instead of a choice', async () => {
    await bot.channel.say('Saint-Martin', {}, 'conv-ambiguous-2');
    const { replies } = await bot.channel.say('Grenoble', {}, 'conv-ambiguous-2');
    expect(replies[0]!.text).toMatch(/Grenoble \(38\) est dans le Territoire d'industrie « Sud Isère »/);
  });

  it('says when a postal code covers more communes than it lists, and takes the name of one left out', async () => {
    const first = await bot.channel.say('02300', {}, 'conv-postal-many');
    expect(first.replies[0]!.text).toMatch(/Seules les 10 communes les plus peuplées sur 31 sont proposées : si la vôtre n'y est pas, tapez son nom\./);
    expect(first.replies[0]!.suggestedActions?.actions).toHaveLength(10);
    const second = await bot.channel.say('Besmé', {}, 'conv-postal-many');
    expect(second.replies[0]!.text).toMatch(/^Besmé \(02\) n'est dans aucun Territoire d'industrie/);
  });

  it('reads 01100 as a postal code and says how to get the commune whose INSEE code it also is', async () => {
    const { replies } = await bot.channel.say('01100', {}, 'conv-insee');
    expect(replies[0]!.text).toMatch(
      /^Le code postal 01100 est dans le Territoire d'industrie « Plastics Vallée – Oyonnax ».*\(« 01100 » est aussi le code INSEE de Cheignieu-la-Balme \(01\) : écrivez « INSEE 01100 » pour cette commune\.\)$/,
    );
    const insee = await bot.channel.say('INSEE 01100', {}, 'conv-insee');
    expect(insee.replies[0]!.text).toMatch(/^Cheignieu-la-Balme \(01\) n'est dans aucun Territoire d'industrie/);
  });

  it('answers honestly for a place in no territory', async () => {
    const { replies } = await bot.channel.say('Paris', {}, 'conv-none');
    expect(replies[0]!.text).toMatch(/Paris \(75\) n'est dans aucun Territoire d'industrie/);
  });

  it('says politely when it finds nothing', async () => {
    const { replies } = await bot.channel.say('azertyuiop qsdfghjklm', {}, 'conv-garbage');
    expect(replies[0]!.text).toMatch(/^Je ne connais pas de commune « azertyuiop qsdfghjklm »\. Vérifiez l'orthographe, ou donnez le code postal/);
  });

  it('helps and restarts at any point, even in the middle of a question', async () => {
    await bot.channel.say('Saint-Martin', {}, 'conv-help');
    const help = await bot.channel.say('aide', {}, 'conv-help');
    expect(help.replies[0]!.text).toMatch(/Je peux/);
    const restart = await bot.channel.say('recommencer', {}, 'conv-help');
    expect(restart.replies[0]!.text).toMatch(/on recommence/);
    // The pending question is gone: a digit is now a (failed) place, not a choice.
    const after = await bot.channel.say('Oyonnax', {}, 'conv-help');
    expect(after.replies[0]!.text).toMatch(/Plastics Vallée/);
  });

  it('switches to English when the user writes English or the channel locale is English', async () => {
    const { replies } = await bot.channel.say('our factory is in Oyonnax', {}, 'conv-en');
    expect(replies[0]!.text).toMatch(/Oyonnax \(01\) is in the Territoire d'industrie "Plastics Vallée – Oyonnax"/);
    const welcome = await bot.channel.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-9' }], locale: 'en-US' }, 'conv-en-2');
    expect(texts(welcome.replies)).toMatch(/Hello! I'm the Territoires d'industrie assistant/);
  });

  it('starts with the territory of a widget preset (webchat/join event)', async () => {
    const { replies } = await bot.channel.send(
      { type: 'event', name: 'webchat/join', value: { locale: 'fr-FR', territory: 'ti-8412', wave: 2023 } },
      'conv-preset',
    );
    expect(replies[0]!.text).toMatch(/« Pays de Gex – Genevois – Terre Valserhône » est un Territoire d'industrie \(liste 2023-2027/);
    const english = await bot.channel.send({ type: 'event', name: 'webchat/join', value: { locale: 'en-GB', territory: 'ti-8413' } }, 'conv-preset-en');
    expect(english.replies[0]!.text).toMatch(/"Plastics Vallée – Oyonnax" is a Territoire d'industrie/);
    const bogus = await bot.channel.send({ type: 'event', name: 'webchat/join', value: { territory: '<script>' } }, 'conv-preset-bad');
    expect(bogus.replies).toHaveLength(0);
  });

  it('rejects a malformed body without a stack trace', async () => {
    const res = await fetch(`${bot.channel.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"type": "message", ',
    });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).not.toMatch(/at .*\.js:\d+/);
    expect(JSON.parse(body).error.status).toBe(400);
  });
});
