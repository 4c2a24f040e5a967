/**
 * The parser's figures (issue: ready in about a second, lean memory, no turn waits behind another's
 * parsing), each a ratio against a baseline measured in the same run:
 * - start-up of the built server (`node dist/src/index.js`) to GET /health 200, against a floor
 *   process that parses the same data files and listens (bench/floor.mjs); RSS at that moment and
 *   once the parser's number model is ready;
 * - an eligibility turn (place, size, need) against an echo turn, in alternating bursts, with the
 *   figures in digits (the pre-parser) and in words (the number model in its worker);
 * - eligibility throughput against lookup throughput, at BENCH_CONNECTIONS connections;
 * - lookup p99 while eligibility turns in words run alongside, against lookup p99 alone;
 * - GET /health while 8 of the longest messages the channel accepts are parsed, against alone.
 * `npm run bench -- parser` runs this part alone (the build first) and keeps the rest of last-run.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { FakeConnector, messageActivity, runLoad } from './load';
import { percentile } from './resolution';
import { variedEligibility, variedPlaces } from './texts';
import { build } from '../src/build';
import { loadConfig } from '../src/config';
import { startArgs } from '../src/start-command';

const ROOT = path.resolve(__dirname, '..');

export const ELIGIBILITY_FIGURES = 'Bonjour, PME de 85 salariés à Oyonnax, 12 M€ de CA, nous voulons recruter un jeune diplômé';
export const ELIGIBILITY_WORDS = "Bonjour, PME de quatre-vingt-cinq salariés à Oyonnax, douze millions d'euros de CA, nous voulons recruter un jeune diplômé";

/** Resident set size of a process, from /proc (Linux); NaN elsewhere. */
function rssBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Starts a process and resolves with its base URL, read from its first line matching `url`. */
function launch(args: string[], env: Record<string, string>, url: (line: string) => string | null): Promise<{ proc: ChildProcess; base: string }> {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.on('line', (line) => {
      const base = url(line);
      if (base) resolve({ proc, base });
    });
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before listening`)));
  });
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  await exited;
}

interface Boot {
  toHealthMs: number;
  rssAtHealth: number;
  /** The built server only: until /health says every part is ready (the parser's model last). */
  toParserReadyMs?: number;
  rssParserReady?: number;
}

/**
 * The environment deploy/azure/start.sh adds to `npm start`'s command (glibc's malloc settings,
 * which node cannot set once running): what App Service and the container run.
 */
function deployEnv(): Record<string, string> {
  const script = readFileSync(path.join(ROOT, 'deploy/azure/start.sh'), 'utf8');
  return Object.fromEntries([...script.matchAll(/^export (MALLOC_\w+)="\$\{\1:-([^}]*)\}"$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** From spawn to the first 200 of GET /health, polled every 5 ms. */
async function boot(kind: 'floor' | 'app' | 'app-lazy' | 'app-deploy'): Promise<Boot> {
  const started = performance.now();
  const { proc, base } =
    kind === 'floor'
      ? await launch(['bench/floor.mjs'], { PORT: '0' }, (line) => {
          const port = (JSON.parse(line) as { port?: number }).port;
          return port ? `http://127.0.0.1:${port}` : null;
        })
      : await launch(
          // What `npm start` runs, V8 settings included.
          startArgs(ROOT),
          {
            PORT: '0',
            STATE_DIR: mkdtempSync(path.join(os.tmpdir(), 'ti-boot-')),
            NODE_ENV: 'development',
            PARSER_WORKER: kind === 'app-lazy' ? 'lazy' : 'eager',
            ...(kind === 'app-deploy' ? deployEnv() : {}),
          },
          (line) => /on (http:\/\/\S+) /.exec(line)?.[1] ?? null,
        );
  try {
    // The URL is printed once listening; a probe from outside is what a load balancer sees.
    let health: { parts?: Record<string, string> } = {};
    for (;;) {
      const res = await fetch(`${base}/health`).catch(() => null);
      if (res?.status === 200) {
        health = (await res.json()) as typeof health;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const out: Boot = { toHealthMs: performance.now() - started, rssAtHealth: rssBytes(proc.pid!) };
    if (kind !== 'floor') {
      // Ready to answer every kind of message: every part /health names is ready (the parser's
      // model built, the bot part loaded, the resolver's indexes built); with PARSER_WORKER=lazy
      // the parser stays idle until a message writes numbers in words.
      const done = (state: string) => state === 'ready' || (kind === 'app-lazy' && state === 'idle');
      while (!Object.values(health.parts ?? {}).every(done)) {
        await new Promise((r) => setTimeout(r, 20));
        health = (await (await fetch(`${base}/health`)).json()) as typeof health;
      }
      out.toParserReadyMs = performance.now() - started;
      out.rssParserReady = rssBytes(proc.pid!);
    }
    return out;
  } finally {
    await stop(proc);
  }
}

export async function benchStartup(samples = 3) {
  // What `npm run build` runs: the compact geography file, the bundles and the code cache.
  build(ROOT);
  const floor: Boot[] = [];
  const app: Boot[] = [];
  const lazy: Boot[] = [];
  const deploy: Boot[] = [];
  // Alternated, so that the machine's load hits all alike.
  for (let i = 0; i < samples; i++) {
    floor.push(await boot('floor'));
    app.push(await boot('app'));
    lazy.push(await boot('app-lazy'));
    deploy.push(await boot('app-deploy'));
  }
  const med = (xs: Array<number | undefined>) =>
    percentile(
      xs.filter((x): x is number => typeof x === 'number'),
      50,
    );
  return {
    samples,
    floor: { toHealthMs: med(floor.map((b) => b.toHealthMs)), rss: med(floor.map((b) => b.rssAtHealth)) },
    app: {
      toHealthMs: med(app.map((b) => b.toHealthMs)),
      rss: med(app.map((b) => b.rssAtHealth)),
      toParserReadyMs: med(app.map((b) => b.toParserReadyMs)),
      rssParserReady: med(app.map((b) => b.rssParserReady)),
    },
    /** PARSER_WORKER=lazy: every part ready but the parser, idle (its model not built). */
    lazy: { toReadyMs: med(lazy.map((b) => b.toParserReadyMs)), rss: med(lazy.map((b) => b.rssParserReady)) },
    /** Started as deploy/azure/start.sh does: `npm start`'s command with its malloc settings. */
    deploy: { env: deployEnv(), toReadyMs: med(deploy.map((b) => b.toParserReadyMs)), rss: med(deploy.map((b) => b.rssParserReady)) },
  };
}

/**
 * Starts one bot of the turn bench (bench/botServer.ts: `echo`, `replay` or `lookup`, the app) in a
 * child node with the V8 settings production starts with (package.json "start", read by
 * startArgs: young generation size, heap growth, regexp tiering), so that the figures are those of
 * the server as it runs, and the baselines run under the same settings. Resolves with its URL.
 */
export function startBotServer(mode: 'echo' | 'replay' | 'lookup'): Promise<{ value: { url: string }; proc: ChildProcess }> {
  const v8 = startArgs(ROOT).slice(0, -1);
  const proc = spawn(process.execPath, [...v8, '--import', 'tsx', path.join(ROOT, 'bench/botServer.ts'), mode], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', (line) => resolve({ value: JSON.parse(line) as { url: string }, proc }));
    proc.once('exit', (code) => reject(new Error(`bench/botServer.ts ${mode} exited with ${code} before answering`)));
  });
}

