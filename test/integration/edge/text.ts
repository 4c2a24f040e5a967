import { cpSync } from 'node:fs';
import { teamsPayload } from '../../../src/infrastructure/notify';
import { writeNotification } from '../../../src/presentation/notification';
import { FakeChannel, startApp, type CapturedActivity } from '../../helpers/channel';
import { eventually, flakyWebhook } from '../../helpers/notify';
import type { App } from '../../../src/app';
import { removeTempDirs, tempDir } from '../../helpers/temp';

/**
 * Rows 9 and 10 of the public-edge review: what users type comes back in replies as plain text,
 * and reaches storage, the webhook and the e-mail subject without bidi or control characters; the
 * Teams card shows Markdown in a typed field as text.
 */
const RLO = '\u202e';
const PDF = '\u202c';
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const TOKEN = 'edge-test-admin-token-0123456789';

let app: App;
let url: string;
let channel: FakeChannel;
let webhook: Awaited<ReturnType<typeof flakyWebhook>>;

beforeAll(async () => {
  webhook = await flakyWebhook(0);
  const kbDir = tempDir('ti-edge-kb-');
  cpSync('data/kb', kbDir, { recursive: true });
  ({ app, url } = await startApp({ KB_DIR: kbDir, ADMIN_TOKEN: TOKEN, NOTIFY_WEBHOOK_URL: webhook.url }));
  channel = new FakeChannel(url);
  await channel.start();
});
afterAll(async () => {
  await channel.stop();
  await app.close();
  await webhook.close();
  removeTempDirs();
});

const texts = (replies: CapturedActivity[]) => replies.map((r) => r.text ?? '').join('\n');

describe('replies', () => {
  it('are plain text, quote of hostile input only the unknown name, and carry no bidi override', async () => {
    // An unknown place, so the answer quotes what stood where the place would.
    const hostile = `usine à Trucville [Payez ici](https://attaquant.example) <img src=x> ${RLO}fdp.exe`;
    const r = await channel.say(hostile, {}, 'conv-text-1');
    expect(r.status).toBe(200);
    expect(r.replies.length).toBeGreaterThan(0);
    for (const reply of r.replies) {
      expect(reply.textFormat).toBe('plain');
      expect(reply.text ?? '').not.toMatch(INVISIBLE);
    }
    // The name alone comes back: nothing of the link, the tag or the file name.
    expect(texts(r.replies)).toContain('« Trucville »');
    expect(texts(r.replies)).not.toMatch(/attaquant|<img|fdp/);
  });

  it('in the contact flow too: an invalid address is quoted back as plain text', async () => {
    const conv = 'conv-text-2';
    await channel.say('Oyonnax', {}, conv);
    await channel.send({ value: { action: 'contact', operator: 'bpifrance' } }, conv);
    await channel.say('Société Fictive SAS', {}, conv);
    await channel.say('Camille Testeur', {}, conv);
    const r = await channel.say(`**camille**@${RLO}example`, {}, conv);
    const quoted = r.replies.find((a) => /ne semble pas valide/.test(a.text ?? ''));
    expect(quoted?.textFormat).toBe('plain');
    expect(quoted?.text).toContain('**camille**@example');
    expect(quoted?.text).not.toMatch(INVISIBLE);
  });
});

describe('a contact request with hostile fields', () => {
  it('is stored and notified without bidi or control characters; the Teams card escapes Markdown', async () => {
    // A fictional named referent, so the notification's subject names the firm.
    const named = await fetch(`${url}/api/admin/slots/2023/ti-8413/business-france`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'Lou Fictive',
        role: 'Conseillère export',
        email: 'lou.fictive@example.test',
        source: 'Fixture de test',
        verifiedAt: '2026-01-10',
      }),
    });
    expect(named.status).toBe(200);

    const conv = 'conv-text-3';
    const firm = `Factures ${RLO}fdp.exe${PDF} [Payez ici](https://attaquant.example) SARL`;
    await channel.say('Oyonnax', {}, conv);
    await channel.send({ value: { action: 'contact', operator: 'business-france' } }, conv);
    expect(texts((await channel.say(firm, {}, conv)).replies)).toMatch(/Qui le référent doit-il contacter/);
    await channel.say(`Camille\u200f Testeur\u0007`, {}, conv);
    await channel.say('camille.testeur@example.test', {}, conv);
    await channel.say(`Exporter\u2066 au Canada\u2069 <b>vite</b>`, {}, conv);
    const done = await channel.say('oui', {}, conv);
    const reference = /TI-\d{4}-[A-Z0-9]{5}/.exec(texts(done.replies))?.[0];
    expect(reference).toBeDefined();

    const stored = (await app.services.requests.get(reference!))!;
    expect(stored.firm.name).toBe('Factures fdp.exe [Payez ici](https://attaquant.example) SARL');
    expect(stored.firm.contactName).toBe('Camille Testeur');
    expect(stored.need).toBe('Exporter au Canada <b>vite</b>');

    const hit = await eventually(() => webhook.accepted.find((h) => JSON.stringify(h.body).includes(reference!)));
    const sent = JSON.stringify(hit.body);
    expect(sent).not.toMatch(INVISIBLE);
    expect(sent).not.toMatch(/\\u202e|\\u200f|\\u0007/i);
    expect(String(hit.body.subject)).toContain('Factures fdp.exe');

    // The Teams rendering of the same notification: Markdown shown as text, no link.
    const target = app.services.contact.prepare(stored.territory!, stored.operator)!;
    const card = JSON.stringify(teamsPayload(writeNotification(stored, target, 365)));
    expect(card).toContain('\\\\[Payez ici\\\\]\\\\(https://attaquant.example\\\\)');
    expect(card).not.toContain('[Payez ici](https://');
    expect(card).toContain('\\\\<b\\\\>vite\\\\</b\\\\>');
  });
});
