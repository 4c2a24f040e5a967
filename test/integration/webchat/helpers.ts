import type { AddressInfo } from 'node:net';
import restify, { type Server } from 'restify';
import WebSocket from 'ws';
import type { App } from '../../../src/app';
import { installGuards } from '../../../src/channels/http/guard';
import { registerWebChat, type WebChatHandle, type WebChatOptions } from '../../../src/channels/webchat';
import { startApp } from '../../helpers/channel';

export interface Channel {
  url: string;
  handle: WebChatHandle;
  logs: string[];
  close(): Promise<void>;
}

/**
 * The web chat channel on its own restify server (with the app's HTTP guards), talking to a bot
 * over HTTP like Azure's channel does. Lets a test choose limits and secrets without touching the app.
 */
export async function startChannel(
  options: Partial<WebChatOptions> & { botEndpoint: string },
  guard: { maxBodyBytes?: number; rateLimitPerMinute?: number } = {},
): Promise<Channel> {
  const logs: string[] = [];
  const server: Server = restify.createServer({ name: 'webchat-test', handleUncaughtExceptions: false });
  installGuards(server, { maxBodyBytes: guard.maxBodyBytes ?? 64 * 1024, rateLimitPerMinute: guard.rateLimitPerMinute ?? 100_000, log: (m) => logs.push(m) });
  const handle = registerWebChat(server, {
    directLineSecret: '',
    directLineEndpoint: 'https://directline.botframework.com',
    corsOrigins: [],
    localDirectLine: true,
    log: (m) => logs.push(m),
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return {
    url,
    handle,
    logs,
    close: async () => {
      await handle.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The real app (knowledge base, dialogs, bot) on loopback, with no bot credentials. */
export async function startBot(env: Record<string, string> = {}): Promise<{ app: App; url: string }> {
  return startApp({ RATE_LIMIT_PER_MINUTE: '100000', ...env });
}

export async function json(url: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (init.body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Left null for callers that expect no JSON.
  }
  return { status: res.status, body, text, headers: res.headers };
}

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Collects what a Direct Line stream sends. */
export class StreamClient {
  readonly messages: Array<{ activities: any[]; watermark?: string }> = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      if (text) this.messages.push(JSON.parse(text));
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<StreamClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new StreamClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  get activities(): any[] {
    return this.messages.flatMap((m) => m.activities);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

export function botMessages(activities: any[]): any[] {
  return activities.filter((a) => a.type === 'message' && a.from?.role === 'bot');
}
