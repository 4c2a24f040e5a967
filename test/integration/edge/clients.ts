import type { App } from '../../../src/app';
import { startApp } from '../../helpers/channel';

/**
 * Row 2 of the public-edge review: every limiter keys on the same client, which behind Azure App
 * Service (TRUST_PROXY=true) is the right-most X-Forwarded-For hop; a request without it is
 * refused; reached directly, the header is ignored.
 */
const LIMIT = 3;
const lookup = (base: string, forwarded?: string) =>
  fetch(`${base}/api/lookup?q=Oyonnax`, { headers: forwarded ? { 'X-Forwarded-For': forwarded } : {} }).then((r) => r.status);
const token = (base: string, path: string, forwarded?: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: forwarded ? { 'X-Forwarded-For': forwarded } : {} }).then((r) => r.status);

describe('behind one trusted proxy (TRUST_PROXY=true)', () => {
  let app: App;
  let base: string;
  beforeAll(async () => {
    ({ app, url: base } = await startApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' }));
  });
  afterAll(() => app.close());

  it('limits one client whatever first hops it forges', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push(await lookup(base, `192.0.2.${i}, 203.0.113.7:5${i}000`));
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429, 429]);
    // Another client behind the same proxy is not affected.
    expect(await lookup(base, '203.0.113.8:40000')).toBe(200);
  });

  it('refuses requests that do not name a client, on every limited endpoint; the health probe stays open', async () => {
    expect(await lookup(base)).toBe(400);
    expect(await lookup(base, 'not-an-address')).toBe(400);
    expect(await token(base, '/api/directline/token')).toBe(400);
    expect(await token(base, '/v3/directline/tokens/generate')).toBe(400);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});

describe('the web chat token limiter behind one trusted proxy', () => {
  let app: App;
  let base: string;
  beforeAll(async () => {
    ({ app, url: base } = await startApp({ RATE_LIMIT_PER_MINUTE: '100000', TRUST_PROXY: 'true' }));
  });
  afterAll(() => app.close());

  it('keys the web chat token limiters on the same client, not on the proxy address', async () => {
    // Default: 30 tokens a minute per client, shared by both token endpoints.
    const first: number[] = [];
    for (let i = 0; i < 31; i++)
      first.push(await token(base, i % 2 ? '/api/directline/token' : '/v3/directline/tokens/generate', `198.51.100.${i}, 203.0.113.50`));
    expect(first.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(first[30]).toBe(429);
    expect(await token(base, '/api/directline/token', '203.0.113.51')).toBe(200);
  });
});

describe('reached directly (TRUST_PROXY off)', () => {
  let app: App;
  let base: string;
  beforeAll(async () => {
    ({ app, url: base } = await startApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT) }));
  });
  afterAll(() => app.close());

  it('ignores X-Forwarded-For: one socket address is one client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) statuses.push(await lookup(base, `203.0.113.${i}`));
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429]);
    // A request without the header is served (and counted) too.
    expect(await lookup(base)).toBe(429);
  });
});
