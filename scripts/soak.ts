/**
 * `npm run soak`: many concurrent conversations through POST /api/messages on loopback, for a
 * bounded time, against the real app in this process. Fails (exit 1) on any error status, any
 * turn without its expected reply, or a heap that keeps growing after warm-up.
 *   SOAK_SECONDS=180  SOAK_USERS=50  SOAK_STORAGE=file|memory (default: the app's default)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { NoNumberReader } from '../src/infrastructure/parser';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';

export interface SoakOptions {
  seconds: number;
  users: number;
  /** Whole conversations each user has before stopping (default: as many as `seconds` allows). */
  rounds?: number;
  /** Compare the heap after warm-up with the end (default true); a short run has nothing to compare. */
  measureHeap?: boolean;
  /** Run the parser worker as production does (default true); no soak turn writes numbers in words. */
  numberModel?: boolean;
  /** Conversations each user cycles through: state grows with users × this, then stays flat. */
  conversationsPerUser?: number;
  env?: Record<string, string>;
  /** Allowed heap growth between warm-up and the end, after a full GC. */
  heapToleranceBytes?: number;
  heapToleranceRatio?: number;
  log?: (message: string) => void;
}

export interface SoakSummary {
  ok: boolean;
  seconds: number;
  users: number;
  turns: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errorStatuses: number;
  lostReplies: number;
  wrongReplies: number;
  failures: string[];
  heap: { warmUpBytes: number; endBytes: number; growthBytes: number; allowedBytes: number; samplesMb: number[] };
}

interface Reply {
  type: string;
  text?: string;
  suggestedActions?: { actions?: Array<{ title?: string; value?: unknown }> };
}