/** Numbers in words, as long as the body limit allows once wrapped in its activity. */
const LONG_UNIT = "Quelles aides pour nous ? cent vingt salariés, douze millions d'euros de CA, créée il y a trente ans. ";
const LONG_WORDS = LONG_UNIT.repeat(Math.floor((loadConfig({}).maxBodyBytes - 2_000) / Buffer.byteLength(LONG_UNIT)));

/** GET /health one after another, 10 ms apart, until `stop` says so: each answer's time. */
async function probeHealth(base: string, stop: () => boolean): Promise<number[]> {
  const out: number[] = [];
  do {
    const started = performance.now();
    const res = await fetch(`${base}/health`);
    await res.arrayBuffer();
    if (res.status === 200) out.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 10));
  } while (!stop());
  return out;
}

const summary = (values: number[]) => ({ p50Ms: percentile(values, 50), p99Ms: percentile(values, 99), n: values.length });

export async function benchParserTurns(seconds: number, connections: number) {
  const connector = new FakeConnector();
  await connector.start();
  const echo = await startBotServer('echo');
  // The assistant's own replies sent back without any logic (see replayHandler).
  const replay = await startBotServer('replay');
  // The real app, its parser worker ready (botServer waits for it before printing its URL).
  const app = await startBotServer('lookup');
  const echoUrl = `${echo.value.url}/api/messages`;
  const appUrl = `${app.value.url}/api/messages`;
  // An eligibility message opens a new conversation each time: a second one would answer a question.
  // The same message finds the answers and cards kept from its first turn; the varied one names
  // another town and headcount each time (1,000 towns: no resolver answer is found again).
  const places = variedPlaces(1000);
  const varied = variedEligibility(places);
  const scenarios = {
    echo: [echoUrl, 'Oyonnax', 100],
    replayEligibility: [`${replay.value.url}/api/messages`, ELIGIBILITY_FIGURES, Number.MAX_SAFE_INTEGER],
    lookup: [appUrl, 'Oyonnax', 100],
    // A different town each turn: the throughput target compares like with like (nothing kept).
    lookupVaried: [appUrl, (n: number) => places[n % places.length]!, 100],
    eligibilityFigures: [appUrl, ELIGIBILITY_FIGURES, Number.MAX_SAFE_INTEGER],
    eligibilityVaried: [appUrl, varied, Number.MAX_SAFE_INTEGER],
    eligibilityWords: [appUrl, ELIGIBILITY_WORDS, Number.MAX_SAFE_INTEGER],
  } as const;
  type Name = keyof typeof scenarios;
  let turns = 0;
  const textOf = (text: string | ((n: number) => string)) => (typeof text === 'string' ? text : text(turns++));
  const body = (name: Name, prefix: string) => (n: number) =>
    messageActivity(connector.url, textOf(scenarios[name][1]), n, scenarios[name][2], `${name}-${prefix}`);
  const failed: Record<string, number> = {};
  const load = async (name: Name, prefix: string, conns: number, ms: number, minRequests = 0) => {
    const r = await runLoad({ url: scenarios[name][0], connections: conns, durationMs: ms, body: body(name, prefix), minRequests });
    failed[name] = (failed[name] ?? 0) + r.requests - r.ok;
    return r;
  };
  try {
    // The first message in words once the parser says ready: what the warm-up left to pay.
    const firstWords = (await load('eligibilityWords', 'first', 1, 0, 1)).latenciesMs[0]!;
    for (const name of Object.keys(scenarios) as Name[]) await load(name, 'warm', 2, 1500);

    // 1. Turn latency at one connection, in alternating 150 ms bursts of at least 3 turns (the
    // first turn of a burst opens its connection and is not counted; on a loaded machine an
    // eligibility turn alone can outlast the burst).
    const samples: Record<Name, number[]> = {
      echo: [],
      replayEligibility: [],
      lookup: [],
      lookupVaried: [],
      eligibilityFigures: [],
      eligibilityVaried: [],
      eligibilityWords: [],
    };
    const deadline = performance.now() + seconds * 3000;
    for (let round = 0; performance.now() < deadline; round++) {
      for (const name of Object.keys(scenarios) as Name[]) samples[name].push(...(await load(name, `i${round}`, 1, 150, 3)).latenciesMs.slice(1));
    }

    // 2. Throughput at `connections`: lookup, then eligibility (figures, words), on the same bot.
    const throughput: Partial<Record<Name, number>> = {};
    for (const name of ['lookup', 'lookupVaried', 'eligibilityFigures', 'eligibilityVaried', 'eligibilityWords'] as const) {
      const r = await load(name, 'thr', connections, seconds * 1000);
      throughput[name] = r.ok / r.seconds;
    }

    // 3. Lookups at one connection, alone, then with eligibility turns in words alongside.
    const alone = await load('lookup', 'alone', 1, seconds * 1000);
    const [loaded, background] = await Promise.all([load('lookup', 'loaded', 1, seconds * 1000), load('eligibilityWords', 'bg', 2, seconds * 1000)]);

    // 4. GET /health alone, then while 8 of the longest messages the channel accepts are parsed.
    const aloneUntil = performance.now() + 2000;
    const healthAlone = await probeHealth(app.value.url, () => performance.now() > aloneUntil);
    const longStarted = performance.now();
    let longDone = false;
    const longTurns = Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runLoad({ url: appUrl, connections: 1, durationMs: 0, minRequests: 1, body: (n) => messageActivity(connector.url, LONG_WORDS, n, 1, `long-${i}`) }),
      ),
    ).finally(() => (longDone = true));
    const healthLoaded = await probeHealth(app.value.url, () => longDone);
    const long = await longTurns;
    failed.long = long.reduce((n, r) => n + r.requests - r.ok, 0);
    return {
      firstWordsTurnMs: firstWords,
      interleaved: {
        echo: summary(samples.echo),
        replayEligibility: summary(samples.replayEligibility),
        lookup: summary(samples.lookup),
        lookupVaried: summary(samples.lookupVaried),
        eligibilityFigures: summary(samples.eligibilityFigures),
        eligibilityVaried: summary(samples.eligibilityVaried),
        eligibilityWords: summary(samples.eligibilityWords),
      },
      throughput: { connections, ...throughput },
      lookupUnderLoad: {
        alone: summary(alone.latenciesMs),
        loaded: summary(loaded.latenciesMs),
        background: { connections: 2, turnsPerSecond: background.ok / background.seconds },
      },
      healthUnderLongParses: {
        chars: LONG_WORDS.length,
        alone: { ...summary(healthAlone), maxMs: Math.max(...healthAlone) },
        loaded: { ...summary(healthLoaded), maxMs: Math.max(...healthLoaded) },
        longTurnsMs: performance.now() - longStarted,
      },
      failed,
    };
  } finally {
    echo.proc.kill('SIGTERM');
    replay.proc.kill('SIGTERM');
    app.proc.kill('SIGTERM');
    await connector.stop();
  }
}

