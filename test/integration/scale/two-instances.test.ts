/**
 * Two instances of the real server (child processes, as two App Service workers would run it)
 * on one Azure Storage account (Azurite, blob and queue services), each with its own STATE_DIR
 * as two machines would have: what one learns, the other serves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAzurite, type AzuriteHandle } from '../../helpers/azurite';
import { FakeChannel } from '../../helpers/channel';
import { fileContactRequest as fileRequest } from '../../helpers/contact';
import { eventually, flakyWebhook } from '../../helpers/notify';
import { killAllBotProcesses, killHard, startBotProcess, type BotProcess } from '../../helpers/process';

const TOKEN = 'two-instances-admin-token-0123';

let azurite: AzuriteHandle;
let hook: Awaited<ReturnType<typeof flakyWebhook>>;
let a: BotProcess;
let b: BotProcess;
const dirs: string[] = [];
const channels: FakeChannel[] = [];

beforeAll(async () => {
  azurite = await startAzurite({ queue: true });
  hook = await flakyWebhook(0);
  hook.setFailing(true);
  const env = (name: string) => {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), `ti-${name}-`));
    dirs.push(stateDir);
    return {
      STATE_DIR: stateDir,
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: azurite.connectionString,
      ADMIN_TOKEN: TOKEN,
      NOTIFY_WEBHOOK_URL: hook.url,
      // Short timings, so a hand-over takes seconds rather than the production minute.
      KB_REFRESH_SECONDS: '1',
      OUTBOX_POLL_SECONDS: '1',
      OUTBOX_LEASE_SECONDS: '3',
      OUTBOX_RETRY_SECONDS: '1',
      RATE_LIMIT_PER_MINUTE: '100000',
    };
  };
  [a, b] = await Promise.all([startBotProcess(env('a')), startBotProcess(env('b'))]);
}, 540_000);

afterAll(async () => {
  await killAllBotProcesses();
  for (const c of channels) await c.stop();
  await hook?.close();
  await azurite?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function admin(bot: BotProcess, method: string, route: string, body?: unknown): Promise<any> {
  const res = await fetch(`${bot.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

async function channel(bot: BotProcess): Promise<FakeChannel> {
  const c = new FakeChannel(bot.url);
  await c.start();
  channels.push(c);
  return c;
}

it('reports every store reachable on /health', async () => {
  const health = await (await fetch(`${b.url}/health`)).json();
  expect(health).toMatchObject({
    status: 'ok',
    storage: 'blob',
    stores: { conversations: 'ok', requests: 'ok', outbox: 'ok', knowledgeBase: 'ok', kbHistory: 'ok' },
  });
});

// The issue asks for a new referent to be served everywhere within 5 s; with KB_REFRESH_SECONDS=1
// it takes 1.6-2 s here (3.2 s at load average 15). The bound below is the suite's liveness rule
// (10x the usual figure); passing tests print nothing, so the delay is not printed.
it('a referent named through one instance is served by the other within seconds, and both list the change in the history', async () => {
  const referent = { name: 'Alex Fictif', role: "Chargé d'affaires", email: 'alex.fictif@example.test', source: 'Test fixture', verifiedAt: '2026-01-10' };
  const lookupOnB = async () => (await (await fetch(`${b.url}/api/lookup?q=Oyonnax`)).json()) as any;
  expect(JSON.stringify(await lookupOnB())).not.toContain('Alex Fictif');
  await admin(a, 'PUT', '/api/admin/slots/2023/ti-8413/bpifrance', referent);
  await eventually(async () => JSON.stringify(await lookupOnB()).includes('Alex Fictif'), 20_000, 100);
  for (const bot of [a, b]) {
    const history = await admin(bot, 'GET', '/api/admin/history');
    expect(history.entries[0]).toMatchObject({ action: 'slot.replace', summary: expect.stringContaining('Alex Fictif') });
  }
  // A change through B, based on A's, is kept too (B saw A's revision before changing).
  await admin(b, 'PUT', '/api/admin/slots/2023/ti-8413/france-travail', { ...referent, name: 'Dominique Essai' });
  const lookupOnA = JSON.stringify(
    await eventually(
      async () => {
        const r = JSON.stringify(await (await fetch(`${a.url}/api/lookup?q=Oyonnax`)).json());
        return r.includes('Dominique Essai') && r;
      },
      20_000,
      100,
    ),
  );
  expect(lookupOnA).toContain('Alex Fictif');
});

it('requests filed on both instances are listed by each; with the webhook failing and one instance killed, every notification is delivered once after the other takes over', async () => {
  const [onA, onB] = [await channel(a), await channel(b)];
  const references = [
    await fileRequest([onA], 'conv-a-1', 'Société Fictive Alpha SAS'),
    await fileRequest([onB], 'conv-b-1', 'Société Fictive Beta SARL'),
    await fileRequest([onA, onB], 'conv-ab-1', 'Société Fictive Gamma SA'),
  ].sort();
  for (const bot of [a, b]) {
    const listed = await admin(bot, 'GET', '/api/admin/requests');
    expect(listed.requests.map((r: any) => r.reference).sort()).toEqual(references);
  }
  // The webhook has been failing: every notification is pending, attempted at least once.
  await eventually(
    async () => {
      const outbox = await admin(b, 'GET', '/api/admin/outbox?status=pending');
      return outbox.entries.length === references.length && outbox.entries.every((e: any) => e.attempts >= 1);
    },
    20_000,
    250,
  );
  expect(hook.delivered.size).toBe(0);

  await killHard(a.child);
  expect(a.child.signalCode).toBe('SIGKILL');
  hook.setFailing(false);

  const delivered = await eventually(
    async () => {
      const outbox = await admin(b, 'GET', '/api/admin/outbox');
      return outbox.entries.length === references.length && outbox.entries.every((e: any) => e.status === 'sent') && outbox.entries;
    },
    60_000,
    250,
  );
  expect([...hook.delivered.values()].map((d) => d.body.reference).sort()).toEqual(references);
  expect([...hook.delivered.keys()].sort()).toEqual(delivered.map((e: any) => e.id).sort());
  for (const d of hook.accepted) expect(d.body.idempotencyKey).toBe(d.key);
  const statuses = await admin(b, 'GET', '/api/admin/requests');
  expect(statuses.requests.map((r: any) => r.status)).toEqual(['transmise', 'transmise', 'transmise']);
}, 240_000);
