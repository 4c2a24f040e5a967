/**
 * STORAGE=memory: every record in the process only (throw-away runs, demos, tests without files).
 * The real app, through its HTTP endpoints, keeps and serves everything, and writes no file.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App } from '../../../src/app-types';
import { FakeChannel, startApp } from '../../helpers/channel';
import { fileContactRequest } from '../../helpers/contact';
import { eventually, flakyWebhook } from '../../helpers/notify';

const TOKEN = 'memory-admin-token-0123456789';
let app: App;
let url: string;
let channel: FakeChannel;
let hook: Awaited<ReturnType<typeof flakyWebhook>>;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ti-memory-'));
  cpSync('data/kb', path.join(root, 'kb'), { recursive: true });
  hook = await flakyWebhook(0);
  ({ app, url } = await startApp({
    STORAGE: 'memory',
    STATE_DIR: path.join(root, 'state'),
    KB_DIR: path.join(root, 'kb'),
    ADMIN_TOKEN: TOKEN,
    NOTIFY_WEBHOOK_URL: hook.url,
    OUTBOX_POLL_SECONDS: '1',
  }));
  channel = new FakeChannel(url);
  await channel.start();
});

afterAll(async () => {
  await channel?.stop();
  await app?.close();
  await hook?.close();
  rmSync(root, { recursive: true, force: true });
});

async function admin(method: string, route: string, body?: unknown): Promise<any> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

it('keeps requests, notifications, referents and their history in memory, serves them, and writes no file', async () => {
  expect(await (await fetch(`${url}/health`)).json()).toMatchObject({
    storage: 'memory',
    stores: { requests: 'ok', outbox: 'ok', knowledgeBase: 'ok', kbHistory: 'ok' },
  });
  const reference = await fileContactRequest([channel], 'conv-memory', 'Société Fictive Mémoire SAS');
  expect((await admin('GET', '/api/admin/requests')).requests).toEqual([expect.objectContaining({ reference })]);
  await eventually(() => hook.delivered.size === 1, 20_000, 100);
  expect([...hook.delivered.values()][0]!.body).toMatchObject({ reference });
  const [entry] = (await admin('GET', '/api/admin/outbox')).entries;
  expect(entry).toMatchObject({ reference, status: 'sent' });
  expect([...hook.delivered.keys()]).toEqual([entry.id]);

  await admin('PUT', '/api/admin/slots/2023/ti-8413/bpifrance', {
    name: 'Alex Fictif',
    role: "Chargé d'affaires",
    email: 'alex.fictif@example.test',
    source: 'Test fixture',
    verifiedAt: '2026-01-10',
  });
  expect(JSON.stringify(await (await fetch(`${url}/api/lookup?q=Oyonnax`)).json())).toContain('Alex Fictif');
  expect((await admin('GET', '/api/admin/history')).entries[0]).toMatchObject({ action: 'slot.replace', summary: expect.stringContaining('Alex Fictif') });

  const written = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  expect(readdirSync(root).includes('state') ? written(path.join(root, 'state')) : []).toEqual([]);
  expect(written(path.join(root, 'kb')).sort()).toEqual(written('data/kb').sort());
  for (const file of written('data/kb')) expect(readFileSync(path.join(root, 'kb', file), 'utf8')).toBe(readFileSync(path.join('data/kb', file), 'utf8'));
});
