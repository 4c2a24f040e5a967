import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from '../../../src/app';
import { stateUpkeep } from '../../../src/channels/bot/drafts';
import { FileStorage, STATE_DIR_NAME } from '../../../src/infrastructure/state';
import { CONSENT_TEXT_VERSION } from '../../../src/presentation/messages';
import { FakeChannel, startApp } from '../../helpers/channel';
import { consentAction, draftContact, referenceIn, texts } from '../../helpers/contact';
import { removeTempDirs, tempDir } from '../../helpers/temp';

/**
 * Rows 6, 7 and 12 of the public-edge review: what a firm types before consenting does not
 * outlive its flow (cancelled, finished, or left waiting), nothing a crash left behind survives a
 * start, an erasure covers the conversations too, the conversation store is bounded, and the
 * consent version recorded is the server's.
 */
const TOKEN = 'edge-test-admin-token-0123456789';

/** Every file under `dir` whose content contains `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (readFileSync(file, 'utf8').includes(needle)) out.push(path.relative(dir, file));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

let app: App;
let url: string;
let channel: FakeChannel;
let stateDir: string;
let conversationsDir: string;

/** Runs the contact flow up to the summary; the draft then holds all of the firm's details. */
const draft = (conv: string, firm: string, email: string) => draftContact(channel, conv, firm, email);

beforeAll(async () => {
  // What a crash (kill -9 in the middle of a save) leaves: temporary copies of the files.
  stateDir = tempDir('ti-edge-data-');
  conversationsDir = path.join(stateDir, STATE_DIR_NAME);
  mkdirSync(conversationsDir, { recursive: true });
  const deadPid = 4_194_000 + Math.floor(Math.random() * 300);
  writeFileSync(path.join(stateDir, `requests.json.${deadPid}.0badf00d.tmp`), '{"requests":[{"firm":{"email":"ancienne@example.test"}}]}');
  writeFileSync(path.join(conversationsDir, `~abc.json.${process.pid}.0badf00d.tmp`), '{"draft":"ancienne@example.test"}');
  ({ app, url } = await startApp({ STATE_DIR: stateDir, ADMIN_TOKEN: TOKEN }));
  channel = new FakeChannel(url);
  await channel.start();
});
afterAll(async () => {
  await channel.stop();
  await app.close();
  removeTempDirs();
});