type Startup = Awaited<ReturnType<typeof benchStartup>>;
type Turns = Awaited<ReturnType<typeof benchParserTurns>>;

type Row = [string, string, string, string];
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const mb = (x: number) => (Number.isFinite(x) ? `${(x / 1048576).toFixed(0)} MB` : '—');
const ratio = (x: number, target: string, met: boolean) => `**${x.toPrecision(3)}x** (target ${target}: ${met ? 'met' : 'NOT met'})`;

/** The start-up rows of the bench table (`npm run bench -- startup` prints them alone). */
export function startupRows(startup: Startup): Row[] {
  const rss = startup.app.rss;
  const rssReady = startup.app.rssParserReady;
  return [
    [
      `Start-up to GET /health 200, built server (median of ${startup.samples})`,
      ms(startup.app.toHealthMs),
      `floor, same data parsed and listening: ${ms(startup.floor.toHealthMs)}`,
      ratio(startup.app.toHealthMs / startup.floor.toHealthMs, '≤ 2x', startup.app.toHealthMs <= 2 * startup.floor.toHealthMs),
    ],
    [
      'Start-up to every part ready (the last: the number model built in its worker)',
      ms(startup.app.toParserReadyMs),
      `floor: ${ms(startup.floor.toHealthMs)}`,
      `${(startup.app.toParserReadyMs / startup.floor.toHealthMs).toPrecision(3)}x`,
    ],
    [
      'RSS at /health 200 / once every part is ready (parser model, bot part, resolver indexes)',
      `${mb(rss)} / ${mb(rssReady)}`,
      `floor: ${mb(startup.floor.rss)}; target ≤ 200 MB`,
      `${(rssReady / startup.floor.rss).toPrecision(3)}x (≤ 200 MB: ${Math.max(rss, rssReady) <= 200 * 1048576 ? 'met' : 'NOT met'})`,
    ],
    [
      'RSS once every part is ready with PARSER_WORKER=lazy (parser idle: model built on the first message in words)',
      mb(startup.lazy.rss),
      `floor: ${mb(startup.floor.rss)}; target ≤ 200 MB`,
      `${(startup.lazy.rss / startup.floor.rss).toPrecision(3)}x (≤ 200 MB: ${startup.lazy.rss <= 200 * 1048576 ? 'met' : 'NOT met'})`,
    ],
    [
      `RSS once every part is ready, started as deploy/azure/start.sh does (${Object.entries(startup.deploy.env)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}; App Service and the container)`,
      mb(startup.deploy.rss),
      `npm start: ${mb(rssReady)}; target ≤ 200 MB`,
      `${(startup.deploy.rss / rssReady).toPrecision(3)}x (≤ 200 MB: ${startup.deploy.rss <= 200 * 1048576 ? 'met' : 'NOT met'})`,
    ],
  ];
}

