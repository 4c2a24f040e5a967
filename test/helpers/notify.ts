import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotificationMessage } from '../../src/domain/contact/notification';

export interface WebhookHit {
  key: string | undefined;
  body: Record<string, unknown>;
}

/**
 * A webhook receiver as a real one would be written: it answers 500 to the first `failures`
 * requests, then 200, and keeps what it accepted, de-duplicated by the Idempotency-Key header
 * (`delivered`) next to everything it accepted (`accepted`).
 */
export async function flakyWebhook(failures: number): Promise<{
  url: string;
  bodies: unknown[];
  accepted: WebhookHit[];
  delivered: Map<string, WebhookHit>;
  hits: () => number;
  setFailing: (failing: boolean) => void;
  close: () => Promise<void>;
}> {
  const bodies: unknown[] = [];
  const accepted: WebhookHit[] = [];
  const delivered = new Map<string, WebhookHit>();
  let hits = 0;
  let failing: boolean | null = null;
  const server: Server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      hits++;
      if (failing ?? hits <= failures) {
        res.writeHead(500);
        res.end('boom');
        return;
      }
      const body = JSON.parse(data) as Record<string, unknown>;
      const key = req.headers['idempotency-key'] as string | undefined;
      bodies.push(body);
      accepted.push({ key, body });
      if (key && !delivered.has(key)) delivered.set(key, { key, body });
      res.writeHead(200);
      res.end('1');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook?sig=secret-signature`,
    bodies,
    accepted,
    delivered,
    hits: () => hits,
    setFailing: (f) => (failing = f),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export const MESSAGE: NotificationMessage = {
  reference: 'TI-2026-ABCDE',
  subject: 'Demande de contact TI-2026-ABCDE',
  text: 'Bonjour',
  facts: [{ title: 'Référence', value: 'TI-2026-ABCDE' }],
  designated: false,
};

export function waitFor<T>(register: (resolve: (value: T) => void) => void, ms = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    register((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, ms = 10_000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
