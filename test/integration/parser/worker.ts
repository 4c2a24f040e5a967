import { NumbersUnread, prepareProfileText } from '../../../src/domain/profile';
import { MODEL_CHUNK_CHARS, WorkerNumberReader } from '../../../src/infrastructure/parser';
import { loadConfig } from '../../../src/config';
import { stubWorker, testReader as reader, testReaderOptions as options, testWorkersStarted, warmTestParser, WARM_UP_MS } from '../../helpers/parser';

/**
 * The number model in its worker thread: its answers, bounded waits. Building the French model
 * takes seconds on a quiet machine and minutes on a loaded one: the waits for it have their own
 * bounds. One real worker (../../helpers/parser's, which every parser test reads through) serves
 * every test that needs the model (each costs seconds of CPU); the tests of the reader's bounds
 * and of a worker's failures use stand-ins.
 */
const TEXTS: Array<[string, 'fr' | 'en', Array<[number, number, string, number]>]> = [
  [
    "cent vingt salariés, CA de douze millions d'euros, créée il y a trente ans",
    'fr',
    [
      [0, 10, 'cent vingt', 120],
      [27, 41, 'douze millions', 12_000_000],
      [64, 70, 'trente', 30],
    ],
  ],
  [
    'quatre-vingts personnes et 12 M€ de CA',
    'fr',
    [
      [0, 13, 'quatre-vingts', 80],
      [27, 31, '12 M', 12_000_000],
    ],
  ],
  [
    'one hundred and twenty staff, turnover of twelve million euros',
    'en',
    [
      [0, 22, 'one hundred and twenty', 120],
      [42, 56, 'twelve million', 12_000_000],
    ],
  ],
];

const waitFor = async (check: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
};

describe('WorkerNumberReader', () => {
  beforeAll(warmTestParser, WARM_UP_MS);

  it('reads the numbers of each text, once warm, with their offsets, and counts what it read', async () => {
    const before = reader.charsRead;
    for (const [text, lang, spans] of TEXTS) {
      const prepared = prepareProfileText(text, lang);
      expect(await reader.read(prepared.text, lang)).toEqual(spans.map(([start, end, said, value]) => ({ start, end, text: said, value })));
    }
    expect(reader.state).toBe('ready');
    expect(reader.charsRead - before).toBe(TEXTS.reduce((n, [text, lang]) => n + prepareProfileText(text, lang).text.length, 0));
  });

  it('hands the model a long message in pieces of bounded size, each character once', async () => {
    const maxBody = loadConfig({}).maxBodyBytes;
    const before = reader.charsRead;
    const prepared = prepareProfileText('cent vingt salariés et douze millions de CA. '.repeat(Math.ceil(maxBody / 45)), 'fr');
    const spans = await reader.read(prepared.text, 'fr');
    expect(reader.charsRead - before).toBe(prepared.text.length);
    expect(spans.length).toBeGreaterThan(2 * Math.floor(prepared.text.length / MODEL_CHUNK_CHARS));
  });

  // Last of this block: it changes the time limit.
  it('leaves the rest of a message unread once nobody waits for it, so the worker is free for the next', async () => {
    // A time limit so short that the message is given up at once; a long one.
    const usual = options.timeoutMs;
    options.timeoutMs = 1;
    const { text } = prepareProfileText('cent vingt salariés et douze millions de CA. '.repeat(100), 'fr');
    const before = reader.charsRead;
    await expect(reader.read(text, 'fr')).rejects.toEqual(new NumbersUnread('timeout'));
    options.timeoutMs = usual;
    // Sent to the same worker once it has answered for the first: it read part of it at most.
    expect(await reader.read('cent vingt', 'fr')).toEqual([{ start: 0, end: 10, text: 'cent vingt', value: 120 }]);
    expect(testWorkersStarted.count).toBe(1);
    expect(reader.charsRead - before - 'cent vingt'.length).toBeLessThan(text.length);
  });
});