it('removes at start-up the temporary copies a crash left behind', () => {
  expect(filesContaining(stateDir, 'ancienne@example.test')).toEqual([]);
  expect(readdirSync(stateDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
});

describe('drafts of personal data', () => {
  it('are gone from the stored conversation once the flow is cancelled', async () => {
    const conv = 'conv-data-cancel';
    const summary = await draft(conv, 'Société Annulée SAS', 'annulee@example.test');
    expect(texts(summary)).toMatch(/Rien n’est envoyé sans votre accord/);
    expect(filesContaining(conversationsDir, 'annulee@example.test')).toHaveLength(1);
    expect(texts((await channel.say('Non, annuler', {}, conv)).replies)).toMatch(/ni enregistrée ni envoyée/);
    expect(filesContaining(stateDir, 'annulee@example.test')).toEqual([]);
    expect(filesContaining(stateDir, 'Société Annulée SAS')).toEqual([]);
  });

  it('are gone from the conversation once the request is recorded, with the consent version the server showed', async () => {
    const conv = 'conv-data-consent';
    const summary = await draft(conv, 'Société Consentante SAS', 'consent@example.test');
    const data = consentAction(summary);
    // A client claiming another version of the consent text than the one it was shown.
    const done = await channel.send({ value: { ...data, consentTextVersion: 'never-shown-v999' } }, conv);
    const reference = referenceIn(done.replies);
    expect(reference).not.toBeNull();
    const stored = (await app.services.requests.get(reference!))!;
    expect(stored.consent.textVersion).toBe(CONSENT_TEXT_VERSION);
    // The conversation keeps the reference only.
    expect(filesContaining(conversationsDir, 'consent@example.test')).toEqual([]);
    expect(filesContaining(conversationsDir, reference!)).toHaveLength(1);
  });

  it('are dropped when the flow waited longer than DRAFT_TTL_MINUTES, and the user is told at the next message', async () => {
    const conv = 'conv-data-late';
    await draft(conv, 'Société Tardive SAS', 'tardive@example.test');
    const [file] = filesContaining(conversationsDir, 'tardive@example.test');
    // The last turn, two hours ago: the file as the store would have written it then.
    const full = path.join(conversationsDir, file!);
    const doc = JSON.parse(readFileSync(full, 'utf8'));
    doc.value.memory.lastTurnAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    writeFileSync(full, JSON.stringify(doc));
    const next = await channel.say('Oui', {}, conv);
    expect(texts(next.replies)).toMatch(/restée sans réponse trop longtemps : j'ai effacé ce que vous m'aviez indiqué, rien n'a été envoyé/);
    expect(filesContaining(stateDir, 'tardive@example.test')).toEqual([]);
  });

  it('are swept from conversations that never come back, and the user is told if they do', async () => {
    const conv = 'conv-data-gone';
    await draft(conv, 'Société Partie SAS', 'partie@example.test');
    const storage = await FileStorage.open(conversationsDir);
    const later = Date.now() + 2 * 3_600_000;
    const upkeep = stateUpkeep(storage, { retentionDays: 30, maxConversations: 1000, draftTtlMs: 3_600_000, log: () => undefined, now: () => later });
    await upkeep.runOnce();
    expect(filesContaining(stateDir, 'partie@example.test')).toEqual([]);
    expect(texts((await channel.say('aide', {}, conv)).replies)).toMatch(/restée sans réponse trop longtemps/);
  });
});

describe("a firm's export and erasure", () => {
  it('cover its requests, their notifications and every conversation holding its details or references', async () => {
    const email = 'erasable@example.test';
    const summary = await draft('conv-data-erase-1', 'Société Effaçable SAS', email);
    const data = consentAction(summary);
    await channel.send({ value: data }, 'conv-data-erase-1');
    // Another conversation left a draft with the same address.
    await draft('conv-data-erase-2', 'Société Effaçable SAS', email);
    // The request file and the second draft; the first conversation keeps only the reference.
    expect(filesContaining(stateDir, email)).toHaveLength(2);

    const auth = { Authorization: `Bearer ${TOKEN}` };
    const exported = await (await fetch(`${url}/api/admin/requests/export?email=${encodeURIComponent(email)}`, { headers: auth })).json();
    expect(exported.count).toBe(1);
    expect(exported.conversations).toHaveLength(2);
    expect(JSON.stringify(exported.conversations)).toContain(exported.requests[0].reference);

    const erased = await (await fetch(`${url}/api/admin/firms?email=${encodeURIComponent(email)}`, { method: 'DELETE', headers: auth })).json();
    expect(erased).toMatchObject({ erased: 1, conversations: 2 });
    expect(filesContaining(stateDir, email)).toEqual([]);
    expect(filesContaining(stateDir, 'Société Effaçable SAS')).toEqual([]);
  });
});

describe('the conversation store', () => {
  it('is trimmed when the bot starts: idle past STATE_RETENTION_DAYS first, then the least recently active beyond STATE_MAX_CONVERSATIONS', async () => {
    const dir = tempDir('ti-edge-retention-');
    const DAY = 86_400_000;
    let clock = 0;
    const planted = await FileStorage.open(path.join(dir, STATE_DIR_NAME), { now: () => new Date(clock) });
    const keys = Array.from({ length: 15 }, (_, i) => `webchat/conversations/conv-retention-${i}/`);
    for (const [i, key] of keys.entries()) {
      // Three conversations idle for 40 days and more, twelve active in the last quarter of an hour.
      clock = i < 3 ? Date.now() - (42 - i) * DAY : Date.now() - (15 - i) * 60_000;
      await planted.write({ [key]: { memory: { lang: 'fr', lastTurnAt: new Date(clock).toISOString() } } });
    }
    const lines: string[] = [];
    const started = await startApp({ STATE_DIR: dir, STATE_RETENTION_DAYS: '30', STATE_MAX_CONVERSATIONS: '10' }, { log: (line) => lines.push(line) });
    try {
      // The bot part starts once the server listens; /health says when it has.
      while (((await (await fetch(`${started.url}/health`)).json()) as { parts: { bot: string } }).parts.bot === 'starting')
        await new Promise((r) => setTimeout(r, 50));
      const store = await FileStorage.open(path.join(dir, STATE_DIR_NAME));
      expect(await store.count()).toBe(10);
      expect(Object.keys(await store.read(keys)).sort()).toEqual(keys.slice(5).sort());
      expect(lines.join('\n')).toMatch(/Purged 3 conversation state item\(s\) older than 30 days/);
      expect(lines.join('\n')).toMatch(/Deleted the 2 least recently active conversation\(s\) beyond STATE_MAX_CONVERSATIONS \(10\)/);
    } finally {
      await started.app.close();
    }
  });

  it('keeps at most STATE_MAX_CONVERSATIONS, the least recently active going first', async () => {
    const dir = tempDir('ti-edge-cap-');
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const storage = await FileStorage.open(dir, { now: () => new Date(clock) });
    for (let i = 0; i < 30; i++) {
      clock += 1000;
      await storage.write({ [`webchat/conversations/c${i}/`]: { memory: { lang: 'fr' } } });
    }
    const upkeep = stateUpkeep(storage, { retentionDays: 3650, maxConversations: 10, draftTtlMs: 3_600_000, log: () => undefined, now: () => clock });
    await upkeep.runOnce();
    expect(await storage.count()).toBe(10);
    const kept = await storage.read(Array.from({ length: 30 }, (_, i) => `webchat/conversations/c${i}/`));
    expect(Object.keys(kept).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `webchat/conversations/c${20 + i}/`).sort());
  });

  it('is deleted after STATE_RETENTION_DAYS in blob storage too: the Bicep template has the lifecycle rule', () => {
    const bicep = readFileSync('deploy/azure/main.bicep', 'utf8');
    expect(bicep).toMatch(/managementPolicies@/);
    expect(bicep).toMatch(/prefixMatch: \[\s*'\$\{stateContainerName\}\/'\s*\]/);
    expect(bicep).toMatch(/daysAfterModificationGreaterThan: stateRetentionDays/);
    expect(bicep).toMatch(/name: 'STATE_RETENTION_DAYS', value: string\(stateRetentionDays\)/);
  });
});
