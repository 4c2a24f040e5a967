import { useRunningBot } from '../../helpers/channel';

const bot = useRunningBot();

function query(q: string, extra: Record<string, unknown> = {}) {
  return bot.channel.send(
    {
      type: 'invoke',
      name: 'composeExtension/query',
      channelId: 'msteams',
      value: { commandId: 'lookupTerritory', parameters: [{ name: 'q', value: q }], queryOptions: { skip: 0, count: 25 } },
      ...extra,
    },
    'a:teams-advisor-conversation',
  );
}

describe('Teams search message extension through POST /api/messages', () => {
  it('returns the territory card for a commune typed with a typo', async () => {
    const { status, body } = await query('oyonax');
    expect(status).toBe(200);
    const response = JSON.parse(body);
    const attachments = response.composeExtension.attachments;
    expect(response.composeExtension.type).toBe('result');
    expect(attachments).toHaveLength(1);
    expect(attachments[0].preview.content.title).toBe('Plastics Vallée – Oyonnax');
    expect(attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(attachments[0].content)).toMatch(/Plastics Vallée/);
  });

  it('returns one item per candidate for a homonym, and the picked one resolves', async () => {
    const { body } = await query('Saint-Martin');
    const attachments = JSON.parse(body).composeExtension.attachments;
    expect(attachments.length).toBeGreaterThan(1);
    const gers = attachments.find((a: { preview: { content: { title: string } } }) => a.preview.content.title === 'Saint-Martin (Gers, 32)');
    expect(gers).toBeDefined();
    const picked = await bot.channel.send(
      { type: 'invoke', name: 'composeExtension/selectItem', channelId: 'msteams', value: gers.preview.content.tap.value },
      'a:teams-advisor-conversation',
    );
    const selected = JSON.parse(picked.body).composeExtension.attachments;
    // Saint-Martin (32) is in ti-7608 of the 2023 list.
    expect(selected[0].preview.content.title).toBe(bot.app.services.kb.territory(2023, 'ti-7608')!.name);
    expect(selected[0].preview.content.text).toMatch(/^Saint-Martin \(32\)/);
  });

  it('answers politely when nothing matches, and with a hint for an empty box', async () => {
    const unknown = JSON.parse((await query('zzzzqqqq')).body);
    expect(unknown.composeExtension.attachments[0].preview.content.title).toMatch(/Aucun territoire trouvé pour « zzzzqqqq »/);
    const empty = await bot.channel.send(
      {
        type: 'invoke',
        name: 'composeExtension/query',
        channelId: 'msteams',
        value: { commandId: 'lookupTerritory', parameters: [{ name: 'initialRun', value: 'true' }] },
      },
      'a:teams-advisor-conversation',
    );
    expect(JSON.parse(empty.body).composeExtension.type).toBe('message');
  });

  it('answers in a team channel when mentioned, without the mention in the question', async () => {
    const { replies } = await bot.channel.send(
      {
        type: 'message',
        channelId: 'msteams',
        text: '<at>Assistant</at> Oyonnax',
        entities: [{ type: 'mention', mentioned: { id: 'bot', name: 'Assistant' }, text: '<at>Assistant</at>' }],
        conversation: { id: '19:channel@thread.tacv2', conversationType: 'channel', isGroup: true },
        channelData: { team: { id: '19:team' }, channel: { id: '19:channel@thread.tacv2' } },
      },
      '19:channel@thread.tacv2',
    );
    expect(replies[0]!.text).toMatch(/Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/);
  });

  it('answers in a group chat and in personal chat', async () => {
    const group = await bot.channel.send(
      {
        type: 'message',
        channelId: 'msteams',
        text: '<at>Assistant</at> 42000',
        entities: [{ type: 'mention', mentioned: { id: 'bot', name: 'Assistant' }, text: '<at>Assistant</at>' }],
        conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true },
      },
      '19:group@thread.v2',
    );
    expect(group.replies[0]!.text).toMatch(/Saint-Étienne \(42\)/);
    const personal = await bot.channel.send(
      { type: 'message', channelId: 'msteams', text: 'Grenoble', conversation: { id: 'a:personal', conversationType: 'personal' } },
      'a:personal',
    );
    expect(personal.replies[0]!.text).toMatch(/Sud Isère/);
  });
});
