/**
 * `npm run bench`: every figure next to a baseline measured in the same run, printed as markdown
 * and written to bench/last-run.json. Settings (environment):
 *   BENCH_SECONDS=8           duration of each turn-load run (4 runs)
 *   BENCH_PER_CATEGORY=250    generated queries per category for the resolver (12 categories)
 *   BENCH_BASELINE_PER_CATEGORY=8   of those, how many also go to the (slow) Fuse baseline
 *   BENCH_CONNECTIONS=8       concurrent connections of the throughput runs
 *   BENCH_ELIGIBILITY_ITERATIONS=100  eligibility turns (each parses a message with the recognizers)
 *   BENCH_BOT_LOGIC_ROUNDS=150  alternating batches of the in-process turn measure
 *   PARSER_NICE               the server's own setting, passed to the bots and servers the bench
 *                             starts (PARSER_NICE=0: the parser worker at the server's priority)
 * `npm run bench -- resolution` runs the resolver's part alone (about a minute) and keeps the other
 * figures of bench/last-run.json; `npm run bench -- parser` does the same for the parser's part
 * (start-up against the data floor, eligibility turns, lookups under an eligibility load);
 * `npm run bench -- corpus` plays the conversation corpus (test/corpus) and reports its pass rate
 * beside the previous run's; `npm run bench -- turns` measures only the interleaved lookup, help
 * and echo turns (the turn target); `npm run bench -- startup` only the start-up and RSS rows.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadGeography } from '../src/infrastructure/geography';
import { openKnowledgeBase } from '../src/infrastructure/knowledge-base';
import { Resolver } from '../src/domain/resolution/resolver';
import { loadLexicon } from '../src/infrastructure/lexicon-files';
import { warmUpResolver } from '../src/app';
import { benchBotLogic, ELIGIBILITY_MESSAGE } from './botLogic';
import { benchStateStore } from './stateStore';
import { benchParserTurns, benchStartup, parserRows, startBotServer, startupRows } from './parser';
import { benchCorpus, type CorpusFigures } from './corpus';
import { FakeConnector, messageActivity, runLoad, type LoadResult } from './load';
import { CATEGORIES, generateQueries } from './queries';
import { variedPlaces } from './texts';
import { ALL_NO_PLACE_MESSAGES } from '../test/fixtures/no-place-messages';
import { PLACE_MESSAGES } from '../test/fixtures/place-messages';
import {
  buildFuse,
  percentile,
  placeFigureRows,
  placeFigures,
  previousPlaceFigures,
  scoreFuse,
  scoreResolver,
  summarize,
  timeHostileInput,
} from './resolution';

const WAVE = 2023;
const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const SECONDS = env('BENCH_SECONDS', 8);
const PER_CATEGORY = env('BENCH_PER_CATEGORY', 250);
const BASELINE_PER_CATEGORY = Math.min(PER_CATEGORY, env('BENCH_BASELINE_PER_CATEGORY', 8));
const CONNECTIONS = env('BENCH_CONNECTIONS', 8);
const ELIGIBILITY_ITERATIONS = env('BENCH_ELIGIBILITY_ITERATIONS', 100);
const BOT_LOGIC_ROUNDS = env('BENCH_BOT_LOGIC_ROUNDS', 150);
const ROOT = path.resolve(__dirname, '..');
const TSX = [process.execPath, ['--expose-gc', '--disable-warning=DEP0111', '--import', 'tsx']] as const;

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const round = (x: number, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
const mb = (bytes: number) => round(bytes / 1048576, 1);
const median = (xs: number[]) => percentile(xs, 50);

/** Runs a TypeScript file in a child node and resolves with its first JSON line. */
function child<T>(file: string, args: string[]): Promise<{ value: T; wallMs: number; kill: () => void }> {
  const started = performance.now();
  const proc = spawn(TSX[0], [...TSX[1], path.join(ROOT, file), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout });
    lines.once('line', (line) => resolve({ value: JSON.parse(line) as T, wallMs: performance.now() - started, kill: () => proc.kill('SIGTERM') }));
    proc.once('exit', (code) => reject(new Error(`${file} ${args.join(' ')} exited with ${code} before answering`)));
  });
}

interface StartupSample {
  mode: string;
  buildMs: number;
  heapUsed: number;
  rss: number;
}

