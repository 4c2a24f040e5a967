import { readdirSync, readFileSync } from 'node:fs';
import type { App } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { NumbersUnread, type NumberReader, type NumberReaderState, type NumberSpan } from '../../../src/domain/profile';
import { WorkerNumberReader } from '../../../src/infrastructure/parser';
import { FakeChannel, startApp, type CapturedActivity } from '../../helpers/channel';
import { stubWorker } from '../../helpers/parser';

/**
 * The server listens once its knowledge base is loaded; the parser's number model warms in a
 * worker meanwhile. Nothing waits for it but a message writing numbers in words, and that wait
 * is bounded and ends in an honest answer.
 */

/** Each thread of this process and its nice value, from /proc (Linux). */
function threadNiceValues(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // proc(5): after the command name in parentheses, the 19th field is the nice value.
      out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return out;
}

const text = (replies: CapturedActivity[]) => replies.map((r) => r.text ?? '').join('\n');
const health = async (url: string) => {
  const res = await fetch(`${url}/health`);
  return { status: res.status, body: (await res.json()) as { parts: { knowledgeBase: string; parser: NumberReaderState; bot: string } } };
};

describe('the bot part, loaded once the server listens', () => {
  it('is named by /health, and a message sent at once waits for it and is answered', async () => {
    const { app, url } = await startApp({}, {}, { waitForParts: false });
    try {
      const first = await health(url);
      expect(first.status).toBe(200);
      expect(first.body.parts.knowledgeBase).toBe('ready');
      expect(['starting', 'ready']).toContain(first.body.parts.bot);
      const channel = new FakeChannel(url);
      await channel.start();
      try {
        const turn = await channel.say('Oyonnax', {}, 'first');
        expect(turn.status).toBe(200);
        expect(text(turn.replies)).toMatch(/Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/);
        expect((await health(url)).body.parts.bot).toBe('ready');
      } finally {
        await channel.stop();
      }
    } finally {
      await app.close();
    }
  });
});

