import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import http, { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../../src/app';
import { ConfigError, loadConfig } from '../../../src/config';
import { NoNumberReader } from '../../../src/infrastructure/parser';
import { serverArgs } from '../../helpers/built';
import { startApp } from '../../helpers/channel';
import { referenceData } from '../../helpers/kb';
import { json, waitFor } from '../webchat/helpers';
import { removeTempDirs, tempDir } from '../../helpers/temp';

/**
 * Rows 3, 8 and 13 of the public-edge review. A bot without app id (local mode) listens on
 * loopback, answers only its own local Direct Line, and refuses to run in production; a bot with
 * one counts its failed verifications per client and logs them as one sampled line; the local
 * Direct Line chooses its users' ids itself.
 */

function activity(serviceUrl: string, text = 'Oyonnax') {
  return {
    type: 'message',
    id: `act-${crypto.randomUUID()}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: 'user-fictif', name: 'Utilisateur Fictif' },
    recipient: { id: 'bot', name: 'Assistant' },
    conversation: { id: `conv-${crypto.randomUUID()}` },
    locale: 'fr-FR',
    text,
  };
}

/** POSTs JSON from a chosen loopback address (the client the server sees). */
function post(url: string, body: unknown, headers: Record<string, string> = {}, localAddress = '127.0.0.1'): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      { method: 'POST', localAddress, headers: { 'Content-Type': 'application/json', 'Content-Length': String(data.length), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** A server that records every request it receives: what a foreign serviceUrl would point at. */
async function listener(): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"x"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

describe('local mode (no app id), with no LOCAL_CHANNEL_URLS', () => {
  let app: App;
  let url: string;
  let foreign: Awaited<ReturnType<typeof listener>>;
  const logs: string[] = [];

  beforeAll(async () => {
    foreign = await listener();
    const config = loadConfig({ PORT: '0', STATE_DIR: tempDir('ti-local-'), COMPANY_API_URL: 'http://127.0.0.1:9' });
    app = await createApp(config, { log: (m) => logs.push(m), numberReader: new NoNumberReader(), ...referenceData() });
    // The default host: what `npm start` does.
    url = await app.listen(0);
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => foreign.server.close(resolve));
    removeTempDirs();
  });

  it('listens on the loopback interface only', () => {
    expect((app.server.server.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('never contacts a foreign serviceUrl, and answers the same whether its port is open or closed', async () => {
    const open = await post(`${url}/api/messages`, activity(foreign.url));
    const closed = await post(`${url}/api/messages`, activity('http://127.0.0.1:9'));
    const elsewhere = await post(`${url}/api/messages`, activity('http://192.0.2.10:8080/'));
    // Its own API is not a connector either.
    const ownApi = await post(`${url}/api/messages`, activity(`${url}/api`));
    expect([open.status, closed.status, elsewhere.status, ownApi.status]).toEqual([403, 403, 403, 403]);
    expect(JSON.parse(open.text).error.status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(foreign.hits).toEqual([]);
  });

  it('still serves its own local Direct Line end to end, with user ids of its own choosing', async () => {
    const generated = await json(`${url}/v3/directline/tokens/generate`, { method: 'POST', body: JSON.stringify({ user: { id: 'dl_victime' } }) });
    expect(generated.status).toBe(200);
    const started = await json(`${url}/v3/directline/conversations`, { method: 'POST', token: generated.body.token });
    const conversation = { id: started.body.conversationId as string, token: started.body.token as string };
    const sent = await json(`${url}/v3/directline/conversations/${conversation.id}/activities`, {
      method: 'POST',
      token: conversation.token,
      body: JSON.stringify({ type: 'message', text: 'Oyonnax', from: { id: 'dl_victime' } }),
    });
    expect(sent.status).toBe(200);
    const all = await waitFor(async () => {
      const r = await json(`${url}/v3/directline/conversations/${conversation.id}/activities`, { token: conversation.token });
      const acts = r.body.activities as any[];
      return acts.some((a) => a.from?.role === 'bot' && /Plastics Vallée/.test(JSON.stringify(a))) ? acts : undefined;
    }, 'the bot answer through the local Direct Line');
    const mine = all.find((a) => a.from?.role === 'user');
    expect(mine.from.id).toMatch(/^dl_[\w-]{8,}$/);
    expect(mine.from.id).not.toBe('dl_victime');
  });
});

describe('NODE_ENV=production without an app id', () => {
  it('is refused by the configuration', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId is required when NODE_ENV=production/);
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: '6f1c2b3a-0000-4fff-8abc-0123456789ab', MicrosoftAppPassword: 'fictif' })).not.toThrow();
    // The test-channel allowance cannot be combined with authentication, nor open remote ports.
    expect(() => loadConfig({ LOCAL_CHANNEL_URLS: 'http://192.0.2.10:*' })).toThrow(/only on a loopback host/);
  });

  it('stops the server at start-up with a clear message', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '0' };
    delete env.MicrosoftAppId;
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, serverArgs(), { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Refusing to start\. .*MicrosoftAppId is required when NODE_ENV=production/s);
  });
});

describe('failed verifications on /api/messages (app id set)', () => {
  const FICTIONAL_APP_ID = '6f1c2b3a-0000-4fff-8abc-0123456789ab';
  let app: App;
  let url: string;
  const logs: string[] = [];

  beforeAll(async () => {
    ({ app, url } = await startApp(
      { MicrosoftAppId: FICTIONAL_APP_ID, MicrosoftAppPassword: 'fictional-password-not-a-secret' },
      { log: (m) => logs.push(m) },
    ));
  });
  afterAll(() => app.close());

  it('limits them per client, logs them as one sampled line, and prints no stack trace', async () => {
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const warned = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++)
        statuses.push(
          (await post(`${url}/api/messages`, activity('https://smba.trafficmanager.net/fr/'), { Authorization: 'Bearer not.a.jwt' }, '127.0.0.31')).status,
        );
      // 10 failures a minute per client, then refused before any verification.
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual(Array(20).fill(429));
      // Another client is still verified (and refused for its own bad token, not limited).
      expect((await post(`${url}/api/messages`, activity('https://smba.trafficmanager.net/fr/'), {}, '127.0.0.32')).status).toBe(401);
      const refusals = logs.filter((l) => /Bot request refused/.test(l));
      expect(refusals).toHaveLength(1);
      expect(logs.join('\n')).not.toMatch(/\n\s+at |Error:|not\.a\.jwt/);
      expect(printed).not.toHaveBeenCalled();
      expect(warned).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
      warned.mockRestore();
    }
  });
});
