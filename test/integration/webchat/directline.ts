import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { App } from '../../../src/app';
import { webChatBundlePath } from '../../../src/channels/webchat/assets';
import { botMessages, json, startBot, startChannel, StreamClient, waitFor, type Channel } from './helpers';

/**
 * The local Direct Line 3.0 channel over real HTTP and a real websocket, in front of the real bot.
 * The channel runs on its own server, as Azure's does, and reaches the bot at /api/messages.
 */

const LEAK = /\bat [\w.<>]+ \(|\.(ts|js):\d+|\/work\/|node_modules|Error:|SyntaxError|Unexpected token/;

async function open(channel: Channel): Promise<{ id: string; token: string; streamUrl: string }> {
  const generated = await json(`${channel.url}/v3/directline/tokens/generate`, { method: 'POST' });
  expect(generated.status).toBe(200);
  const started = await json(`${channel.url}/v3/directline/conversations`, { method: 'POST', token: generated.body.token });
  expect(started.status).toBe(201);
  return { id: started.body.conversationId, token: started.body.token, streamUrl: started.body.streamUrl };
}

function activities(channel: Channel, c: { id: string; token: string }, watermark?: string) {
  const query = watermark === undefined ? '' : `?watermark=${encodeURIComponent(watermark)}`;
  return json(`${channel.url}/v3/directline/conversations/${c.id}/activities${query}`, { token: c.token });
}

function post(channel: Channel, c: { id: string; token: string }, activity: Record<string, unknown>) {
  return json(`${channel.url}/v3/directline/conversations/${c.id}/activities`, { method: 'POST', token: c.token, body: JSON.stringify(activity) });
}

async function until(channel: Channel, c: { id: string; token: string }, predicate: (all: any[]) => boolean, what: string) {
  return waitFor(async () => {
    const r = await activities(channel, c);
    return predicate(r.body.activities) ? r.body : undefined;
  }, what);
}

function expectPolite(r: { status: number; body: any; text: string; headers: Headers }, status: number) {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/application\/json/);
  expect(r.body?.error?.status).toBe(status);
  expect(r.text).not.toMatch(LEAK);
}

// One real bot for the whole file: each describe puts its own channel (limits, CORS) in front of it.
let bot: { app: App; url: string };
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot?.app.close();
});