/** A Bot Connector stand-in that files each reply under its conversation. */
class Connector {
  private readonly pending = new Map<string, Reply[]>();
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const m = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (req.method === 'POST' && m) {
          const id = decodeURIComponent(m[1]!);
          const list = this.pending.get(id) ?? [];
          list.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply);
          this.pending.set(id, list);
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"id":"reply"}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The replies received for a conversation since the last call. */
  take(conversation: string): Reply[] {
    const list = this.pending.get(conversation) ?? [];
    this.pending.delete(conversation);
    return list;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A full GC, with or without --expose-gc. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

interface Step {
  name: string;
  activity: (previous: Reply[]) => Record<string, unknown> | string;
  expect: RegExp;
}

const GERS = /Gers, 32/;

/** One conversation as a user would have it: welcome, a place, a homonym and its choice, help, restart. */
const STEPS: Step[] = [
  { name: 'welcome', activity: () => ({ type: 'conversationUpdate', membersAdded: [{ id: 'soak-user' }] }), expect: /Bonjour/ },
  { name: 'place', activity: () => ({ text: 'notre usine est à Oyonax' }), expect: /Plastics Vallée/ },
  { name: 'ambiguous', activity: () => ({ text: 'Saint-Martin' }), expect: /Plusieurs lieux/ },
  {
    name: 'choice',
    activity: (previous) => {
      const action = previous.flatMap((r) => r.suggestedActions?.actions ?? []).find((a) => GERS.test(a.title ?? ''));
      return action ? { text: String(action.value) } : 'no "Saint-Martin (Gers, 32)" choice offered';
    },
    expect: /Saint-Martin \(32\)/,
  },
  { name: 'help', activity: () => ({ text: 'aide' }), expect: /Je peux/ },
  { name: 'restart', activity: () => ({ text: 'recommencer' }), expect: /recommence/ },
];

export async function runSoak(options: SoakOptions): Promise<SoakSummary> {
  const log = options.log ?? (() => undefined);
  const measureHeap = options.measureHeap ?? true;
  const rounds = options.rounds ?? Number.POSITIVE_INFINITY;
  const conversationsPerUser = options.conversationsPerUser ?? 3;
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'ti-soak-'));
  const app = await createApp(
    // /api/messages is not rate limited per address; the high limit covers anything else. The
    // soak's connector listens on a loopback port of its own: the bot may answer it.
    loadConfig({ PORT: '0', STATE_DIR: stateDir, RATE_LIMIT_PER_MINUTE: '100000', LOCAL_CHANNEL_URLS: 'http://127.0.0.1:*', ...options.env }),
    { log: (m) => log(`app: ${m}`), ...(options.numberModel === false ? { numberReader: new NoNumberReader() } : {}) },
  );
  const url = `${await app.listen(0, '127.0.0.1')}/api/messages`;
  const connector = new Connector();
  await connector.start();
  const gc = collector();

  const latencies: number[] = [];
  const failures: string[] = [];
  let errorStatuses = 0;
  let lostReplies = 0;
  let wrongReplies = 0;
  let activityId = 0;
  const fail = (message: string) => {
    if (failures.length < 20) failures.push(message);
  };

  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const warmUpEnd = started + Math.min(options.seconds * 250, 20_000);
  let warmUpBytes = 0;
  const samplesMb: number[] = [];
  const sampler = setInterval(() => samplesMb.push(Math.round(process.memoryUsage().heapUsed / 104857.6) / 10), 1000);

  async function turn(conversation: string, user: string, step: Step, previous: Reply[]): Promise<Reply[]> {
    const activity = step.activity(previous);
    if (typeof activity === 'string') {
      wrongReplies++;
      fail(`${conversation} ${step.name}: ${activity}`);
      return [];
    }
    const body = JSON.stringify({
      type: 'message',
      id: `soak-${activityId++}`,
      channelId: 'webchat',
      serviceUrl: connector.url,
      from: { id: user, name: 'Utilisateur Fictif' },
      recipient: { id: 'bot', name: 'Assistant' },
      conversation: { id: conversation },
      locale: 'fr-FR',
      timestamp: new Date().toISOString(),
      ...activity,
    });
    const t0 = performance.now();
    let status = 0;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal: AbortSignal.timeout(15_000) });
      await res.arrayBuffer();
      status = res.status;
    } catch (err) {
      fail(`${conversation} ${step.name}: ${err instanceof Error ? err.name : String(err)}`);
    }
    latencies.push(performance.now() - t0);
    if (status !== 200) {
      errorStatuses++;
      fail(`${conversation} ${step.name}: HTTP ${status}`);
    }
    // The turn's replies were posted before its HTTP answer.
    const replies = connector.take(conversation);
    const text = replies.map((r) => r.text ?? '').join('\n');
    if (replies.length === 0) {
      lostReplies++;
      fail(`${conversation} ${step.name}: no reply`);
    } else if (!step.expect.test(text)) {
      wrongReplies++;
      fail(`${conversation} ${step.name}: unexpected reply ${JSON.stringify(text.slice(0, 120))}`);
    }
    return replies;
  }

  async function user(index: number): Promise<void> {
    for (let round = 0; round < rounds && performance.now() < deadline; round++) {
      const conversation = `soak-${index}-${round % conversationsPerUser}`;
      const userId = `soak-user-${index}`;
      let previous: Reply[] = [];
      for (const step of STEPS) {
        if (performance.now() >= deadline) return;
        previous = await turn(conversation, userId, step, previous);
      }
    }
  }

  const warmUp = (async () => {
    if (!measureHeap) return;
    await new Promise((resolve) => setTimeout(resolve, warmUpEnd - performance.now()));
    gc();
    warmUpBytes = process.memoryUsage().heapUsed;
    log(`heap after warm-up: ${(warmUpBytes / 1048576).toFixed(1)} MB`);
  })();
  await Promise.all([...Array.from({ length: options.users }, (_, i) => user(i)), warmUp]);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  // Let sockets and timers of the last turns go before measuring what stays.
  await new Promise((resolve) => setTimeout(resolve, 500));
  gc();
  gc();
  const endBytes = process.memoryUsage().heapUsed;
  await connector.stop();
  await app.close();
  rmSync(stateDir, { recursive: true, force: true });

  const allowedBytes = Math.max(options.heapToleranceBytes ?? 16 * 1048576, warmUpBytes * (options.heapToleranceRatio ?? 0.15));
  const growthBytes = endBytes - warmUpBytes;
  if (measureHeap && growthBytes > allowedBytes) {
    fail(`heap grew by ${(growthBytes / 1048576).toFixed(1)} MB after warm-up (allowed ${(allowedBytes / 1048576).toFixed(1)} MB)`);
  }
  return {
    ok: failures.length === 0,
    seconds,
    users: options.users,
    turns: latencies.length,
    turnsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errorStatuses,
    lostReplies,
    wrongReplies,
    failures,
    heap: { warmUpBytes, endBytes, growthBytes, allowedBytes, samplesMb },
  };
}

function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const seconds = intFromEnv('SOAK_SECONDS', 180);
  const users = intFromEnv('SOAK_USERS', 50);
  const storage = process.env.SOAK_STORAGE;
  console.log(`Soak: ${users} users for ${seconds} s on loopback${storage ? `, STORAGE=${storage}` : ''}...`);
  const s = await runSoak({ seconds, users, env: storage ? { STORAGE: storage } : {}, log: (m) => console.log(m) });
  const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
  console.log(
    [
      `turns: ${s.turns} in ${s.seconds.toFixed(0)} s (${s.turnsPerSecond.toFixed(0)}/s), latency p50 ${s.p50Ms.toFixed(1)} ms, p99 ${s.p99Ms.toFixed(1)} ms`,
      `error statuses: ${s.errorStatuses}, lost replies: ${s.lostReplies}, wrong replies: ${s.wrongReplies}`,
      `heap after GC: ${mb(s.heap.warmUpBytes)} after warm-up, ${mb(s.heap.endBytes)} at the end (growth ${mb(s.heap.growthBytes)}, allowed ${mb(s.heap.allowedBytes)})`,
      `heap samples (MB, no GC, 1/s): ${s.heap.samplesMb.join(' ')}`,
      ...s.failures.map((f) => `FAIL ${f}`),
      s.ok ? 'SOAK OK' : 'SOAK FAILED',
    ].join('\n'),
  );
  process.exitCode = s.ok ? 0 : 1;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error('Soak could not run:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