async function startup() {
  const out: Record<string, { buildMs: number; wallMs: number; heapUsed: number; rss: number }> = {};
  for (const mode of ['bare', 'knowledge', 'app']) {
    const samples: Array<StartupSample & { wallMs: number }> = [];
    // The whole app takes tens of seconds to build (recognizer models): one sample.
    for (let i = 0; i < (mode === 'app' ? 1 : 3); i++) {
      const { value, wallMs } = await child<StartupSample>('bench/startup.ts', [mode]);
      samples.push({ ...value, wallMs });
    }
    out[mode] = {
      buildMs: median(samples.map((s) => s.buildMs)),
      wallMs: median(samples.map((s) => s.wallMs)),
      heapUsed: median(samples.map((s) => s.heapUsed)),
      rss: median(samples.map((s) => s.rss)),
    };
    log(`start-up ${mode}: ${JSON.stringify(out[mode])}`);
  }
  return out as Record<'bare' | 'knowledge' | 'app', { buildMs: number; wallMs: number; heapUsed: number; rss: number }>;
}

async function resolution() {
  const geo = loadGeography();
  const kb = await openKnowledgeBase(path.join(ROOT, 'data/kb'), geo);
  let t = performance.now();
  const resolver = new Resolver(kb, WAVE, loadLexicon());
  const resolverBuildMs = performance.now() - t;
  warmUpResolver(resolver);
  const queries = generateQueries(geo, kb, WAVE, PER_CATEGORY);
  // Rounds are interleaved by category, so a prefix is a stratified subsample.
  const subsample = queries.slice(0, BASELINE_PER_CATEGORY * CATEGORIES.length);
  log(`${queries.length} queries, baseline on ${subsample.length}`);

  const full = summarize(scoreResolver(resolver, geo, queries));
  const hostile = timeHostileInput(resolver, geo);
  log(`hostile input: ${JSON.stringify(hostile)}`);
  const places = placeFigures(resolver, full, ALL_NO_PLACE_MESSAGES, PLACE_MESSAGES);
  log(`places: ${JSON.stringify(places)}`);
  const resolverOnSubsample = summarize(scoreResolver(resolver, geo, subsample));
  const { fuse, buildMs: fuseBuildMs } = buildFuse(geo);
  t = performance.now();
  const baseline = summarize(scoreFuse(fuse, kb, WAVE, subsample));
  log(`Fuse baseline: ${Math.round(performance.now() - t)} ms`);
  return {
    date: new Date().toISOString(),
    places,
    queries: queries.length,
    subsample: subsample.length,
    inherentlyAmbiguous: queries.filter((q) => q.inherentlyAmbiguous).length,
    resolverBuildMs,
    fuseBuildMs,
    full,
    resolverOnSubsample,
    baseline,
    hostile,
    examples: CATEGORIES.map((c) => queries.find((q) => q.category === c)?.text),
  };
}

function loadSummary(r: LoadResult, expectedReplies: number, replies: number) {
  return {
    requests: r.requests,
    ok: r.ok,
    errors: r.errors,
    statuses: r.statuses,
    p50Ms: percentile(r.latenciesMs, 50),
    p99Ms: percentile(r.latenciesMs, 99),
    turnsPerSecond: r.ok / r.seconds,
    replies,
    lostReplies: Math.max(0, expectedReplies - replies),
  };
}

type TurnRuns = { latency: ReturnType<typeof loadSummary>; throughput?: ReturnType<typeof loadSummary> };

type TurnScenario = 'echo' | 'lookup' | 'help' | 'eligibility';

/**
 * echo = the baseline bot; lookup = the app answering a place; help = the app without a lookup;
 * eligibility = a first message with place, size and need (territory card and schemes card), each
 * in a new conversation since a second one in the same conversation would answer a question.
 */
async function turns(): Promise<Record<TurnScenario, TurnRuns>> {
  const connector = new FakeConnector();
  await connector.start();
  const out: Partial<Record<TurnScenario, TurnRuns>> = {};
  try {
    for (const [server, scenarios] of [
      ['echo', [['echo', 'Oyonnax', true, 100]]],
      [
        'lookup',
        [
          ['lookup', 'Oyonnax', true, 100],
          ['help', 'aide', false, 100],
          ['eligibility', ELIGIBILITY_MESSAGE, true, Number.MAX_SAFE_INTEGER],
        ],
      ],
    ] as const) {
      const bot = await startBotServer(server);
      const url = `${bot.value.url}/api/messages`;
      try {
        for (const [name, text, withThroughput, conversations] of scenarios) {
          const body = (prefix: string) => (n: number) => messageActivity(connector.url, text, n, conversations, `${name}-${prefix}`);
          await runLoad({ url, connections: 4, durationMs: 2000, body: body('warm') });
          const measure = async (prefix: string, connections: number) => {
            connector.replies = 0;
            const r = await runLoad({ url, connections, durationMs: SECONDS * 1000, body: body(prefix) });
            // Each turn posts its reply before its HTTP answer; nothing should still be in flight.
            await new Promise((resolve) => setTimeout(resolve, 200));
            return loadSummary(r, r.ok, connector.replies);
          };
          const runs: TurnRuns = { latency: await measure('lat', 1) };
          if (withThroughput) runs.throughput = await measure('thr', CONNECTIONS);
          out[name] = runs;
          log(`turns ${name}: ${JSON.stringify(runs)}`);
        }
      } finally {
        bot.proc.kill('SIGTERM');
      }
    }
  } finally {
    await connector.stop();
  }
  return out as Record<TurnScenario, TurnRuns>;
}

