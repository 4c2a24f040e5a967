import type { App } from '../../../src/app';
import { stateUpkeep } from '../../../src/channels/bot/drafts';
import { BlobConversationRecords } from '../../../src/infrastructure/state';
import { containerClient } from '../../../src/infrastructure/storage/azure-clients';
import { startAzurite, type AzuriteHandle } from '../../helpers/azurite';
import { FakeChannel, startApp } from '../../helpers/channel';
import { consentAction, draftContact, referenceIn, texts } from '../../helpers/contact';

/**
 * Row 6 of the public-edge review with STORAGE=blob: the bot's conversation store cannot list,
 * so the draft sweep and a firm's export and erasure read the state container directly.
 */
const TOKEN = 'edge-test-admin-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };

let azurite: AzuriteHandle;
let app: App;
let url: string;
let channel: FakeChannel;

beforeAll(async () => {
  azurite = await startAzurite({ queue: true });
  ({ app, url } = await startApp({ STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, ADMIN_TOKEN: TOKEN }));
  channel = new FakeChannel(url);
  await channel.start();
});
afterAll(async () => {
  await channel?.stop();
  await app?.close();
  await azurite?.stop();
});

/** Every blob of the conversation state container whose content contains `needle`. */
async function blobsContaining(needle: string): Promise<string[]> {
  const container = containerClient(azurite.connectionString, app.services.config.blobContainer);
  const out: string[] = [];
  for await (const blob of container.listBlobsFlat()) {
    const body = (await container.getBlobClient(blob.name).downloadToBuffer()).toString('utf8');
    if (body.includes(needle)) out.push(blob.name);
  }
  return out;
}

it("a firm's export and erasure cover its conversations in blob storage", async () => {
  const email = 'nuage@example.test';
  const summary = await draftContact(channel, 'conv-blob-1', 'Société Nuage SAS', email);
  const reference = referenceIn((await channel.send({ value: consentAction(summary) }, 'conv-blob-1')).replies);
  expect(reference).not.toBeNull();
  // Another conversation left a draft with the same address.
  await draftContact(channel, 'conv-blob-2', 'Société Nuage SAS', email);
  expect(await blobsContaining(email)).toHaveLength(1);
  expect(await blobsContaining(reference!)).toHaveLength(1);

  const exported = await (await fetch(`${url}/api/admin/requests/export?email=${encodeURIComponent(email)}`, { headers: auth })).json();
  expect(exported.count).toBe(1);
  expect(exported.conversations).toHaveLength(2);
  expect(JSON.stringify(exported.conversations)).toContain(reference);

  const erased = await (await fetch(`${url}/api/admin/firms?email=${encodeURIComponent(email)}`, { method: 'DELETE', headers: auth })).json();
  expect(erased).toMatchObject({ erased: 1, conversations: 2 });
  expect(await blobsContaining(email)).toEqual([]);
  expect(await blobsContaining(reference!)).toEqual([]);
  expect(await blobsContaining('Société Nuage SAS')).toEqual([]);
});

it('sweeps the drafts of conversations that never come back, and says so if they do', async () => {
  await draftContact(channel, 'conv-blob-gone', 'Société Partie SAS', 'partie-blob@example.test');
  expect(await blobsContaining('partie-blob@example.test')).toHaveLength(1);
  const later = Date.now() + 2 * 3_600_000;
  const records = new BlobConversationRecords(containerClient(azurite.connectionString, app.services.config.blobContainer));
  const lines: string[] = [];
  await stateUpkeep(records, { retentionDays: 30, maxConversations: 1000, draftTtlMs: 3_600_000, log: (l) => lines.push(l), now: () => later }).runOnce();
  expect(lines.join('\n')).toMatch(/Cleared the unfinished flow \(and its draft\) of 1 conversation/);
  expect(await blobsContaining('partie-blob@example.test')).toEqual([]);
  expect(await blobsContaining('Société Partie SAS')).toEqual([]);
  expect(texts((await channel.say('aide', {}, 'conv-blob-gone')).replies)).toMatch(/restée sans réponse trop longtemps/);
});
