import crypto from 'node:crypto';
import type { App } from '../../../src/app';
import { FakeChannel, startApp } from '../../helpers/channel';

/** HTTP hardening, through the real app on loopback. */

const FICTIONAL_APP_ID = '6f1c2b3a-0000-4fff-8abc-0123456789ab';
const LEAK = /\bat [\w.<>]+ \(|\.(ts|js):\d+|\/work\/|node_modules|Error:|login\.botframework|getaddrinfo|req\.body/;

async function call(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Asserted by the callers that expect JSON.
  }
  return { status: res.status, headers: res.headers, text, json };
}

function expectPoliteError(r: Awaited<ReturnType<typeof call>>, status: number): void {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/application\/json/);
  expect(r.json?.error?.status).toBe(status);
  expect(typeof r.json?.error?.message).toBe('string');
  expect(r.text).not.toMatch(LEAK);
}

function activity(serviceUrl: string, text = 'Oyonnax', conversation = 'conv-http') {
  return {
    type: 'message',
    id: `act-${crypto.randomUUID()}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: 'user-http', name: 'Utilisateur Fictif' },
    recipient: { id: 'bot', name: 'Assistant' },
    conversation: { id: conversation },
    locale: 'fr-FR',
    text,
  };
}

describe('an app with small limits and no bot credentials', () => {
  let app: App;
  let url: string;
  let channel: FakeChannel;
  const LIMIT = 5;

  beforeAll(async () => {
    ({ app, url } = await startApp({ MAX_BODY_BYTES: '2048', RATE_LIMIT_PER_MINUTE: String(LIMIT) }));
    channel = new FakeChannel(url);
    await channel.start();
  });
  afterAll(async () => {
    await channel.stop();
    await app.close();
  });

  it('refuses a body larger than MAX_BODY_BYTES with a JSON 413', async () => {
    const body = JSON.stringify({ ...activity(channel.serviceUrl), text: 'x'.repeat(4096) });
    expectPoliteError(await call(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }), 413);
  });

  it('accepts a body just under the limit', async () => {
    const r = await channel.say('Oyonnax', { channelData: { padding: 'x'.repeat(1000) } }, 'conv-under-limit');
    expect(r.status).toBe(200);
    expect(r.replies).toHaveLength(1);
  });

  it('refuses malformed JSON with a 400', async () => {
    expectPoliteError(
      await call(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type": "message", "text": ' }),
      400,
    );
  });

  it('refuses JSON that is not an activity with a 400', async () => {
    expectPoliteError(await call(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[1, 2, 3]' }), 400);
    expectPoliteError(await call(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text": "no type"}' }), 400);
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x']])(
    'refuses a %s body on /api/messages with a 415',
    async (type) => {
      expectPoliteError(await call(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': type }, body: 'type=message&text=Oyonnax' }), 415);
    },
  );

  it('answers an unknown route and a wrong method with JSON', async () => {
    expectPoliteError(await call(`${url}/no/such/route`), 404);
    expectPoliteError(await call(`${url}/api/messages`), 405);
  });

  it('sends security headers on answers and errors, and no version in Server or X-Powered-By', async () => {
    for (const r of [await call(`${url}/health`), await call(`${url}/no/such/route`)]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(r.headers.get('x-powered-by')).toBeNull();
      expect(r.headers.get('server') ?? '').not.toMatch(/\d+\.\d+|restify|node|express/i);
    }
  });

  it('limits a client on the public API and answers 429 with Retry-After once the limit is spent', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof call>> | null = null;
    for (let i = 0; i < LIMIT + 3; i++) {
      const r = await call(`${url}/api/lookup?q=Oyonnax`);
      statuses.push(r.status);
      if (r.status === 429) limited ??= r;
    }
    // Only these calls are counted: the earlier tests used unthrottled or unrouted paths.
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
    expectPoliteError(limited!, 429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The limit is per client and per app: the health probe stays open.
    expect((await call(`${url}/health`)).status).toBe(200);
  });

  it('does not limit /api/messages per address (channels share a few addresses; JWTs authenticate them)', async () => {
    for (let i = 0; i < LIMIT * 3; i++) {
      const r = await channel.say('aide', {}, `conv-unlimited-${i % 3}`);
      expect(r.status).toBe(200);
      expect(r.replies).toHaveLength(1);
    }
  });
});

describe('an app with (fictional) Bot Framework credentials', () => {
  let app: App;
  let url: string;
  let channel: FakeChannel;
  // botbuilder writes what it cannot do (fetching the signing keys, here unreachable) to
  // console.error with a stack; kept here and checked instead of printed.
  let sdkErrors: jest.SpyInstance;

  beforeAll(async () => {
    sdkErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    ({ app, url } = await startApp({ MicrosoftAppId: FICTIONAL_APP_ID, MicrosoftAppPassword: 'fictional-password-not-a-secret' }));
    channel = new FakeChannel(url);
    await channel.start();
  });
  afterAll(async () => {
    await channel.stop();
    await app.close();
    sdkErrors.mockRestore();
  });

  // Made once: generating an RSA key blocks this process (the app's too) for seconds on a loaded
  // machine, and a request sent right after such a block went out on a kept-alive connection that
  // the server's overdue keep-alive timer then closed (ECONNRESET).
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  function forgedJwt(claims: Record<string, unknown>): string {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const header = part({ alg: 'RS256', typ: 'JWT', kid: 'fictional-key-id', x5t: 'fictional-key-id' });
    const now = Math.floor(Date.now() / 1000);
    const payload = part({ aud: FICTIONAL_APP_ID, nbf: now - 60, iat: now - 60, exp: now + 3600, serviceurl: channel.serviceUrl, ...claims });
    const signature = crypto.sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  async function post(headers: Record<string, string>) {
    const before = channel.replies.length;
    const r = await call(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(activity(channel.serviceUrl)),
      // A hang is a failure: the SDK must not wait on the unreachable login.botframework.com.
      signal: AbortSignal.timeout(10_000),
    });
    return { ...r, replies: channel.replies.length - before };
  }

  it('answers a failing handler with a JSON 500 that does not repeat the error', async () => {
    // A route added to the real server only for this test: the failure carries internals.
    app.server.get('/test-only/fails', (_req, _res, next) => next(new Error('ENOENT /work/main/var/secret.json')));
    app.server.get('/test-only/throws', async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x') at /work/main/src/x.ts:1:1");
    });
    for (const path of ['/test-only/fails', '/test-only/throws']) {
      const r = await call(`${url}${path}`);
      expectPoliteError(r, 500);
      expect(r.text).not.toMatch(/ENOENT|secret|TypeError|reading/);
    }
  });

  it('refuses a request without Authorization with a 401 and runs no turn', async () => {
    const r = await post({});
    expectPoliteError(r, 401);
    expect(r.replies).toBe(0);
  });

  it('refuses a malformed Authorization header with a 401', async () => {
    for (const value of ['Bearer', 'Bearer not.a.jwt', 'Basic dXNlcjpwYXNz', `Bearer ${'a'.repeat(500)}`]) {
      const r = await post({ Authorization: value });
      expectPoliteError(r, 401);
      expect(r.replies).toBe(0);
    }
  });

  it('refuses a forged token from an unknown issuer with a 401', async () => {
    const r = await post({ Authorization: `Bearer ${forgedJwt({ iss: 'https://issuer.example.test' })}` });
    expectPoliteError(r, 401);
    expect(r.replies).toBe(0);
  });

  it('refuses a forged token with right-looking claims with a 401, quickly, though the signing keys are unreachable', async () => {
    const r = await post({ Authorization: `Bearer ${forgedJwt({ iss: 'https://api.botframework.com' })}` });
    expectPoliteError(r, 401);
    expect(r.replies).toBe(0);
    // Still serving afterwards.
    expect((await call(`${url}/health`)).status).toBe(200);
  });

  it('left on the console nothing but the SDK failing to reach the signing-key metadata', () => {
    const messages = sdkErrors.mock.calls.map(([err]) => (err instanceof Error ? err.message : String(err)));
    for (const m of messages) expect(m).toMatch(/^request to https:\/\/login\.botframework\.com\/.* failed/);
  });
});
