import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A closed-loop load client (N connections, each sends its next request when the previous one
 * is answered) with sub-millisecond timings, and a fake Bot Connector that counts the replies
 * the bot sends back. autocannon's histogram rounds to whole milliseconds, too coarse for
 * loopback turns of a few milliseconds.
 */

export interface LoadResult {
  requests: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  latenciesMs: number[];
  seconds: number;
}

export async function runLoad(options: {
  url: string;
  connections: number;
  durationMs: number;
  body: (n: number) => string;
  /** Each connection sends at least this many requests, however long they take (default 0). */
  minRequests?: number;
}): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const result: LoadResult = { requests: 0, ok: 0, errors: 0, statuses: {}, latenciesMs: [], seconds: 0 };
  const started = performance.now();
  const deadline = started + options.durationMs;
  let n = 0;

  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const payload = options.body(n++);
      const t0 = performance.now();
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            result.latenciesMs.push(performance.now() - t0);
            result.requests++;
            const status = String(res.statusCode);
            result.statuses[status] = (result.statuses[status] ?? 0) + 1;
            if (res.statusCode && res.statusCode < 300) result.ok++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        result.requests++;
        result.errors++;
        resolve();
      });
      req.end(payload);
    });

  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      for (let sent = 0; performance.now() < deadline || sent < (options.minRequests ?? 0); sent++) await one();
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

export class FakeConnector {
  replies = 0;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    let id = 0;
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) this.replies++;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(`{"id":"r-${id++}"}`);
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A message activity from one of `pool` conversations, so state grows, but boundedly. */
export function messageActivity(serviceUrl: string, text: string, n: number, pool: number, prefix = 'bench'): string {
  const conversation = `${prefix}-conv-${n % pool}`;
  return JSON.stringify({
    type: 'message',
    id: `${prefix}-act-${n}`,
    channelId: 'webchat',
    serviceUrl,
    from: { id: `${conversation}-user`, name: 'Utilisateur Fictif' },
    recipient: { id: 'bot', name: 'Assistant' },
    conversation: { id: conversation },
    locale: 'fr-FR',
    text,
  });
}