describe('with the parser worker', () => {
  let app: App;
  let url: string;
  beforeAll(async () => {
    ({ app, url } = await startApp({ PARSER_TIMEOUT_MS: '60000' }, { numberReader: undefined }));
  });
  afterAll(() => app?.close());

  // The model's build takes seconds on a quiet machine, minutes on a loaded one: its own bound.
  it('answers /health with 200 as soon as it listens, naming each part, and the parser becomes ready', async () => {
    const first = await health(url);
    expect(first.status).toBe(200);
    expect(first.body.parts.knowledgeBase).toBe('ready');
    expect(['warming', 'ready']).toContain(first.body.parts.parser);
    const until = Date.now() + 290_000;
    while ((await health(url)).body.parts.parser !== 'ready' && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect((await health(url)).body.parts.parser).toBe('ready');
  }, 300_000);

  // setpriority(2) lowers one thread on Linux only; on macOS and Windows it would lower the whole
  // process, so the server does not lower the worker there (see src/infrastructure/parser/worker.ts).
  (process.platform === 'linux' ? it : it.skip)(
    "runs the parser worker's thread at PARSER_NICE (default 10) below the server's threads, the server's own unchanged (Linux)",
    async () => {
      const until = Date.now() + 290_000;
      while ((await health(url)).body.parts.parser !== 'ready' && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      const threads = threadNiceValues();
      const server = threads.get(process.pid)!;
      const lowered = [...threads].filter(([, nice]) => nice !== server);
      // One thread, the worker's: the threads it starts, if any, would inherit its nice value.
      expect(lowered).toEqual([[expect.any(Number), Math.min(19, server + loadConfig({}).parserNice)]]);
      expect(loadConfig({}).parserNice).toBe(10);
    },
    300_000,
  );

  it('answers /health and lookups while 16 of the longest messages the channel accepts are being parsed', async () => {
    const channel = new FakeChannel(url);
    await channel.start();
    try {
      // As long as the body limit allows once wrapped in its activity, numbers written in words.
      const LONG = 16;
      const unit = "Quelles aides pour nous ? cent vingt salariés, douze millions d'euros de CA, créée il y a trente ans. ";
      const long = unit.repeat(Math.floor((loadConfig({}).maxBodyBytes - 2_000) / Buffer.byteLength(unit)));
      // 16 (the issue's bench sends 8): the model reads one in about 45 ms of CPU since its lean
      // fraction patterns (180 ms before): 8 were all read before the third lookup was answered.
      const turns = Array.from({ length: LONG }, (_, i) => channel.say(long, {}, `long-${i}`));
      let done = false;
      const settled = Promise.all(turns).finally(() => (done = true));
      const lookups: Array<{ text: string; inFlight: boolean }> = [];
      // Probing on until the last long message is read kept a core busy with lookups for as long
      // as the reading lasted (seconds of CPU on a loaded machine): five answered meanwhile say it.
      while (!done && lookups.length < 5) {
        const [h, lookup] = await Promise.all([health(url), channel.say('Oyonnax', {}, `lookup-${lookups.length}`)]);
        lookups.push({ text: text(lookup.replies), inFlight: !done });
        expect(h.status).toBe(200);
        await new Promise((r) => setTimeout(r, 20));
      }
      const results = await settled;
      for (const r of results) expect(r.status).toBe(200);
      // Answered one after another while the long messages were still being read, not after them.
      expect(lookups.filter((l) => l.inFlight).length).toBeGreaterThanOrEqual(3);
      for (const l of lookups) expect(l.text).toMatch(/Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/);
      // How fast they are answered meanwhile is measured by `npm run bench -- parser`, not asserted
      // here: at load average 16 a /health probe took 1.2 s, and the test failed on that alone.
      // Each long message was cut, said so, and its numbers in words were read by the worker.
      const all = text(channel.replies);
      expect(all.match(/Votre message est très long : j'en lis les 4\s000 premiers caractères\./g)).toHaveLength(LONG);
      expect(all).not.toMatch(/nombres écrits en lettres/);
      for (let i = 0; i < LONG; i++)
        expect(channel.replies.filter((r) => (r.conversation as { id: string }).id === `long-${i}`).length).toBeGreaterThanOrEqual(2);
    } finally {
      await channel.stop();
    }
  });
});

/** A number model that never gets ready in time: every read gives up after a short wait. */
class NeverReady implements NumberReader {
  readonly state: NumberReaderState = 'warming';
  reads = 0;
  read(): Promise<NumberSpan[]> {
    this.reads++;
    return new Promise((_, reject) => setTimeout(() => reject(new NumbersUnread('warming')), 200));
  }
}

describe('before the number model is ready', () => {
  const numbers = new NeverReady();
  let app: App;
  let channel: FakeChannel;
  beforeAll(async () => {
    const started = await startApp({}, { numberReader: numbers });
    app = started.app;
    channel = new FakeChannel(started.url);
    await channel.start();
  });
  afterAll(async () => {
    await channel?.stop();
    await app?.close();
  });

  it('answers lookups, help, lists, contact requests and messages in figures at once, without asking the model', async () => {
    expect(text((await channel.say('Oyonnax', {}, 'ready-1')).replies)).toMatch(
      /Oyonnax \(01\) est dans le Territoire d'industrie « Plastics Vallée – Oyonnax »/,
    );
    expect(text((await channel.say('aide', {}, 'ready-2')).replies).length).toBeGreaterThan(20);
    const figures = text(
      (await channel.say('PME de plasturgie de 85 salariés à Oyonnax, 12 M€ de CA, nous voulons recruter un jeune diplômé', {}, 'ready-3')).replies,
    );
    expect(figures).toMatch(/dispositifs? vous (sont ouverts|est ouvert)/);
    expect(figures).not.toMatch(/nombres écrits en lettres/);
    expect(text((await channel.say("Quels sont les territoires d'industrie dans l'Ain ?", {}, 'ready-5')).replies)).toMatch(
      /^Ain : \d+ Territoires d'industrie .*Plastics Vallée – Oyonnax/,
    );
    await channel.say('Oyonnax', {}, 'ready-6');
    expect(text((await channel.say('je voudrais contacter mon référent', {}, 'ready-6')).replies)).toMatch(/Quel opérateur/);
    expect(numbers.reads).toBe(0);
  });

  it('judges the language of a very long message on the part it reads, like everything else', async () => {
    const long = `Bonjour, notre usine est à Oyonnax. ${'ok '.repeat(1_400)}${'hello, which territory is our plant in? '.repeat(3_000)}`;
    const reply = text((await channel.say(long, {}, 'ready-long')).replies);
    expect(reply).toMatch(/^Votre message est très long : j'en lis les 4\s000 premiers caractères\./);
    expect(reply).toMatch(/Oyonnax \(01\) est dans le Territoire d'industrie/);
  });

  it('says honestly that it could not read numbers written in words, reads no figure, and asks for them in figures', async () => {
    const conversation = 'ready-4';
    const first = text((await channel.say('nous voulons innover, usine à Oyonnax, cent vingt salariés', {}, conversation)).replies);
    expect(first).toMatch(/Oyonnax \(01\) est dans le Territoire d'industrie/);
    expect(first).toMatch(/Je n'ai pas pu lire à temps les nombres écrits en lettres dans votre message \(effectif, chiffre d'affaires…\)/);
    // The headcount was not guessed: it is the question.
    const question = /Combien de salariés compte votre entreprise/;
    expect(first).toMatch(question);
    expect(numbers.reads).toBe(1);
    // Answered in words again: "one moment", and the same question again, without the advice.
    const again = text((await channel.say('cent vingt', {}, conversation)).replies);
    expect(again).toMatch(/^Un instant : je n'ai pas pu lire à temps ce nombre écrit en lettres\. Pouvez-vous l'écrire en chiffres/);
    expect(again).toMatch(question);
    expect(again).not.toMatch(/Pour votre établissement/);
    // In figures: read at once, and the conversation moves on.
    const answered = text((await channel.say('120', {}, conversation)).replies);
    expect(answered).toMatch(/Pour votre établissement/);
    expect(answered).not.toMatch(question);
    expect(numbers.reads).toBe(2);
  });
});

describe.each([
  ['dies', 'dies'],
  ['hangs', 'stuck'],
] as const)('when the parser worker %s on a message', (_name, failure) => {
  let started = 0;
  let app: App;
  let url: string;
  let channel: FakeChannel;
  beforeAll(async () => {
    // Stand-in workers (no model): the first fails as named, the next ones read "cent vingt" as 120.
    const numberReader = new WorkerNumberReader({ timeoutMs: 2_000, startWorker: () => stubWorker(started++ === 0 ? failure : 'answers') });
    ({ app, url } = await startApp({}, { numberReader }));
    channel = new FakeChannel(url);
    await channel.start();
  });
  afterAll(async () => {
    await channel?.stop();
    await app?.close();
  });

  /** The parser's state on /health once `workers` were started and it is ready (or a minute passed). */
  const readyAfter = async (workers: number) => {
    const until = Date.now() + 60_000;
    while (!(started === workers && (await health(url)).body.parts.parser === 'ready') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return { workers: started, parser: (await health(url)).body.parts.parser };
  };

  it('answers the user politely, replaces the worker, and reads numbers in words again', async () => {
    expect(await readyAfter(1)).toEqual({ workers: 1, parser: 'ready' });
    const conversation = `worker-${failure}`;
    const first = text((await channel.say('nous voulons innover, usine à Oyonnax, cent vingt salariés', {}, conversation)).replies);
    expect(first).toMatch(/Oyonnax \(01\) est dans le Territoire d'industrie/);
    expect(first).toMatch(/Je n'ai pas pu lire à temps les nombres écrits en lettres dans votre message/);
    expect(first).toMatch(/Combien de salariés compte votre entreprise/);
    expect(first).not.toMatch(/erreur|error|worker|exit/i);
    expect(await readyAfter(2)).toEqual({ workers: 2, parser: 'ready' });
    const answered = text((await channel.say('cent vingt salariés', {}, conversation)).replies);
    expect(answered).toMatch(/Pour votre établissement/);
    expect(answered).not.toMatch(/Combien de salariés/);
  });
});
