/**
 * Soak run for test/integration/webchat/soak.test.ts, in its own process so that heap figures (taken after a
 * forced collection, hence --expose-gc) are the channel's alone. Prints one JSON line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startChannel, json } from './helpers';

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 5);
const PER_ROUND = Number(process.env.SOAK_PER_ROUND ?? 300);
const MAX_CONVERSATIONS = Number(process.env.SOAK_MAX_CONVERSATIONS ?? 100);
const PAYLOAD = 'x'.repeat(4000);

function gcHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  // A minimal bot: answers each message through the serviceUrl, like a Bot Framework bot does.
  const bot = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', async () => {
      const activity = JSON.parse(raw);
      if (activity.type === 'message') {
        await fetch(`${activity.serviceUrl}/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${encodeURIComponent(activity.id)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', text: `echo ${PAYLOAD}`, replyToId: activity.id, from: activity.recipient }),
        });
      }
      res.writeHead(200);
      res.end();
    });
  });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
  const channel = await startChannel(
    { botEndpoint: `http://127.0.0.1:${(bot.address() as AddressInfo).port}/api/messages`, limits: { maxConversations: MAX_CONVERSATIONS, maxActivitiesPerConversation: 50 }, tokenRateLimitPerMinute: 1e9 },
    { maxBodyBytes: 64 * 1024 },
  );

  const one = async () => {
    const g = await json(`${channel.url}/v3/directline/tokens/generate`, { method: 'POST' });
    const c = { id: g.body.conversationId as string, token: g.body.token as string };
    await json(`${channel.url}/v3/directline/conversations`, { method: 'POST', token: c.token });
    for (let i = 0; i < 3; i++) {
      const r = await json(`${channel.url}/v3/directline/conversations/${c.id}/activities`, { method: 'POST', token: c.token, body: JSON.stringify({ type: 'message', text: PAYLOAD }) });
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