/** The parser's rows of the bench table: [measure, assistant, baseline, ratio with its target]. */
export function parserRows(startup: Startup, turns: Turns): Row[] {
  const i = turns.interleaved;
  const t = turns.throughput;
  const u = turns.lookupUnderLoad;
  const h = turns.healthUnderLongParses;
  return [
    ...startupRows(startup),
    [
      // The issue's target is judged on what users pay: a different firm and town each turn.
      'Eligibility turn p50, figures in digits, a different town and headcount each turn (no answer or card kept from an earlier turn), 1 connection, interleaved (vs echo bot)',
      ms(i.eligibilityVaried.p50Ms),
      `echo: ${ms(i.echo.p50Ms)}`,
      ratio(i.eligibilityVaried.p50Ms / i.echo.p50Ms, '≤ 3x', i.eligibilityVaried.p50Ms <= 3 * i.echo.p50Ms),
    ],
    [
      'Eligibility turn p50, the same message each turn (its answer and cards kept after the first turn; not the target)',
      ms(i.eligibilityFigures.p50Ms),
      `echo: ${ms(i.echo.p50Ms)}`,
      `${(i.eligibilityFigures.p50Ms / i.echo.p50Ms).toPrecision(3)}x`,
    ],
    [
      'Eligibility turn p50, figures in digits, against the replay bot (its two messages sent back, the answer with both cards then the question; no logic)',
      ms(i.eligibilityFigures.p50Ms),
      `replay: ${ms(i.replayEligibility.p50Ms)} (${(i.replayEligibility.p50Ms / i.echo.p50Ms).toPrecision(3)}x echo)`,
      `${(i.eligibilityFigures.p50Ms / i.replayEligibility.p50Ms).toPrecision(3)}x`,
    ],
    [
      'Eligibility turn p50, numbers in words (worker), 1 connection, interleaved (vs echo bot)',
      ms(i.eligibilityWords.p50Ms),
      `echo: ${ms(i.echo.p50Ms)}`,
      `${(i.eligibilityWords.p50Ms / i.echo.p50Ms).toPrecision(3)}x`,
    ],
    [
      "First eligibility turn in words once /health says the parser is ready (vs that turn's p50 later)",
      ms(turns.firstWordsTurnMs),
      `p50: ${ms(i.eligibilityWords.p50Ms)}`,
      `${(turns.firstWordsTurnMs / i.eligibilityWords.p50Ms).toPrecision(3)}x`,
    ],
    [
      'Lookup turn p50, the same town each turn (answer and card kept; the target row is the varied lookup of the turns part), 1 connection, interleaved (vs echo bot)',
      ms(i.lookup.p50Ms),
      `echo: ${ms(i.echo.p50Ms)}`,
      `${(i.lookup.p50Ms / i.echo.p50Ms).toPrecision(3)}x`,
    ],
    [
      // Like with like: both name a different town each turn, so that neither finds an answer kept.
      `Eligibility throughput, figures, a different town and headcount each turn, ${t.connections} connections (vs lookup, a different town each turn)`,
      `${t.eligibilityVaried!.toFixed(0)} turns/s`,
      `lookup: ${t.lookupVaried!.toFixed(0)} turns/s`,
      ratio(t.eligibilityVaried! / t.lookupVaried!, '≥ 0.5x', t.eligibilityVaried! >= 0.5 * t.lookupVaried!),
    ],
    [
      `Same, against the lookup of the same town each turn (its answer and card kept: not like with like), ${t.connections} connections`,
      `${t.eligibilityVaried!.toFixed(0)} turns/s`,
      `lookup: ${t.lookup!.toFixed(0)} turns/s`,
      `${(t.eligibilityVaried! / t.lookup!).toPrecision(3)}x`,
    ],
    [
      `Eligibility throughput, figures, the same message each turn (kept answer and cards; not the target), ${t.connections} connections (vs lookup)`,
      `${t.eligibilityFigures!.toFixed(0)} turns/s`,
      `lookup: ${t.lookup!.toFixed(0)} turns/s`,
      `${(t.eligibilityFigures! / t.lookup!).toPrecision(3)}x`,
    ],
    [
      `Eligibility throughput, words (worker), ${t.connections} connections (vs lookup)`,
      `${t.eligibilityWords!.toFixed(0)} turns/s`,
      `lookup: ${t.lookup!.toFixed(0)} turns/s`,
      `${(t.eligibilityWords! / t.lookup!).toPrecision(3)}x`,
    ],
    [
      `Lookup p99 at 1 connection while eligibility turns in words run on ${u.background.connections} connections (${u.background.turnsPerSecond.toFixed(0)}/s), vs alone`,
      ms(u.loaded.p99Ms),
      `alone: ${ms(u.alone.p99Ms)}`,
      ratio(u.loaded.p99Ms / u.alone.p99Ms, '≤ 1.5x', u.loaded.p99Ms <= 1.5 * u.alone.p99Ms),
    ],
    [
      `GET /health, slowest answer while 8 messages of ${h.chars.toLocaleString('en')} characters (numbers in words) are parsed (${(h.longTurnsMs / 1000).toFixed(1)} s, ${h.loaded.n} probes), vs alone`,
      ms(h.loaded.maxMs),
      `alone: ${ms(h.alone.maxMs)} (p99 ${ms(h.alone.p99Ms)} / ${ms(h.loaded.p99Ms)} loaded)`,
      `${(h.loaded.maxMs / h.alone.maxMs).toPrecision(3)}x (≤ 100 ms: ${h.loaded.maxMs <= 100 ? 'met' : 'NOT met'})`,
    ],
  ];
}