/**
 * The turn target's measure: echo, lookup and help turns at one connection, in short alternating
 * bursts against the bots running side by side, so that machine noise hits all alike (separate
 * runs minutes apart moved the same code's ratio by 2x). The replay bot sends back the
 * assistant's own reply to a lookup (its card) without any logic: lookup against replay is the
 * assistant's own work, replay against echo the cost of sending a card rather than a line.
 */
async function interleavedTurns(): Promise<
  Record<'echo' | 'lookup' | 'lookupVaried' | 'help' | 'replay', { p50Ms: number; p99Ms: number; n: number; failed: number }>
> {
  // 'Oyonnax' again and again finds its answer and card kept from the first turn; the varied
  // lookups name a different town each time (3,000 of them, more than any cache keeps).
  const places = variedPlaces(3000);
  const connector = new FakeConnector();
  await connector.start();
  const echo = await startBotServer('echo');
  const replay = await startBotServer('replay');
  const app = await startBotServer('lookup');
  const targets = [
    ['echo', `${echo.value.url}/api/messages`, 'Oyonnax'],
    ['replay', `${replay.value.url}/api/messages`, 'Oyonnax'],
    ['lookup', `${app.value.url}/api/messages`, 'Oyonnax'],
    ['lookupVaried', `${app.value.url}/api/messages`, null],
    ['help', `${app.value.url}/api/messages`, 'aide'],
  ] as const;
  let placeTurns = 0;
  const textOf = (text: string | null) => text ?? places[placeTurns++ % places.length]!;
  const samples: Record<string, number[]> = { echo: [], replay: [], lookup: [], lookupVaried: [], help: [] };
  const failed: Record<string, number> = { echo: 0, replay: 0, lookup: 0, lookupVaried: 0, help: 0 };
  try {
    for (const [name, url, text] of targets) {
      await runLoad({ url, connections: 1, durationMs: 1500, body: (n) => messageActivity(connector.url, textOf(text), n, 100, `${name}-iwarm`) });
    }
    const deadline = performance.now() + SECONDS * 3000;
    let round = 0;
    while (performance.now() < deadline) {
      round++;
      for (const [name, url, text] of targets) {
        const r = await runLoad({
          url,
          connections: 1,
          durationMs: 150,
          body: (n) => messageActivity(connector.url, textOf(text), n, 100, `${name}-i${round}`),
        });
        // The first request of a burst opens a connection; the others are the steady state.
        samples[name]!.push(...r.latenciesMs.slice(1));
        failed[name]! += r.requests - r.ok;
      }
    }
  } finally {
    echo.proc.kill('SIGTERM');
    replay.proc.kill('SIGTERM');
    app.proc.kill('SIGTERM');
    await connector.stop();
  }
  const summary = (name: string) => {
    const values = samples[name]!;
    return { p50Ms: percentile(values, 50), p99Ms: percentile(values, 99), n: values.length, failed: failed[name]! };
  };
  return { echo: summary('echo'), replay: summary('replay'), lookup: summary('lookup'), lookupVaried: summary('lookupVaried'), help: summary('help') };
}

async function eligibility(): Promise<{ p50Ms: number; p99Ms: number; baselineP50Ms: number } | null> {
  if (!existsSync(path.join(__dirname, 'eligibility.ts'))) return null;
  const mod = (await import('./eligibility' as string)) as { benchEligibility?: (iterations: number) => Promise<unknown> | unknown };
  if (typeof mod.benchEligibility !== 'function') return null;
  return (await mod.benchEligibility(ELIGIBILITY_ITERATIONS)) as { p50Ms: number; p99Ms: number; baselineP50Ms: number };
}

/**
 * The local Direct Line's heap over 800 new conversations, capped at 100 (the product) against the
 * same run uncapped (the baseline): growth from the second round (the cap is reached) to the last.
 */
