import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { json, startChannel, type Channel } from './helpers';

/**
 * Production token mode: the server exchanges the Direct Line secret at a stub that plays Azure's
 * /v3/directline/tokens/generate, and the secret never reaches a browser, an error or a log line.
 */

const SECRET = 'FICTIONAL-directline-secret.0123456789abcdefghijklmnop';
const SITE = 'https://www.territoire-fictif.example.test';

type Behaviour = 'ok' | 'error-echoing-secret' | 'garbage' | 'hang';

class FakeAzure {
  behaviour: Behaviour = 'ok';
  readonly calls: Array<{ authorization: string | undefined; body: any; path: string | undefined }> = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        this.calls.push({ authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : null, path: req.url });
        if (req.url !== '/v3/directline/tokens/generate' || req.headers.authorization !== `Bearer ${SECRET}`) {
          res.writeHead(403, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'BadArgument', message: 'Unknown secret' } }));
          return;
        }
        switch (this.behaviour) {
          case 'ok':
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ conversationId: 'FakeConv123-eu', token: 'fake.dl.token.for.FakeConv123', expires_in: 3600, referenceGrammarId: 'x' }));
            return;
          case 'error-echoing-secret':
            res.writeHead(500, { 'Content-Type': 'text/plain' });
            res.end(`upstream failure for Authorization: Bearer ${SECRET}`);
            return;
          case 'garbage':
            res.writeHead(200, { 'Content-Type': 'text/html' });
            res.end(`<html>${SECRET}</html>`);
            return;
          case 'hang':
            return;
        }
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('Direct Line token endpoint with a secret', () => {
  const azure = new FakeAzure();
  let channel: Channel;
  const LIMIT = 12;

  beforeAll(async () => {
    await azure.start();
    channel = await startChannel({
      botEndpoint: 'http://127.0.0.1:9/api/messages',
      directLineSecret: SECRET,
      directLineEndpoint: azure.url,
      corsOrigins: [SITE],
      localDirectLine: false,
      tokenRateLimitPerMinute: LIMIT,
      tokenTimeoutMs: 500,
    });
  });
  afterAll(async () => {
    await channel?.close();
    await azure.stop();
  });
  beforeEach(() => {
    azure.behaviour = 'ok';
  });

  function everythingSeen(): string {
    return channel.logs.join('\n');
  }

  it('exchanges the secret and returns only token, conversationId and expires_in', async () => {
    for (const method of ['GET', 'POST']) {
      const r = await json(`${channel.url}/api/directline/token`, { method });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ token: 'fake.dl.token.for.FakeConv123', conversationId: 'FakeConv123-eu', expires_in: 3600 });
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.text).not.toContain(SECRET);
    }
    const call = azure.calls[azure.calls.length - 1];
    expect(call?.authorization).toBe(`Bearer ${SECRET}`);
    // Tokens are bound to a fresh "dl_" user id, as Azure recommends.
    expect(call?.body.user.id).toMatch(/^dl_[\w-]{8,}$/);
  });

  it('tells the page to use Azure Direct Line, without the secret', async () => {
    const r = await json(`${channel.url}/webchat/config.json`);
    expect(r.body).toEqual({ mode: 'azure', tokenUrl: '/api/directline/token', directLineDomain: `${azure.url}/v3/directline` });
    expect(r.text).not.toContain(SECRET);
    const page = await fetch(`${channel.url}/`);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${azure.url}`);
    expect(await page.text()).not.toContain(SECRET);
  });

  it('does not serve the local channel when told not to', async () => {
    expect((await json(`${channel.url}/v3/directline/tokens/generate`, { method: 'POST' })).status).toBe(404);
  });

  it('allows configured origins only (CORS), including on preflight', async () => {
    const pre = await fetch(`${channel.url}/api/directline/token`, { method: 'OPTIONS', headers: { Origin: SITE, 'Access-Control-Request-Method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(SITE);
    const ok = await json(`${channel.url}/api/directline/token`, { method: 'POST', headers: { Origin: SITE } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SITE);

    const calls = azure.calls.length;
    for (const origin of ['https://evil.example.test', 'null', `${SITE}.evil.example.test`]) {
      const r = await json(`${channel.url}/api/directline/token`, { method: 'POST', headers: { Origin: origin } });
      expect(r.status).toBe(403);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      expect(r.text).not.toContain(SECRET);
    }
    // Refused before any token is spent.
    expect(azure.calls.length).toBe(calls);
    // The server's own page (same origin) needs no configuration.
    expect((await json(`${channel.url}/api/directline/token`, { method: 'POST', headers: { Origin: channel.url } })).status).toBe(200);
  });

  it.each<Behaviour>(['error-echoing-secret', 'garbage', 'hang'])(
    'answers a polite 502 when Azure fails (%s), never repeating the secret',
    async (behaviour) => {
      azure.behaviour = behaviour;
      const r = await json(`${channel.url}/api/directline/token`, { method: 'POST' });
      expect(r.status).toBe(502);
      expect(r.body.error.status).toBe(502);
      expect(r.text).not.toContain(SECRET);
      expect(r.text).not.toMatch(/Bearer|127\.0\.0\.1|Error:/);
      expect(everythingSeen()).toMatch(/Direct Line token exchange failed/);
      expect(everythingSeen()).not.toContain(SECRET);
    },
  );

  it('rate-limits token requests per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) statuses.push((await fetch(`${channel.url}/api/directline/token`, { method: 'POST' })).status);
    expect(statuses).toContain(429);
    const refused = await fetch(`${channel.url}/api/directline/token`, { method: 'POST' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(everythingSeen()).not.toContain(SECRET);
  });
});

describe('token rate limit behind a proxy', () => {
  it('counts per client key, not per proxy address', async () => {
    const azure = new FakeAzure();
    await azure.start();
    const channel = await startChannel({
      botEndpoint: '/api/messages',
      directLineSecret: SECRET,
      directLineEndpoint: azure.url,
      localDirectLine: false,
      tokenRateLimitPerMinute: 2,
      clientKey: (req) => String(req.headers['x-client-fictif'] ?? 'none'),
    });
    try {
      const ask = (client: string) =>
        fetch(`${channel.url}/api/directline/token`, { method: 'POST', headers: { 'X-Client-Fictif': client } }).then((r) => r.status);
      expect([await ask('a'), await ask('a'), await ask('a')]).toEqual([200, 200, 429]);
      expect(await ask('b')).toBe(200);
    } finally {
      await channel.close();
      await azure.stop();
    }
  });
});

describe('web chat without any Direct Line', () => {
  it('serves the page but says the channel is unavailable', async () => {
    const channel = await startChannel({ botEndpoint: '/api/messages', localDirectLine: false });
    try {
      expect((await json(`${channel.url}/webchat/config.json`)).body.mode).toBe('unavailable');
      const r = await json(`${channel.url}/api/directline/token`, { method: 'POST' });
      expect(r.status).toBe(503);
      expect((await fetch(`${channel.url}/`)).status).toBe(200);
    } finally {
      await channel.close();
    }
  });

  it('refuses a malformed Direct Line endpoint at start-up', async () => {
    await expect(startChannel({ botEndpoint: '/api/messages', directLineEndpoint: 'not a url' })).rejects.toThrow(/directLineEndpoint/);
  });
});
