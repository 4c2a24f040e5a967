/**
 * The real bot as a child process, killed with SIGKILL in the middle of a contact request and
 * started again on the same state directory: the conversation resumes at the same step and the
 * request exists once, even when the consent is replayed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REQUESTS_FILE } from '../../../src/infrastructure/request-store';
import { FakeChannel, TEST_CHANNELS, type CapturedActivity } from '../../helpers/channel';

const START_TIMEOUT_MS = 90_000;
const REFERENCE = /TI-\d{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Bot {
  child: ChildProcess;
  url: string;
  output: () => string;
}

const children = new Set<ChildProcess>();

async function startBot(stateDir: string): Promise<Bot> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), STATE_DIR: stateDir, KB_DIR: 'data/kb', STORAGE: 'file', LOCAL_CHANNEL_URLS: TEST_CHANNELS };
  // No credentials nor notifiers from the developer's environment: local mode, nothing sent.
  for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'SMTP_URL', 'NOTIFY_WEBHOOK_URL', 'NOTIFY_OPS_EMAIL', 'BLOB_CONNECTION_STRING', 'NODE_OPTIONS']) delete env[name];
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'src/index.ts'], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode} before being ready:\n${output}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return { child, url, output: () => output };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`bot not ready after ${START_TIMEOUT_MS} ms:\n${output}`);
}

function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const stateDir = mkdtempSync(path.join(os.tmpdir(), 'ti-restart-'));
const channels: FakeChannel[] = [];

afterAll(async () => {
  for (const child of [...children]) await killHard(child);
  for (const c of channels) await c.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const texts = (replies: CapturedActivity[]) => replies.map((r) => r.text ?? '').join('\n');
const requestsOnDisk = (): Array<Record<string, any>> => {
  const file = path.join(stateDir, REQUESTS_FILE);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).requests : [];
};

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
    expect(onDisk[0]).toMatchObject({ reference, firm: { name: 'Société Fictive Test SAS', contactName: 'Camille Testeur', email: 'camille.testeur@example.test' } });

    await killHard(second.child);
  },
  4 * START_TIMEOUT_MS,
);
