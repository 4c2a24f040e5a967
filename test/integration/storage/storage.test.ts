import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConversationState, MemoryStorage, TestAdapter, UserState, type Storage, type StoreItems } from 'botbuilder';
import { DialogSet, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { createStorage } from '../../../src/channels/bot/storage';
import { FileStorage, STATE_DIR_NAME, STATE_FILE_NAME, StorageCorruptError, StorageError, StorageWriteError } from '../../../src/infrastructure/state';
import { startAzurite, type AzuriteHandle } from '../../helpers/azurite';

const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'storage-test-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

function freshDir(): string {
  return mkdtempSync(path.join(tmpRoot, 'state-'));
}

interface Backend {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A new, empty store isolated from every other test. */
  make(): Promise<Storage>;
}

let azurite: AzuriteHandle | undefined;
let containerSeq = 0;

/** MemoryStorage is botbuilder's reference behaviour: the durable stores must pass the same table. */
const backends: Backend[] = [
  {
    name: 'memory (reference)',
    setup: async () => undefined,
    teardown: async () => undefined,
    make: () => createStorage({ kind: 'memory', stateDir: '' }),
  },
  {
    name: 'file',
    setup: async () => undefined,
    teardown: async () => undefined,
    make: () => createStorage({ kind: 'file', stateDir: freshDir() }),
  },
  {
    name: 'blob (Azurite)',
    async setup() {
      azurite = await startAzurite();
    },
    async teardown() {
      await azurite?.stop();
      azurite = undefined;
    },
    make: () =>
      createStorage({
        kind: 'blob',
        stateDir: '',
        blobConnectionString: azurite!.connectionString,
        blobContainer: `state-test-${++containerSeq}-${randomBytes(3).toString('hex')}`,
      }),
  },
];

const teamsConversation = 'a:1Hk9fZ0qX_fictive-conversation-id-BfS3pYl5Rk2dWq8nT0cV7mZ4hG6jE1uA9oI3yL0xQ|messageid=1712345678901';

describe.each(backends)('Storage behaviour: $name', (backend) => {
  let storage: Storage;

  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());
  beforeEach(async () => {
    storage = await backend.make();
  });

  it('reads back what was written, with an eTag, for every key of a batch', async () => {
    const value = { name: 'Société Fictive Test SAS', city: 'Évreux — « zone 🏭 »', count: 3, nested: { list: [1, 'deux', null], ok: true } };
    await storage.write({ one: value, two: { n: 2 } });

    const items = await storage.read(['one', 'two']);

    expect(items.one).toEqual({ ...value, eTag: expect.any(String) });
    expect(items.two).toEqual({ n: 2, eTag: expect.any(String) });
    expect(items.one.eTag).not.toBe('');
    expect(value).not.toHaveProperty('eTag');
  });

  it('returns copies: changing what was read or written does not change the store', async () => {
    const value = { list: [1] };
    await storage.write({ k: value });
    value.list.push(2);
    const first = await storage.read(['k']);
    (first.k.list as number[]).push(3);

    const second = await storage.read(['k']);

    expect(second.k.list).toEqual([1]);
  });

  it('leaves missing keys out of the result', async () => {
    await storage.write({ present: { v: 1 } });

    expect(await storage.read(['absent'])).toEqual({});
    expect(await storage.read([])).toEqual({});
    expect(Object.keys(await storage.read(['absent', 'present']))).toEqual(['present']);
  });

  it('accepts a write carrying the current eTag and gives the item a new eTag', async () => {
    await storage.write({ k: { v: 1 } });
    const { k } = await storage.read(['k']);

    await storage.write({ k: { ...k, v: 2 } });
    const after = await storage.read(['k']);

    expect(after.k).toEqual({ v: 2, eTag: expect.any(String) });
    expect(after.k.eTag).not.toBe(k!.eTag);
  });

  it('rejects a write carrying a stale eTag and keeps the newer value', async () => {
    await storage.write({ k: { v: 1 } });
    const { k: turnA } = await storage.read(['k']);
    const { k: turnB } = await storage.read(['k']);

    await storage.write({ k: { ...turnA, v: 'A' } });
    await expect(storage.write({ k: { ...turnB, v: 'B' } })).rejects.toThrow('Storage: error writing "k" due to eTag conflict.');

    expect((await storage.read(['k'])).k).toMatchObject({ v: 'A' });
  });

  it("overwrites whatever is stored when the eTag is '*' or absent", async () => {
    await storage.write({ k: { v: 1 } });
    const { k } = await storage.read(['k']);
    await storage.write({ k: { ...k, v: 2 } });

    await storage.write({ k: { v: 3, eTag: '*' } });
    expect((await storage.read(['k'])).k).toMatchObject({ v: 3 });

    await storage.write({ k: { v: 4 } });
    expect((await storage.read(['k'])).k).toMatchObject({ v: 4 });
  });

  it('deletes items, ignores keys that do not exist, and lets a deleted key be written again', async () => {
    await storage.write({ a: { v: 'a' }, b: { v: 'b' } });

    await storage.delete(['a', 'never-written']);

    expect(await storage.read(['a', 'b'])).toEqual({ b: { v: 'b', eTag: expect.any(String) } });
    await storage.write({ a: { v: 'again' } });
    expect((await storage.read(['a'])).a).toMatchObject({ v: 'again' });
  });

  it('keeps keys with Teams-style characters distinct and exact', async () => {
    const keys = [
      `msteams/conversations/${teamsConversation}`,
      `msteams/users/29:1AbCdEfGhIjKlMnOpQrStUvWxYz-fictive_user-0123456789`,
      `msteams/conversations/19:meeting_Zm9vYmFy@thread.v2`,
      'webchat/conversations/Fictive|id with spaces?&=#%+',
      'emulator/conversations/Évreux/Ça/€',
      `long/${'x:|'.repeat(100)}end`,
    ];
    const changes: StoreItems = {};
    keys.forEach((key, i) => (changes[key] = { index: i }));

    await storage.write(changes);
    const items = await storage.read([...keys, 'msteams/conversations/a:1Hk9fZ0qX_fictive']);

    expect(Object.keys(items).sort()).toEqual([...keys].sort());
    keys.forEach((key, i) => expect(items[key]).toMatchObject({ index: i }));
  });

  it('never lets two different keys share one item (long common prefix, doubled slash)', async () => {
    const prefix = `msteams/conversations/${'a:1|'.repeat(300)}`;
    const keys = [`${prefix}first`, `${prefix}second`, 'chan/conversations/a/b', 'chan/conversations/a//b'];
    const changes: StoreItems = {};
    keys.forEach((key, i) => (changes[key] = { index: i }));

    await storage.write(changes);
    const items = await storage.read(keys);

    keys.forEach((key, i) => expect(items[key]).toMatchObject({ index: i }));
    await storage.delete([keys[0]!]);
    expect(Object.keys(await storage.read(keys)).sort()).toEqual(keys.slice(1).sort());
  });

  it('stores large-ish items intact', async () => {
    const big = {
      transcript: Array.from({ length: 2000 }, (_, i) => ({ turn: i, text: `Réponse fictive n°${i} pour Société Fictive Test SAS` })),
      blob: 'é'.repeat(200_000),
    };

    await storage.write({ big });

    expect((await storage.read(['big'])).big).toEqual({ ...big, eTag: expect.any(String) });
  });

  it('persists every one of many concurrent writes on different keys', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `chan/conversations/concurrent-${i}`);

    await Promise.all(keys.map((key, i) => storage.write({ [key]: { i } })));

    const items = await storage.read(keys);
    keys.forEach((key, i) => expect(items[key]).toMatchObject({ i }));
  });
});

