/**
 * `npm run bench` step: the local Direct Line's memory while conversations keep coming. Rounds of
 * new conversations over real HTTP, each with 3 messages of 4 KB and the bot's 4 KB answers, through
 * a channel capped at `maxConversations`; the heap is read after forced collections (hence
 * --expose-gc) in a process of its own, so the figures are the channel's alone. Prints one JSON line.
 *   args: rounds perRound maxConversations
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startChannel, json } from '../test/integration/webchat/helpers';

const [ROUNDS, PER_ROUND, MAX_CONVERSATIONS] = [4, 200, 100].map((fallback, i) => {
  const value = Number(process.argv[2 + i]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}) as [number, number, number];
const PAYLOAD = 'x'.repeat(4000);

function gcHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** The minimal bot's turn: answers a message through the serviceUrl, like a Bot Framework bot does. */
async function answer(raw: string, res: ServerResponse): Promise<void> {
  const activity = JSON.parse(raw) as { type: string; id: string; serviceUrl: string; conversation: { id: string }; recipient: unknown };
  if (activity.type === 'message') {
    await fetch(`${activity.serviceUrl}/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${encodeURIComponent(activity.id)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: `echo ${PAYLOAD}`, replyToId: activity.id, from: activity.recipient }),
    });
  }
  res.writeHead(200);
  res.end();
}

async function main(): Promise<void> {
  const bot = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      answer(raw, res).catch(() => {
        res.writeHead(500);
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
  const channel = await startChannel(
    {
      botEndpoint: `http://127.0.0.1:${(bot.address() as AddressInfo).port}/api/messages`,
      limits: { maxConversations: MAX_CONVERSATIONS, maxActivitiesPerConversation: 50 },
      tokenRateLimitPerMinute: 1e9,
    },
    { maxBodyBytes: 64 * 1024 },
  );

  const one = async () => {
    const g = await json(`${channel.url}/v3/directline/tokens/generate`, { method: 'POST' });
    const c = { id: g.body.conversationId as string, token: g.body.token as string };
    await json(`${channel.url}/v3/directline/conversations`, { method: 'POST', token: c.token });
    for (let i = 0; i < 3; i++) {
      const r = await json(`${channel.url}/v3/directline/conversations/${c.id}/activities`, {
        method: 'POST',
        token: c.token,
        body: JSON.stringify({ type: 'message', text: PAYLOAD }),
      });
      if (r.status !== 200) throw new Error(`post answered ${r.status}`);
    }
    const all = await json(`${channel.url}/v3/directline/conversations/${c.id}/activities`, { token: c.token });
    if (all.body.activities.length !== 6) throw new Error(`expected 6 activities, got ${all.body.activities.length}`);
  };

  const heaps: number[] = [];
  let maxSeen = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < PER_ROUND; i += 10) {
      await Promise.all(Array.from({ length: 10 }, one));
      maxSeen = Math.max(maxSeen, channel.handle.stats().conversations);
    }
    heaps.push(gcHeap());
  }
  const stats = channel.handle.stats();
  await channel.close();
  await new Promise<void>((resolve) => bot.close(() => resolve()));
  process.stdout.write(`${JSON.stringify({ conversations: ROUNDS * PER_ROUND, heaps, maxSeen, stats })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