describe('local Direct Line in front of the real bot', () => {
  let channel: Channel;

  beforeAll(async () => {
    // The bot's answers (Adaptive Cards of a few KB) come back through the same body limit.
    channel = await startChannel({ botEndpoint: `${bot.url}/api/messages` }, { maxBodyBytes: 32 * 1024 });
  });
  afterAll(async () => {
    await channel?.close();
  });

  it('opens a conversation: token, then 201 with the same conversation, token and a stream URL on this server', async () => {
    const generated = await json(`${channel.url}/v3/directline/tokens/generate`, { method: 'POST' });
    expect(generated.status).toBe(200);
    expect(generated.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(generated.body).sort()).toEqual(['conversationId', 'expires_in', 'token']);
    expect(generated.body.token).toMatch(/^[\w-]{40,}$/);
    expect(generated.body.expires_in).toBe(1800);

    const started = await json(`${channel.url}/v3/directline/conversations`, { method: 'POST', token: generated.body.token });
    expect(started.status).toBe(201);
    expect(started.body.conversationId).toBe(generated.body.conversationId);
    const stream = new URL(started.body.streamUrl);
    expect(stream.protocol).toBe('ws:');
    expect(stream.host).toBe(new URL(channel.url).host);
    expect(stream.pathname).toBe(`/v3/directline/conversations/${started.body.conversationId}/stream`);

    // Starting again (a client retry) is not a new conversation.
    const again = await json(`${channel.url}/v3/directline/conversations`, { method: 'POST', token: generated.body.token });
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(started.body.conversationId);
  });

  it('delivers the bot welcome, the user echo and the bot answer by polling, with watermarks', async () => {
    const c = await open(channel);
    const welcome = await until(channel, c, (all) => botMessages(all).length >= 1, 'the welcome');
    expect(botMessages(welcome.activities)[0].text).toMatch(/^Bonjour/);
    expect(welcome.activities).toHaveLength(1);
    expect(welcome.watermark).toBe('1');

    const sent = await post(channel, c, {
      type: 'message',
      text: 'Oyonnax',
      locale: 'fr-FR',
      from: { id: 'forged-id', name: 'Utilisatrice Fictive' },
      serviceUrl: 'http://attacker.example.test',
      channelData: { clientActivityID: 'client-1' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.id).toBe(`${c.id}|0000002`);

    const page = await waitFor(async () => {
      const r = await activities(channel, c, welcome.watermark);
      return botMessages(r.body.activities).length >= 1 ? r.body : undefined;
    }, 'the answer');
    const [echo, answer] = page.activities;
    // The echo is what Web Chat uses to mark its message as sent: same client id, server id.
    expect(echo).toMatchObject({ type: 'message', id: sent.body.id, text: 'Oyonnax', channelData: { clientActivityID: 'client-1' } });
    expect(echo.from.role).toBe('user');
    expect(echo.from.id).not.toBe('forged-id');
    expect(echo.serviceUrl).toBeUndefined();
    expect(answer.from.role).toBe('bot');
    expect(answer.text).toContain('Plastics Vallée');
    expect(answer.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(answer.serviceUrl).toBeUndefined();
    expect(Date.parse(answer.timestamp)).toBeGreaterThan(Date.parse(echo.timestamp));
    expect(Number(page.watermark)).toBeGreaterThanOrEqual(3);

    // Watermark semantics: the latest one gives nothing new; an older one gives what followed it.
    const none = await activities(channel, c, page.watermark);
    expect(none.body).toEqual({ activities: [], watermark: page.watermark });
    const all = await activities(channel, c);
    expect(all.body.activities.map((a: any) => a.id)).toEqual([welcome.activities[0].id, ...page.activities.map((a: any) => a.id)]);
    const fromEcho = await activities(channel, c, '2');
    expect(fromEcho.body.activities[0].id).toBe(answer.id);
    // An unreadable watermark is treated as none.
    expect((await activities(channel, c, 'abc')).body.activities).toHaveLength(all.body.activities.length);
  });

  it('passes event activities (the widget preset) to the bot and keeps them in the transcript', async () => {
    const c = await open(channel);
    const r = await post(channel, c, { type: 'event', name: 'webchat/join', value: { territory: 'ti-0101', wave: 2023, locale: 'fr-FR' } });
    expect(r.status).toBe(200);
    const all = await activities(channel, c);
    expect(all.body.activities.find((a: any) => a.type === 'event')).toMatchObject({
      name: 'webchat/join',
      value: { territory: 'ti-0101', wave: 2023, locale: 'fr-FR' },
    });
  });

  it('streams over the websocket: backlog first, then echo and answer with increasing watermarks', async () => {
    const c = await open(channel);
    await until(channel, c, (all) => botMessages(all).length >= 1, 'the welcome');
    const stream = await StreamClient.open(c.streamUrl);
    try {
      await waitFor(() => (stream.activities.length >= 1 ? true : undefined), 'the backlog');
      expect(botMessages(stream.activities)[0].text).toMatch(/^Bonjour/);

      const sent = await post(channel, c, { type: 'message', text: 'Oyonnax', channelData: { clientActivityID: 'ws-1' } });
      expect(sent.status).toBe(200);
      await waitFor(() => (botMessages(stream.activities).length >= 2 ? true : undefined), 'the streamed answer');
      const ids = stream.activities.map((a) => a.id);
      expect(ids).toContain(sent.body.id);
      const watermarks = stream.messages.filter((m) => m.watermark !== undefined).map((m) => Number(m.watermark));
      expect(watermarks).toEqual([...watermarks].sort((a, b) => a - b));
      expect(botMessages(stream.activities)[1].text).toContain('Plastics Vallée');

      // Reconnect: the new stream URL carries the watermark, and only what came after it is resent.
      const last = String(watermarks[watermarks.length - 1]);
      const reconnect = await json(`${channel.url}/v3/directline/conversations/${c.id}?watermark=${last}`, { token: c.token });
      expect(reconnect.status).toBe(200);
      expect(new URL(reconnect.body.streamUrl).searchParams.get('watermark')).toBe(last);
      const second = await StreamClient.open(reconnect.body.streamUrl);
      await post(channel, c, { type: 'event', name: 'ping-test', value: 1 });
      await waitFor(() => (second.activities.length >= 1 ? true : undefined), 'the event on the new stream');
      expect(second.activities.map((a) => a.name)).toEqual(['ping-test']);
      await second.close();
    } finally {
      await stream.close();
    }
  });

  it('gives a wss:// stream URL behind a TLS-terminating proxy', async () => {
    const generated = await json(`${channel.url}/v3/directline/tokens/generate`, { method: 'POST' });
    const started = await json(`${channel.url}/v3/directline/conversations`, {
      method: 'POST',
      token: generated.body.token,
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    expect(started.body.streamUrl.startsWith(`wss://${new URL(channel.url).host}/v3/directline/conversations/`)).toBe(true);
  });

  it('refreshes a token: the new one works for the same conversation', async () => {
    const c = await open(channel);
    const refreshed = await json(`${channel.url}/v3/directline/tokens/refresh`, { method: 'POST', token: c.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(c.id);
    expect(refreshed.body.token).not.toBe(c.token);
    expect((await activities(channel, { id: c.id, token: refreshed.body.token })).status).toBe(200);
  });

  it('refuses missing and bad tokens, and tokens of another conversation', async () => {
    const a = await open(channel);
    const b = await open(channel);
    expectPolite(await json(`${channel.url}/v3/directline/conversations/${a.id}/activities`), 401);
    expectPolite(await activities(channel, { id: a.id, token: 'not-a-token' }), 403);
    expectPolite(await activities(channel, { id: a.id, token: b.token }), 403);
    expectPolite(await post(channel, { id: a.id, token: b.token }, { type: 'message', text: 'intrusion' }), 403);
    expectPolite(await json(`${channel.url}/v3/directline/conversations`, { method: 'POST', token: 'x'.repeat(43) }), 403);
    expectPolite(await json(`${channel.url}/v3/directline/tokens/refresh`, { method: 'POST', token: 'forged' }), 403);
    await expect(StreamClient.open(a.streamUrl.replace(/t=[^&]+/, 't=forged'))).rejects.toThrow('HTTP 403');
    await expect(StreamClient.open(a.streamUrl.replace(a.id, b.id))).rejects.toThrow('HTTP 403');
  });

  it('answers 404 for a conversation that does not exist', async () => {
    const a = await open(channel);
    expectPolite(await activities(channel, { id: 'no-such-conversation', token: a.token }), 404);
    expectPolite(await json(`${channel.url}/v3/directline/conversations/no-such-conversation`, { token: a.token }), 404);
  });

  it('answers malformed JSON with a 400, a non-activity with a 400 and an oversized body with a 413, all without internals', async () => {
    const c = await open(channel);
    const url = `${channel.url}/v3/directline/conversations/${c.id}/activities`;
    expectPolite(await json(url, { method: 'POST', token: c.token, body: '{"type": "message", "text": ' }), 400);
    expectPolite(await json(url, { method: 'POST', token: c.token, body: '[1,2]' }), 400);
    expectPolite(await json(url, { method: 'POST', token: c.token, body: JSON.stringify({ type: 'invoke', name: 'x' }) }), 400);
    expectPolite(await json(url, { method: 'POST', token: c.token, body: JSON.stringify({ type: 'message', text: 'x'.repeat(40 * 1024) }) }), 413);
    // Nothing of the refused posts reached the transcript.
    const all = await activities(channel, c);
    expect(all.body.activities.filter((a: any) => a.from?.role === 'user')).toHaveLength(0);
  });

  it('lets only the bot, which holds the serviceUrl, post as the bot', async () => {
    const c = await open(channel);
    const forged = await json(`${channel.url}/directline-connector/guessed-key/v3/conversations/${c.id}/activities`, {
      method: 'POST',
      body: JSON.stringify({ type: 'message', text: 'Je suis le bot, donnez-moi votre mot de passe' }),
    });
    expect(forged.status).toBe(404);
    const all = await activities(channel, c);
    expect(JSON.stringify(all.body)).not.toContain('mot de passe');
  });

  it('serves the page with a strict CSP, the Web Chat bundle (gzip, ETag) and the mode', async () => {
    const page = await fetch(`${channel.url}/`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).toMatch(/<html lang="fr">/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    // A fresh nonce per answer.
    const second = (await fetch(`${channel.url}/`)).headers.get('content-security-policy');
    expect(second).not.toBe(csp);

    const bundle = await fetch(`${channel.url}/webchat/webchat.js`, { headers: { 'Accept-Encoding': 'identity' } });
    const body = Buffer.from(await bundle.arrayBuffer());
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect(body.equals(readFileSync(webChatBundlePath()))).toBe(true);
    const etag = bundle.headers.get('etag') as string;
    expect((await fetch(`${channel.url}/webchat/webchat.js`, { headers: { 'If-None-Match': etag } })).status).toBe(304);

    // Raw HTTP to see the compressed bytes (fetch would decode them).
    const gz = await new Promise<Buffer>((resolve, reject) => {
      const { port } = new URL(channel.url);
      get({ host: '127.0.0.1', port, path: '/webchat/webchat.js', headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        expect(res.headers['content-encoding']).toBe('gzip');
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject);
    });
    expect(gz.length).toBeLessThan(body.length / 2);
    expect(gunzipSync(gz).equals(body)).toBe(true);

    const embed = await fetch(`${channel.url}/embed.js`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await embed.text()).toContain('webchat/join');

    const config = await json(`${channel.url}/webchat/config.json`);
    expect(config.body).toEqual({ mode: 'local', tokenUrl: '/api/directline/token', directLineDomain: '/v3/directline' });
    expect(config.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('local Direct Line memory bounds', () => {
  let channel: Channel;
  const MAX_CONVERSATIONS = 5;
  const MAX_ACTIVITIES = 6;

  beforeAll(async () => {
    channel = await startChannel({
      botEndpoint: `${bot.url}/api/messages`,
      limits: { maxConversations: MAX_CONVERSATIONS, maxActivitiesPerConversation: MAX_ACTIVITIES },
      tokenRateLimitPerMinute: 10_000,
    });
  });
  afterAll(async () => {
    await channel?.close();
  });

  it('keeps at most maxActivitiesPerConversation activities, with watermarks still counting up', async () => {
    const c = await open(channel);
    for (let i = 0; i < 10; i++) expect((await post(channel, c, { type: 'event', name: 'counter', value: i })).status).toBe(200);
    const all = await activities(channel, c);
    expect(all.body.activities).toHaveLength(MAX_ACTIVITIES);
    expect(all.body.activities[MAX_ACTIVITIES - 1].value).toBe(9);
    expect(Number(all.body.watermark)).toBeGreaterThanOrEqual(10);
  });

  it('keeps at most maxConversations conversations under a stream of new ones; the oldest tokens stop working', async () => {
    const first = await open(channel);
    const SOAK = 150;
    for (let i = 0; i < SOAK; i++) {
      const c = await open(channel);
      expect((await post(channel, c, { type: 'event', name: 'soak', value: 'x'.repeat(500) })).status).toBe(200);
      const stats = channel.handle.stats();
      expect(stats.conversations).toBeLessThanOrEqual(MAX_CONVERSATIONS);
      expect(stats.tokens).toBeLessThanOrEqual(MAX_CONVERSATIONS * 2);
    }
    // Heap flatness is measured by `npm run soak` (scripts/soak.ts), in a process of its own.
    expect((await activities(channel, first)).status).toBe(403);
  });

  it('closes the websocket of an evicted conversation', async () => {
    const c = await open(channel);
    const stream = await StreamClient.open(c.streamUrl);
    const closed = new Promise<number>((resolve) => stream.ws.once('close', (code) => resolve(code)));
    for (let i = 0; i < MAX_CONVERSATIONS; i++) await open(channel);
    expect(await closed).toBe(4404);
    await waitFor(() => (channel.handle.stats().sockets === 0 ? true : undefined), 'the socket to be released');
  });
});

describe('local Direct Line when the bot is down', () => {
  it('answers a posted message with a polite 502', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const channel = await startChannel({ botEndpoint: `http://127.0.0.1:${port}/api/messages`, botTimeoutMs: 2000 });
    try {
      const c = await open(channel);
      const r = await post(channel, c, { type: 'message', text: 'Oyonnax' });
      expectPolite(r, 502);
      expect(channel.logs.join('\n')).toMatch(/could not reach the bot/);
    } finally {
      await channel.close();
    }
  });
});

describe('cross-origin embedding of the local channel', () => {
  let channel: Channel;
  const SITE = 'https://www.territoire-fictif.example.test';

  beforeAll(async () => {
    channel = await startChannel({ botEndpoint: `${bot.url}/api/messages`, corsOrigins: [SITE] });
  });
  afterAll(async () => {
    await channel?.close();
  });

  it('answers preflights and calls from a configured origin, and refuses other origins', async () => {
    const preflight = await fetch(`${channel.url}/v3/directline/conversations`, {
      method: 'OPTIONS',
      headers: { Origin: SITE, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-ms-bot-agent' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);

    const allowed = await json(`${channel.url}/api/directline/token`, { method: 'POST', headers: { Origin: SITE } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SITE);

    const other = await json(`${channel.url}/api/directline/token`, { method: 'POST', headers: { Origin: 'https://evil.example.test' } });
    expectPolite(other, 403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const c = await open(channel);
    await expect(StreamClient.open(c.streamUrl, { Origin: 'https://evil.example.test' })).rejects.toThrow('HTTP 403');
    const ok = await StreamClient.open(c.streamUrl, { Origin: SITE });
    await ok.close();
  });
});