async function webchatMemory() {
  const run = async (maxConversations: number) => {
    const { value } = await child<{ conversations: number; heaps: number[]; maxSeen: number }>('bench/webchatSoak.ts', ['4', '200', String(maxConversations)]);
    return {
      conversations: value.conversations,
      maxSeen: value.maxSeen,
      heapsMb: value.heaps.map((h) => mb(h)),
      growthBytes: value.heaps.at(-1)! - value.heaps[1]!,
    };
  };
  return { capped: await run(100), uncapped: await run(1_000_000) };
}

const LAST_RUN = path.join(__dirname, 'last-run.json');

function readLastRun(): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(LAST_RUN, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

type ResolutionRun = Awaited<ReturnType<typeof resolution>>;

/** The place figures beside the previous run's, and the resolver's accuracy by category. */
function resolutionLines(res: ResolutionRun, previous: Record<string, unknown> | null): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const before = previousPlaceFigures(previous);
  return [
    '### Places: precision and accuracy (this run beside the previous one)',
    '',
    '| Measure | This run | Previous run |',
    '| --- | --- | --- |',
    ...placeFigureRows(res.places, before).map((r) => `| ${r.join(' | ')} |`),
    '',
    res.places.precision.examples.length > 0
      ? `Messages read as a town: ${res.places.precision.examples.map((e) => `"${e}"`).join(', ')}.`
      : 'No message of the precision set was read as a town.',
    res.places.realWorld.missed.length > 0
      ? `Real-world forms missed: ${res.places.realWorld.missed.map((e) => `"${e}"`).join(', ')}.`
      : 'Every real-world form was found.',
    `Resolver per-query p50 ${res.full.p50Ms.toFixed(3)} ms, p99 ${res.full.p99Ms.toFixed(3)} ms.`,
    '',
    '### Resolution accuracy by category (correct)',
    '',
    `| Category | Example | Assistant (n=${PER_CATEGORY}) | Assistant (n=${BASELINE_PER_CATEGORY}) | Fuse baseline (n=${BASELINE_PER_CATEGORY}) |`,
    '| --- | --- | --- | --- | --- |',
    ...CATEGORIES.map((c, i) => {
      const f = res.full.byCategory[c]!;
      const s = res.resolverOnSubsample.byCategory[c]!;
      const b = res.baseline.byCategory[c]!;
      return `| ${c} | ${res.examples[i] ?? ''} | ${pct(f.correct / f.n)} | ${pct(s.correct / s.n)} | ${pct(b.correct / b.n)} |`;
    }),
    '',
    `${res.inherentlyAmbiguous} of ${res.queries} queries are inherently ambiguous (the name or postal code covers places with different answers).`,
  ];
}

async function parserPart() {
  const startup = await benchStartup();
  log(`parser start-up: ${JSON.stringify(startup)}`);
  const turns = await benchParserTurns(SECONDS, CONNECTIONS);
  log(`parser turns: ${JSON.stringify(turns)}`);
  return { startup, turns, rows: parserRows(startup, turns) };
}

