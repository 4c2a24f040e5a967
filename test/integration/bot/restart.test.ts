/**
 * The real bot as a child process, killed with SIGKILL in the middle of a contact request and
 * started again on the same state directory: the conversation resumes at the same step and the
 * request exists once, even when the consent is replayed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REQUESTS_DIR } from '../../../src/infrastructure/request-store';
import { documentsOnDisk } from '../../helpers/stores';
import { killAllBotProcesses, killHard, startBotProcess, type BotProcess } from '../../helpers/process';
import { FakeChannel, type CapturedActivity } from '../../helpers/channel';

const REFERENCE = /TI-\d{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}/;
type Bot = BotProcess;
const startBot = (stateDir: string) => startBotProcess({ STATE_DIR: stateDir });

const stateDir = mkdtempSync(path.join(os.tmpdir(), 'ti-restart-'));
const channels: FakeChannel[] = [];

afterAll(async () => {
  await killAllBotProcesses();
  for (const c of channels) await c.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const texts = (replies: CapturedActivity[]) => replies.map((r) => r.text ?? '').join('\n');
const requestsOnDisk = (): Array<Record<string, any>> => documentsOnDisk(path.join(stateDir, REQUESTS_DIR));

async function channelFor(bot: Bot): Promise<FakeChannel> {
  const channel = new FakeChannel(bot.url);
  await channel.start();
  channels.push(channel);
  return channel;
}

it(
  'resumes a contact request at the same step after SIGKILL and never duplicates it',
  async () => {
    const conv = `conv-restart-${Date.now()}`;
    const first = await startBot(stateDir);
    let channel = await channelFor(first);

    expect(texts((await channel.say('Oyonnax', {}, conv)).replies)).toMatch(/Plastics Vallée – Oyonnax/);
    expect(texts((await channel.send({ value: { action: 'contact', operator: 'bpifrance' } }, conv)).replies)).toMatch(/nom de votre entreprise/);
    expect(texts((await channel.say('Société Fictive Test SAS', {}, conv)).replies)).toMatch(/Qui le référent doit-il contacter/);
    const askDetails = await channel.say('Camille Testeur', {}, conv);
    expect(texts(askDetails.replies)).toMatch(/e-mail et\/ou un numéro de téléphone/);

    await killHard(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await startBot(stateDir);
    channel = await channelFor(second);

    // Same step: the e-mail answer is taken and the need is asked, not the firm's name again.
    const next = await channel.say('camille.testeur@example.test', {}, conv);
    expect(next.status).toBe(200);
    expect(texts(next.replies)).toMatch(/En une phrase, quel est votre besoin/);
    expect(texts(next.replies)).not.toMatch(/nom de votre entreprise/);

    const summary = await channel.say('Financer une nouvelle ligne de production.', {}, conv);
    const card = summary.replies.at(-1)!.attachments?.[0]?.content;
    expect(JSON.stringify(card)).toContain('Société Fictive Test SAS');
    const consent = { id: 'consent-activity-1', value: card.actions[0].data };

    const done = await channel.send(consent, conv);
    const reference = REFERENCE.exec(texts(done.replies))?.[0];
    expect(reference).toBeDefined();
    expect(requestsOnDisk().map((r) => r.reference)).toEqual([reference]);

    // The channel delivers the same consent again (retry, double click).
    const replay = await channel.send(consent, conv);
    expect(replay.status).toBe(200);
    const onDisk = requestsOnDisk();
    expect(onDisk).toHaveLength(1);
    expect(onDisk[0]).toMatchObject({
      reference,
      firm: { name: 'Société Fictive Test SAS', contactName: 'Camille Testeur', email: 'camille.testeur@example.test' },
    });

    await killHard(second.child);
  },
  4 * 240_000,
);