describe('WorkerNumberReader bounds', () => {
  it('answers "warming" when the wait passes before the model is built, and "busy" past its queue', async () => {
    const reader = new WorkerNumberReader({ timeoutMs: 1, maxQueue: 2, startWorker: () => stubWorker('warming') });
    try {
      const waits = [reader.read('cent vingt', 'fr'), reader.read('deux cents', 'fr'), reader.read('trois cents', 'fr')];
      const results = await Promise.allSettled(waits);
      expect(results.map((r) => (r.status === 'rejected' ? (r.reason as NumbersUnread).reason : 'read'))).toEqual(['warming', 'warming', 'busy']);
      expect(reader.state).toBe('warming');
    } finally {
      await reader.close();
    }
  });

  it('starts its workers only when told to, with startLater (a server does once it listens); a message read before waits for them', async () => {
    let started = 0;
    const reader = new WorkerNumberReader({
      timeoutMs: 60_000,
      startLater: true,
      startWorker: () => {
        started++;
        return stubWorker('answers');
      },
    });
    try {
      const early = reader.read('cent vingt salariés', 'fr');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(started).toBe(0);
      expect(reader.state).toBe('warming');
      reader.start();
      reader.start();
      await expect(early).resolves.toEqual([{ start: 0, end: 10, text: 'cent vingt', value: 120 }]);
      expect(testWorkersStarted.count).toBe(1);
    } finally {
      await reader.close();
    }
  });

  it('started lazily, starts no worker before the first message, then reads it', async () => {
    let started = 0;
    const reader = new WorkerNumberReader({ timeoutMs: 30_000, lazy: true, startWorker: () => (started++, stubWorker('answers')) });
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect({ started, state: reader.state }).toEqual({ started: 0, state: 'idle' });
      expect(await reader.read('cent vingt', 'fr')).toEqual([{ start: 0, end: 10, text: 'cent vingt', value: 120 }]);
      expect({ started, state: reader.state }).toEqual({ started: 1, state: 'ready' });
    } finally {
      await reader.close();
    }
  });

  it('says "unavailable" once closed, and never leaves a caller waiting', async () => {
    const reader = new WorkerNumberReader({ timeoutMs: 60_000, startWorker: () => stubWorker('warming') });
    const pending = expect(reader.read('cent vingt', 'fr')).rejects.toEqual(new NumbersUnread('unavailable'));
    await reader.close();
    await pending;
    await expect(reader.read('cent vingt', 'fr')).rejects.toEqual(new NumbersUnread('unavailable'));
  });

  it('answers "timeout" when a worker is stuck on one message, then replaces that worker and reads again', async () => {
    // The first worker says it is ready, then never answers; the next ones answer at once (no model).
    let started = 0;
    const reader = new WorkerNumberReader({ timeoutMs: 1_000, startWorker: () => stubWorker(started++ === 0 ? 'stuck' : 'answers') });
    try {
      await waitFor(() => reader.state === 'ready', 10_000);
      await expect(reader.read('cent vingt', 'fr')).rejects.toEqual(new NumbersUnread('timeout'));
      // Replaced a few time limits later: a slow message is not a reason to throw the models away.
      await waitFor(() => started === 2 && reader.state === 'ready', 60_000);
      expect(started).toBe(2);
      expect(await reader.read('cent vingt', 'fr')).toEqual([{ start: 0, end: 10, text: 'cent vingt', value: 120 }]);
    } finally {
      await reader.close();
    }
  });

  it('replaces a worker that dies, and reads again', async () => {
    // The first worker says it is ready, then dies on its first message; the next ones answer.
    let started = 0;
    const reader = new WorkerNumberReader({ timeoutMs: 30_000, startWorker: () => stubWorker(started++ === 0 ? 'dies' : 'answers') });
    try {
      await waitFor(() => reader.state === 'ready', 10_000);
      await expect(reader.read('cent vingt', 'fr')).rejects.toEqual(new NumbersUnread('unavailable'));
      expect(reader.state).toBe('restarting');
      expect((await reader.read('cent vingt', 'fr'))[0]).toMatchObject({ value: 120 });
      expect(reader.state).toBe('ready');
      expect(started).toBe(2);
    } finally {
      await reader.close();
    }
  });
});