describe('FileStorage on disk', () => {
  const filesIn = (dir: string) => readdirSync(dir).sort();
  const statesDir = () => path.join(freshDir(), STATE_DIR_NAME);

  it('is seen by a new instance on the same directory (restart), eTags included', async () => {
    const dir = statesDir();
    const before = await FileStorage.open(dir);
    await before.write({ k: { v: 1 } });
    const { k: stale } = await before.read(['k']);
    await before.write({ k: { ...stale, v: 2 } });
    const { k: current } = await before.read(['k']);

    const after = await FileStorage.open(dir);

    expect((await after.read(['k'])).k).toEqual(current);
    await expect(after.write({ k: { ...stale, v: 'stale' } })).rejects.toThrow(/eTag conflict/);
    await after.write({ k: { ...current, v: 3 } });
    expect((await (await FileStorage.open(dir)).read(['k'])).k).toMatchObject({ v: 3 });
  });

  it('keeps each conversation in its own private file (0600) in a private directory (0700), with no temporary file left behind', async () => {
    const stateDir = path.join(freshDir(), 'nested', 'state');
    const storage = await createStorage({ kind: 'file', stateDir });

    await storage.write({ 'webchat/conversations/a': { email: 'contact@example.test' }, 'webchat/conversations/b': { n: 1 } });
    await storage.write({ 'webchat/conversations/a': { email: 'autre@example.test' } });

    const dir = path.join(stateDir, STATE_DIR_NAME);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = filesIn(dir);
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(f).toMatch(/^~[0-9a-f]{64}\.json$/);
      expect(statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    }
  });

  it('rewrites only the conversation a save changes, whatever the number stored', async () => {
    const dir = statesDir();
    const storage = await FileStorage.open(dir);
    const changes: StoreItems = {};
    for (let i = 0; i < 200; i++) changes[`chan/conversations/c${i}`] = { i };
    await storage.write(changes);
    const before = new Map(filesIn(dir).map((f) => [f, statSync(path.join(dir, f)).ino]));

    await storage.write({ 'chan/conversations/c7': { i: 'changed' } });

    const changed = filesIn(dir).filter((f) => statSync(path.join(dir, f)).ino !== before.get(f));
    expect(changed).toHaveLength(1);
    expect(readFileSync(path.join(dir, changed[0]!), 'utf8')).toContain('"changed"');
  });

  it('serializes concurrent saves so none is lost, also on disk', async () => {
    const dir = statesDir();
    const storage = await FileStorage.open(dir);
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);

    await Promise.all(keys.map((key) => storage.write({ [key]: { key } })));
    await Promise.all(keys.map((key, i) => storage.write({ k0: { last: i } }).then(() => key)));

    const reopened = await FileStorage.open(dir);
    expect(Object.keys(await reopened.read(keys))).toHaveLength(keys.length);
    expect((await reopened.read(['k0'])).k0).toMatchObject({ last: keys.length - 1 });
  });

  it('saves non-conflicting keys of a batch and still rejects the stale one, like MemoryStorage', async () => {
    const results = await Promise.all(
      [new MemoryStorage(), await FileStorage.open(statesDir())].map(async (storage) => {
        await storage.write({ stale: { v: 1 } });
        const { stale } = await storage.read(['stale']);
        await storage.write({ stale: { v: 2 } });
        const error = await storage.write({ fresh: { v: 'x' }, stale: { ...stale, v: 3 } }).catch((e: Error) => e.message);
        return { error, items: await storage.read(['fresh', 'stale']) };
      }),
    );

    const [memory, file] = results;
    expect(file!.error).toBe(memory!.error);
    expect(file!.items).toEqual({ fresh: { v: 'x', eTag: expect.any(String) }, stale: { v: 2, eTag: expect.any(String) } });
    const withoutETags = (items: StoreItems) => Object.fromEntries(Object.entries(items).map(([k, { eTag: _e, ...v }]) => [k, v]));
    expect(withoutETags(memory!.items)).toEqual(withoutETags(file!.items));
  });

  /**
   * Tests run as root in the project's container, where permissions do not stop a write. The
   * disk "fills up" instead: the real write of the temporary file stops half-way with ENOSPC,
   * as a full disk would.
   */
  it.each([
    ['ENOSPC', 'DISK_FULL', /disk is full/],
    ['EROFS', 'READ_ONLY', /not writable/],
    ['EACCES', 'READ_ONLY', /not writable/],
  ])('reports %s from the file system as %s, keeping the previous file and leaving no temporary file', async (errno, code, message) => {
    const dir = statesDir();
    const storage = await FileStorage.open(dir);
    await storage.write({ k: { v: 'saved' } });
    const [file] = filesIn(dir);
    const bytesBefore = readFileSync(path.join(dir, file!));
    // The module object itself (not an import namespace copy), which the store calls through.
    const fsPromises = jest.requireActual<typeof import('node:fs/promises')>('node:fs/promises');
    const realWriteFile = fsPromises.writeFile;
    const full = jest.spyOn(fsPromises, 'writeFile').mockImplementation(async (target, data, options) => {
      await realWriteFile(target, String(data).slice(0, 10), options);
      throw Object.assign(new Error(`${errno}: fictive failure, write`), { code: errno });
    });
    let error: unknown;
    try {
      error = await storage.write({ k: { v: 'lost' }, other: { v: 1 } }).catch((e: unknown) => e);
    } finally {
      full.mockRestore();
    }
    expect(error).toBeInstanceOf(StorageWriteError);
    expect(error).toMatchObject({ code, file: path.join(dir, file!), message: expect.stringMatching(message) });
    expect(readFileSync(path.join(dir, file!))).toEqual(bytesBefore);
    expect(filesIn(dir)).toEqual([file]);
    expect(await storage.read(['k', 'other'])).toEqual({ k: { v: 'saved', eTag: expect.any(String) } });

    await storage.write({ k: { v: 'later' } });
    expect((await (await FileStorage.open(dir)).read(['k'])).k).toMatchObject({ v: 'later' });
  });

  const asRoot = process.getuid?.() === 0;
  // Permissions only bind non-root users (CI runners); as root the tests above cover the same path.
  (asRoot ? it.skip : it)('reports a read-only directory as READ_ONLY (non-root only)', async () => {
    const dir = statesDir();
    const storage = await FileStorage.open(dir);
    await storage.write({ k: { v: 'saved' } });
    chmodSync(dir, 0o500);
    try {
      await expect(storage.write({ k: { v: 'lost' } })).rejects.toMatchObject({ code: 'READ_ONLY' });
      expect((await storage.read(['k'])).k).toMatchObject({ v: 'saved' });
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it('refuses a damaged conversation file with a message naming it, leaves it untouched, and serves the other conversations', async () => {
    const dir = statesDir();
    const storage = await FileStorage.open(dir);
    await storage.write({ broken: { v: 1 }, fine: { v: 2 } });
    const { broken } = await storage.read(['broken']);
    const brokenFile = filesIn(dir).find((f) => readFileSync(path.join(dir, f), 'utf8').includes('"broken"'))!;
    writeFileSync(path.join(dir, brokenFile), '{"format":"territoires-indus');

    const error = await storage.read(['broken']).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageCorruptError);
    expect((error as Error).message).toContain(brokenFile);
    await expect(storage.write({ broken: { ...broken, v: 3 } })).rejects.toBeInstanceOf(StorageCorruptError);
    expect(readFileSync(path.join(dir, brokenFile), 'utf8')).toBe('{"format":"territoires-indus');
    expect((await storage.read(['fine'])).fine).toMatchObject({ v: 2 });
  });

  it('moves the single state file of earlier versions into one file per conversation, then deletes it', async () => {
    const stateDir = freshDir();
    const legacy = path.join(stateDir, STATE_FILE_NAME);
    const items = {
      'msteams/conversations/a:1|x': { eTag: 'e1', modifiedAt: '2026-01-01T00:00:00.000Z', value: { memory: { lang: 'fr' } } },
      'webchat/users/u1': { eTag: 'e2', modifiedAt: '2026-01-01T00:00:00.000Z', value: { profile: { company: 'Société Fictive' } } },
    };
    writeFileSync(legacy, JSON.stringify({ format: 'territoires-industrie/bot-state', version: 1, items }));

    const storage = await createStorage({ kind: 'file', stateDir });

    expect(await storage.read(Object.keys(items))).toEqual({
      'msteams/conversations/a:1|x': { memory: { lang: 'fr' }, eTag: expect.any(String) },
      'webchat/users/u1': { profile: { company: 'Société Fictive' }, eTag: expect.any(String) },
    });
    expect(readdirSync(stateDir).sort()).toEqual([STATE_DIR_NAME]);
    expect(await (storage as FileStorage).count()).toBe(2);
  });

  it.each([
    ['not JSON', '{"format": "territoires-industrie/bot-state", "items": {'],
    ['empty', ''],
    ['null', 'null'],
    ['another format', '{"users": []}'],
    ['a malformed item', JSON.stringify({ format: 'territoires-industrie/bot-state', version: 1, items: { k: { v: 1 } } })],
  ])('refuses to start on an earlier state file that is %s, and leaves it untouched', async (_label, content) => {
    const stateDir = freshDir();
    const file = path.join(stateDir, STATE_FILE_NAME);
    writeFileSync(file, content);

    const error = await createStorage({ kind: 'file', stateDir }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageCorruptError);
    expect(error).toMatchObject({ code: 'CORRUPT' });
    expect((error as Error).message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('purges items not written since a date, on disk too', async () => {
    const dir = statesDir();
    let now = new Date('2025-01-10T00:00:00Z');
    const storage = await FileStorage.open(dir, { now: () => now });
    await storage.write({ old: { v: 1 }, touched: { v: 1 } });
    now = new Date('2025-03-01T00:00:00Z');
    await storage.write({ touched: { v: 2 }, recent: { v: 1 } });

    expect(await storage.purgeOlderThan(new Date('2025-02-01T00:00:00Z'))).toBe(1);

    expect(Object.keys(await storage.read(['old', 'touched', 'recent'])).sort()).toEqual(['recent', 'touched']);
    expect(await (await FileStorage.open(dir)).count()).toBe(2);
    expect(await storage.purgeOlderThan(new Date('2025-02-01T00:00:00Z'))).toBe(0);
  });

  it('treats "__proto__" as an ordinary key', async () => {
    const dir = statesDir();
    const storage = await FileStorage.open(dir);
    await storage.write(JSON.parse('{"__proto__": {"v": 1}}') as StoreItems);

    const reopened = await FileStorage.open(dir);

    const items = await reopened.read(['__proto__']);

    expect(Object.getPrototypeOf(items)).toBe(Object.prototype);
    expect(Object.keys(items)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(items, '__proto__')?.value).toMatchObject({ v: 1 });
    expect(await reopened.count()).toBe(1);
  });
});

describe('createStorage', () => {
  it('rejects unusable blob options before any network call, without echoing the connection string', async () => {
    await expect(createStorage({ kind: 'blob', stateDir: '', blobContainer: 'bot-state' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(
      createStorage({ kind: 'blob', stateDir: '', blobConnectionString: 'UseDevelopmentStorage=true', blobContainer: 'Bot_State' }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    const secret = 'AccountKey=c2VjcmV0LWZpY3RpdmUta2V5';
    const error = await createStorage({ kind: 'blob', stateDir: '', blobConnectionString: `nonsense;${secret}`, blobContainer: 'bot-state' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect(String((error as Error).message)).not.toContain('c2VjcmV0');
  });

  it('fails at start-up with UNAVAILABLE when the blob endpoint does not answer', async () => {
    const closedPort = 9; // discard port: nothing listens on loopback
    const connectionString =
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;' +
      'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
      `BlobEndpoint=http://127.0.0.1:${closedPort}/devstoreaccount1;`;

    const error = await createStorage({ kind: 'blob', stateDir: '', blobConnectionString: connectionString, blobContainer: 'bot-state' }).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ name: 'StorageError', code: 'UNAVAILABLE' });
    expect((error as Error).message).not.toContain('Eby8vdM02');
  });
});

describe('Bot Framework state over FileStorage', () => {
  /** A two-step dialog: the answer to the question only makes sense if the first step's state survived. */
  function buildBot(storage: Storage) {
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const dialogState = conversationState.createProperty<DialogState>('dialogState');
    const profile = userState.createProperty<{ company?: string }>('profile');
    const dialogs = new DialogSet(dialogState).add(new TextPrompt('text')).add(
      new WaterfallDialog('ask', [
        async (step) => {
          await profile.set(step.context, { company: 'Société Fictive Test SAS' });
          return step.prompt('text', 'Quel est votre code postal ?');
        },
        async (step) => {
          const company = (await profile.get(step.context, {})).company;
          await step.context.sendActivity(`Merci, ${company} : code postal ${String(step.result)}.`);
          return step.endDialog();
        },
      ]),
    );
    return async (context: import('botbuilder').TurnContext) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === 'empty') await dc.beginDialog('ask');
      await conversationState.saveChanges(context);
      await userState.saveChanges(context);
    };
  }

  it('resumes a dialog mid-way after a restart on the same file', async () => {
    const file = path.join(freshDir(), STATE_DIR_NAME);

    const firstProcess = new TestAdapter(buildBot(await FileStorage.open(file)));
    await firstProcess.send('bonjour').assertReply('Quel est votre code postal ?').startTest();

    const secondProcess = new TestAdapter(buildBot(await FileStorage.open(file)));
    await secondProcess.send('27000').assertReply('Merci, Société Fictive Test SAS : code postal 27000.').startTest();

    // Control: the same second turn on empty state starts over, so the reply above came from the file.
    const emptyProcess = new TestAdapter(buildBot(await FileStorage.open(path.join(freshDir(), STATE_DIR_NAME))));
    await emptyProcess.send('27000').assertReply('Quel est votre code postal ?').startTest();
  });
});