const parserLines = (rows: Array<[string, string, string, string]>) => [
  '### Parser: start-up, eligibility turns, lookups under an eligibility load',
  '',
  '| Measure | Assistant | Baseline | Ratio |',
  '| --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

/** `npm run bench -- parser`: the parser's part alone; the other figures of last-run.json are kept. */
async function parserOnly(): Promise<void> {
  const previous = readLastRun();
  const loadBefore = os.loadavg()[0]!;
  const parser = await parserPart();
  const loadAverage = { before: loadBefore, after: os.loadavg()[0]! };
  process.stdout.write(
    `${[`load average ${loadAverage.before.toFixed(1)} before / ${loadAverage.after.toFixed(1)} after`, '', ...parserLines(parser.rows)].join('\n')}\n`,
  );
  writeFileSync(LAST_RUN, `${JSON.stringify({ ...(previous ?? {}), parser: { date: new Date().toISOString(), loadAverage, ...parser } }, null, 2)}\n`);
  if (Object.values(parser.turns.failed).some((n) => n > 0)) process.exitCode = 1;
}

/**
 * `npm run bench -- startup`: the start-up rows alone (built server against the data floor, RSS
 * once every part is ready, as `npm start`, with PARSER_WORKER=lazy and as start.sh starts it;
 * 3 alternated samples each, about a minute), printed, not written to last-run.json (the parser
 * part writes them with its turns).
 */
async function startupOnly(): Promise<void> {
  const loadBefore = os.loadavg()[0]!;
  const startup = await benchStartup();
  process.stdout.write(
    `${[`load average ${loadBefore.toFixed(1)} before / ${os.loadavg()[0]!.toFixed(1)} after`, '', ...parserLines(startupRows(startup)), '', JSON.stringify(startup)].join('\n')}\n`,
  );
}

/** `npm run bench -- resolution`: the resolver alone; the other figures of last-run.json are kept. */
async function resolutionOnly(): Promise<void> {
  const previous = readLastRun();
  const res = await resolution();
  process.stdout.write(`${resolutionLines(res, previous).join('\n')}\n`);
  writeFileSync(LAST_RUN, `${JSON.stringify({ ...(previous ?? {}), resolution: res }, null, 2)}\n`);
}

/** Lookup p50 ≤ this × echo p50, interleaved (issue 13's target for a plain lookup turn). */
const TURN_TARGET = 1.1;

const rate = (x: { passed: number; total: number }) => `${x.passed}/${x.total} (${((100 * x.passed) / Math.max(1, x.total)).toFixed(1)}%)`;

/** The corpus's pass rate beside the previous run's, by class. */
function corpusLines(figures: CorpusFigures, previous: Record<string, unknown> | null): string[] {
  const before = (previous?.corpus ?? null) as (CorpusFigures & { date?: string }) | null;
  const was = (x: { passed: number; total: number } | undefined) => (x ? rate(x) : '—');
  return [
    `### Conversation corpus: pass rate (this run beside the previous one${before?.date ? `, ${before.date.slice(0, 10)}` : ''})`,
    '',
    '| Set | This run | Previous run |',
    '| --- | --- | --- |',
    `| Conversations (test/corpus) | ${rate(figures.conversations)} | ${was(before?.conversations)} |`,
    ...Object.entries(figures.byKind)
      .filter(([kind]) => kind !== 'no-place-set')
      .map(([kind, x]) => `| — ${kind} | ${rate(x)} | ${was(before?.byKind?.[kind])} |`),
    `| Messages naming no place, answered without a town | ${rate(figures.noPlaceSet)} | ${was(before?.noPlaceSet)} |`,
    '',
    figures.failed.length > 0 ? `Failed: ${figures.failed.join(', ')}.` : 'No conversation failed.',
  ];
}

type Interleaved = Awaited<ReturnType<typeof interleavedTurns>>;

function turnLines(inter: Interleaved): string[] {
  // The target is judged on a different town each turn: a repeated one is answered from the
  // answers and cards kept per knowledge-base revision.
  const ratio = inter.lookupVaried.p50Ms / inter.echo.p50Ms;
  return [
    '### Turns: lookup and help against the echo bot, interleaved bursts, 1 connection',
    '',
    '| Measure | Assistant | Echo bot | Ratio |',
    '| --- | --- | --- | --- |',
    `| Lookup turn p50, a different town each turn (nothing kept from earlier turns) | ${inter.lookupVaried.p50Ms.toFixed(2)} ms | ${inter.echo.p50Ms.toFixed(2)} ms | ${ratio.toFixed(2)}x ${ratio <= TURN_TARGET ? `(target ≤ ${TURN_TARGET}x: met)` : `(target ≤ ${TURN_TARGET}x: NOT met)`} |`,
    `| Lookup turn p50, the same town each turn (answer and card kept; not the target) | ${inter.lookup.p50Ms.toFixed(2)} ms | ${inter.echo.p50Ms.toFixed(2)} ms | ${(inter.lookup.p50Ms / inter.echo.p50Ms).toFixed(2)}x |`,
    `| Help turn p50 | ${inter.help.p50Ms.toFixed(2)} ms | ${inter.echo.p50Ms.toFixed(2)} ms | ${(inter.help.p50Ms / inter.echo.p50Ms).toFixed(2)}x |`,
    `| Lookup turn p99 | ${inter.lookup.p99Ms.toFixed(2)} ms | ${inter.echo.p99Ms.toFixed(2)} ms | ${(inter.lookup.p99Ms / inter.echo.p99Ms).toFixed(2)}x |`,
    `| Lookup turn p50 against the replay bot (the same card sent back, no logic): the assistant's own work | ${inter.lookup.p50Ms.toFixed(2)} ms | replay: ${inter.replay.p50Ms.toFixed(2)} ms | ${(inter.lookup.p50Ms / inter.replay.p50Ms).toFixed(2)}x |`,
    `| Replay bot against echo bot: sending the lookup's card rather than one line | ${inter.replay.p50Ms.toFixed(2)} ms | ${inter.echo.p50Ms.toFixed(2)} ms | ${(inter.replay.p50Ms / inter.echo.p50Ms).toFixed(2)}x |`,
    '',
    `Samples: ${inter.lookup.n} lookup ('Oyonnax' each time: its answer and card are kept after the first turn), ${inter.lookupVaried.n} varied lookup (${Math.min(inter.lookupVaried.n, 3000)} different towns: none kept from an earlier turn), ${inter.help.n} help, ${inter.echo.n} echo, ${inter.replay.n} replay; ${inter.lookup.failed + inter.lookupVaried.failed + inter.help.failed + inter.echo.failed + inter.replay.failed} failed.`,
  ];
}

/** `npm run bench -- corpus`: the conversation corpus alone; the other figures of last-run.json are kept. */
async function corpusOnly(): Promise<void> {
  const previous = readLastRun();
  const figures = await benchCorpus();
  process.stdout.write(`${corpusLines(figures, previous).join('\n')}\n`);
  writeFileSync(LAST_RUN, `${JSON.stringify({ ...(previous ?? {}), corpus: { date: new Date().toISOString(), ...figures } }, null, 2)}\n`);
}

/** `npm run bench -- turns`: the interleaved turn measure alone; the other figures of last-run.json are kept. */
async function turnsOnly(): Promise<void> {
  const previous = readLastRun();
  const loadBefore = os.loadavg()[0]!;
  const inter = await interleavedTurns();
  const ratio = inter.lookupVaried.p50Ms / inter.echo.p50Ms;
  process.stdout.write(`${[`load average ${loadBefore.toFixed(1)} before / ${os.loadavg()[0]!.toFixed(1)} after`, '', ...turnLines(inter)].join('\n')}\n`);
  writeFileSync(
    LAST_RUN,
    `${JSON.stringify({ ...(previous ?? {}), interleavedTurns: inter, turnTarget: { ratio, target: TURN_TARGET, met: ratio <= TURN_TARGET, date: new Date().toISOString() } }, null, 2)}\n`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = os.loadavg()[0]!;
  const previous = readLastRun();
  const res = await resolution();
  const boot = await startup();
  const turn = await turns();
  const elig = await eligibility().catch((err: unknown) => {
    log(`eligibility bench failed: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  });

  const echo = { latency: turn.echo.latency, throughput: turn.echo.throughput! };
  const lookup = { latency: turn.lookup.latency, throughput: turn.lookup.throughput! };
  const help = turn.help.latency;
  const eligibilityTurn = { latency: turn.eligibility.latency, throughput: turn.eligibility.throughput! };
  const inter = await interleavedTurns();
  log(`turns interleaved: ${JSON.stringify(inter)}`);
  const logic = await benchBotLogic(BOT_LOGIC_ROUNDS);
  log(`bot logic in process: ${JSON.stringify(logic)}`);
  const state = await benchStateStore();
  log(`state store: ${JSON.stringify(state)}`);
  const webchat = await webchatMemory();
  log(`web chat memory: ${JSON.stringify(webchat)}`);
  const parser = await parserPart();
  const corpus = await benchCorpus();
  log(`corpus: ${rate(corpus.conversations)} conversations, ${rate(corpus.noPlaceSet)} no-place messages`);
  const turnRatio = inter.lookupVaried.p50Ms / inter.echo.p50Ms;
  const TARGET = TURN_TARGET;
  const rows: Array<[string, string, string, string]> = [];
  const row = (what: string, ours: string, base: string, ratio: number | null, note = '') =>
    rows.push([what, ours, base, ratio === null ? '—' : `**${ratio.toPrecision(3)}x**${note ? ` ${note}` : ''}`]);
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const ms = (x: number) => `${round(x, 3)} ms`;

  row(
    `Resolution accuracy, correct (same ${res.subsample} queries)`,
    pct(res.resolverOnSubsample.correct),
    pct(res.baseline.correct),
    res.resolverOnSubsample.correct / res.baseline.correct,
  );
  row(
    `Resolution accuracy, strict (same ${res.subsample} queries)`,
    pct(res.resolverOnSubsample.strict),
    pct(res.baseline.strict),
    res.resolverOnSubsample.strict / res.baseline.strict,
  );
  row(`Resolution accuracy, correct (all ${res.queries} queries)`, pct(res.full.correct), 'not run (too slow)', null);
  row('Per-query latency p50', ms(res.full.p50Ms), ms(res.baseline.p50Ms), res.full.p50Ms / res.baseline.p50Ms);
  row('Per-query latency p99', ms(res.full.p99Ms), ms(res.baseline.p99Ms), res.full.p99Ms / res.baseline.p99Ms);
  row(
    `Per-query latency p99, ${res.hostile.n} random and hostile inputs (vs generated queries)`,
    ms(res.hostile.p99Ms),
    ms(res.full.p99Ms),
    res.hostile.p99Ms / res.full.p99Ms,
  );
  row(
    'Per-query latency, slowest random or hostile input (vs generated queries p99)',
    ms(res.hostile.maxMs),
    ms(res.full.p99Ms),
    res.hostile.maxMs / res.full.p99Ms,
  );
  row('Index build (resolver vs Fuse)', ms(res.resolverBuildMs), ms(res.fuseBuildMs), res.resolverBuildMs / res.fuseBuildMs);
  row('Start-up: geo + KB + resolver (in process)', ms(boot.knowledge.buildMs), '—', null);
  row('Start-up: process ready, knowledge only vs bare node', ms(boot.knowledge.wallMs), ms(boot.bare.wallMs), boot.knowledge.wallMs / boot.bare.wallMs);
  row('Start-up: process ready, whole app vs bare node', ms(boot.app.wallMs), ms(boot.bare.wallMs), boot.app.wallMs / boot.bare.wallMs);
  row(
    'Heap after start-up (GC), knowledge vs bare',
    `${mb(boot.knowledge.heapUsed)} MB`,
    `${mb(boot.bare.heapUsed)} MB`,
    boot.knowledge.heapUsed / boot.bare.heapUsed,
  );
  row('Heap after start-up (GC), whole app vs bare', `${mb(boot.app.heapUsed)} MB`, `${mb(boot.bare.heapUsed)} MB`, boot.app.heapUsed / boot.bare.heapUsed);
  row('RSS after start-up, whole app vs bare', `${mb(boot.app.rss)} MB`, `${mb(boot.bare.rss)} MB`, boot.app.rss / boot.bare.rss);
  row(
    'Turn latency p50, 1 connection, interleaved bursts (lookup of a different town each turn vs echo bot)',
    ms(inter.lookupVaried.p50Ms),
    ms(inter.echo.p50Ms),
    turnRatio,
    turnRatio <= TARGET ? `(target ≤ ${TARGET}x: met)` : `(target ≤ ${TARGET}x: NOT met)`,
  );
  row(
    'Turn latency p50, 1 connection, interleaved bursts (lookup of the same town each turn, answer and card kept; not the target)',
    ms(inter.lookup.p50Ms),
    ms(inter.echo.p50Ms),
    inter.lookup.p50Ms / inter.echo.p50Ms,
  );
  row(
    'Turn latency p50, 1 connection, interleaved bursts (help turn, no lookup, vs echo bot)',
    ms(inter.help.p50Ms),
    ms(inter.echo.p50Ms),
    inter.help.p50Ms / inter.echo.p50Ms,
  );
  row(
    'Turn latency p99, 1 connection, interleaved bursts (lookup vs echo bot)',
    ms(inter.lookup.p99Ms),
    ms(inter.echo.p99Ms),
    inter.lookup.p99Ms / inter.echo.p99Ms,
  );
  row(
    'Turn latency p50, 1 connection, separate runs (lookup vs echo bot)',
    ms(lookup.latency.p50Ms),
    ms(echo.latency.p50Ms),
    lookup.latency.p50Ms / echo.latency.p50Ms,
  );
  row('Turn latency p50, 1 connection, separate runs (help vs echo bot)', ms(help.p50Ms), ms(echo.latency.p50Ms), help.p50Ms / echo.latency.p50Ms);
  row(
    'Eligibility turn latency p50, 1 connection (vs echo bot)',
    ms(eligibilityTurn.latency.p50Ms),
    ms(echo.latency.p50Ms),
    eligibilityTurn.latency.p50Ms / echo.latency.p50Ms,
  );
  row(
    'Eligibility turn latency p99, 1 connection (vs echo bot)',
    ms(eligibilityTurn.latency.p99Ms),
    ms(echo.latency.p99Ms),
    eligibilityTurn.latency.p99Ms / echo.latency.p99Ms,
  );
  row(
    `Eligibility throughput, ${CONNECTIONS} connections (turns/s)`,
    String(round(eligibilityTurn.throughput.turnsPerSecond, 0)),
    String(round(echo.throughput.turnsPerSecond, 0)),
    eligibilityTurn.throughput.turnsPerSecond / echo.throughput.turnsPerSecond,
  );
  const us = (x: number) => `${round(x, 1)} µs`;
  for (const name of ['lookup', 'help', 'eligibility'] as const) {
    row(
      `Bot logic per turn p50, in process without HTTP (${name} vs echo bot)`,
      us(logic[name].p50Us),
      us(logic.echo.p50Us),
      logic[name].p50Us / logic.echo.p50Us,
    );
  }
  for (const stored of [100, 10_000] as const) {
    const file = state[`file-${stored}`];
    const memory = state[`memory-${stored}`];
    row(
      `State save, file store with ${stored} conversations stored: one save (vs MemoryStorage)`,
      ms(file.sequentialMs),
      ms(memory.sequentialMs),
      file.sequentialMs / memory.sequentialMs,
    );
    row(
      `State save, file store with ${stored} conversations stored: ${state.concurrent} concurrent saves (vs MemoryStorage)`,
      ms(file.concurrentMs),
      ms(memory.concurrentMs),
      file.concurrentMs / memory.concurrentMs,
    );
  }
  row(
    `Direct Line heap growth over ${webchat.capped.conversations} new conversations, capped at 100 (vs uncapped)`,
    `${mb(webchat.capped.growthBytes)} MB`,
    `${mb(webchat.uncapped.growthBytes)} MB`,
    webchat.capped.growthBytes / webchat.uncapped.growthBytes,
  );
  row(`Turn latency p50, ${CONNECTIONS} connections`, ms(lookup.throughput.p50Ms), ms(echo.throughput.p50Ms), lookup.throughput.p50Ms / echo.throughput.p50Ms);
  row(`Turn latency p99, ${CONNECTIONS} connections`, ms(lookup.throughput.p99Ms), ms(echo.throughput.p99Ms), lookup.throughput.p99Ms / echo.throughput.p99Ms);
  row(
    `Throughput, ${CONNECTIONS} connections (turns/s)`,
    String(round(lookup.throughput.turnsPerSecond, 0)),
    String(round(echo.throughput.turnsPerSecond, 0)),
    lookup.throughput.turnsPerSecond / echo.throughput.turnsPerSecond,
  );
  const failures =
    [lookup.latency, lookup.throughput, echo.latency, echo.throughput, help, eligibilityTurn.latency, eligibilityTurn.throughput].reduce(
      (n, s) => n + s.errors + (s.requests - s.ok) + s.lostReplies,
      0,
    ) +
    inter.echo.failed +
    inter.lookup.failed +
    inter.help.failed;
  if (elig)
    row(
      'Eligibility parsing + evaluation p50, in process (vs its baseline)',
      ms(elig.p50Ms),
      ms(elig.baselineP50Ms),
      elig.p50Ms / elig.baselineP50Ms,
      `(p99 ${ms(elig.p99Ms)})`,
    );

  const lines = [
    `## Benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${loadBefore.toFixed(1)} before / ${os.loadavg()[0]!.toFixed(1)} after`,
    '',
    '| Measure | Assistant | Baseline | Ratio |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Eligibility: ${elig ? 'measured above' : 'not available yet (bench/eligibility.ts missing)'}.`,
    `Turn runs: ${[lookup.latency, lookup.throughput, echo.latency, echo.throughput, help, eligibilityTurn.latency, eligibilityTurn.throughput].reduce((n, r) => n + r.requests, 0)} requests, ${failures} failed or lost replies.`,
    '',
    ...parserLines(parser.rows),
    '',
    ...corpusLines(corpus, previous),
    '',
    ...resolutionLines(res, previous),
    `Total bench time: ${Math.round((performance.now() - started) / 1000)} s.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  writeFileSync(
    LAST_RUN,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        loadAverage: { before: loadBefore, after: os.loadavg()[0] },
        settings: { SECONDS, PER_CATEGORY, BASELINE_PER_CATEGORY, CONNECTIONS, ELIGIBILITY_ITERATIONS, BOT_LOGIC_ROUNDS, wave: WAVE },
        resolution: res,
        startup: boot,
        turns: turn,
        interleavedTurns: inter,
        botLogic: logic,
        stateStore: state,
        webchatMemory: webchat,
        parser,
        corpus: { date: new Date().toISOString(), ...corpus },
        turnTarget: { ratio: turnRatio, target: TARGET, met: turnRatio <= TARGET },
        eligibility: elig ?? 'not available yet',
        table: rows,
      },
      null,
      2,
    )}\n`,
  );
  if (failures > 0 || Object.values(parser.turns.failed).some((n) => n > 0)) process.exitCode = 1;
}

const PARTS: Record<string, () => Promise<void>> = {
  resolution: resolutionOnly,
  parser: parserOnly,
  corpus: corpusOnly,
  turns: turnsOnly,
  startup: startupOnly,
};

(PARTS[process.argv[2] ?? ''] ?? main)().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
