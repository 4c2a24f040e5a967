import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { NoNumberReader } from '../../../src/infrastructure/parser';
import type { CompanyDirectory } from '../../../src/domain/company/directory';
import { OPERATOR_IDS, type LookupResult } from '../../../src/domain/types';
import { slotsWithFictiveBpifranceReferent, referenceData } from '../../helpers/kb';

/**
 * The real app over loopback, with the committed knowledge base (read-only here). No request here
 * parses a firm profile, so the recognizers are not warmed; the company register is a closed port.
 */
let app: App;
let base: string;
let stateDir: string;
const logs: string[] = [];

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'api-test-'));
  app = await createApp(loadConfig({ PORT: '0', STATE_DIR: stateDir, COMPANY_API_URL: 'http://127.0.0.1:9' }), {
    log: (m) => logs.push(m),
    numberReader: new NoNumberReader(),
    ...referenceData(),
  });
  base = await app.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

async function get(pathAndQuery: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: any; text: string }> {
  const res = await fetch(base + pathAndQuery, init);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: left null for the callers that assert on the text.
  }
  return { status: res.status, headers: res.headers, body, text };
}

function expectCleanError(r: { status: number; headers: Headers; body: any; text: string }, status: number): void {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  expect(r.body?.error?.status).toBe(status);
  expect(typeof r.body?.error?.message).toBe('string');
  expect(r.text).not.toMatch(/stack|\bat .+\.(ts|js):\d+|node_modules|Error:/);
}

describe('GET /api/lookup', () => {
  // Expected territories come from the committed ANCT lists (data/kb/territories.json).
  it.each`
    q                  | wave         | status         | territory    | commune      | matchedBy
    ${'oyonax'}        | ${undefined} | ${'resolved'}  | ${'ti-8413'} | ${'Oyonnax'} | ${'commune'}
    ${'01100'}         | ${undefined} | ${'resolved'}  | ${'ti-8413'} | ${null}      | ${'postal-code'}
    ${'01283'}         | ${undefined} | ${'resolved'}  | ${'ti-8413'} | ${'Oyonnax'} | ${'insee'}
    ${'Saint-Martin'}  | ${undefined} | ${'ambiguous'} | ${null}      | ${null}      | ${'commune'}
    ${'qsdkfjhqsdkjf'} | ${undefined} | ${'unknown'}   | ${null}      | ${null}      | ${undefined}
    ${'oyonax'}        | ${'2019'}    | ${'resolved'}  | ${'ti-8408'} | ${'Oyonnax'} | ${'commune'}
    ${'oyonax'}        | ${'2023'}    | ${'resolved'}  | ${'ti-8413'} | ${'Oyonnax'} | ${'commune'}
  `('q=$q wave=$wave → $status $territory', async ({ q, wave, status, territory, commune, matchedBy }) => {
    const params = new URLSearchParams({ q, ...(wave ? { wave } : {}) });
    const r = await get(`/api/lookup?${params}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const answer = r.body as LookupResult;
    expect(answer.query).toBe(q);
    expect(answer.status).toBe(status);
    expect(answer.wave).toBe(wave ? Number(wave) : 2023);
    expect(answer.territory?.id ?? null).toBe(territory);
    expect(answer.commune?.name ?? null).toBe(commune);
    expect(answer.matchedBy).toBe(matchedBy);
    if (territory) expect(answer.territory?.wave).toBe(answer.wave);
  });

  it('gives the four operators for a resolved place, decoded as UTF-8', async () => {
    const r = await get('/api/lookup?q=oyonax');
    const answer = r.body as LookupResult;
    expect(answer.territory?.name).toBe('Plastics Vallée – Oyonnax');
    expect(answer.referents.map((x) => x.operator)).toEqual([...OPERATOR_IDS]);
    expect(answer.candidates).toEqual([]);
  });

  it('lists candidates in different territories for a homonym', async () => {
    const answer = (await get('/api/lookup?q=Saint-Martin')).body as LookupResult;
    expect(answer.candidates.length).toBeGreaterThan(1);
    expect(answer.referents).toEqual([]);
    const territories = new Set(answer.candidates.map((c) => c.territory?.id ?? null));
    expect(territories.size).toBeGreaterThan(1);
    expect(answer.candidates.map((c) => c.commune?.code)).toContain('32389'); // Saint-Martin (Gers)
    for (const c of answer.candidates) expect(c.label).toMatch(/Saint-Martin/);
  });

  it('answers the same contract as the service behind it', async () => {
    const q = 'notre usine est à Bourg-en-Bresse';
    const r = await get(`/api/lookup?q=${encodeURIComponent(q)}&wave=2019`);
    expect(r.body).toEqual(JSON.parse(JSON.stringify(await app.services.lookup.lookup(q, { wave: 2019 }))));
  });

  it('trims the query and ignores unknown parameters', async () => {
    const r = await get(`/api/lookup?q=${encodeURIComponent('  Oyonnax  ')}&foo=bar&lang=en`);
    expect(r.status).toBe(200);
    expect(r.body.query).toBe('Oyonnax');
    expect(r.body.territory.id).toBe('ti-8413');
  });

  it.each`
    query                               | parameter
    ${''}                               | ${'q'}
    ${'?q='}                            | ${'q'}
    ${'?q=%20%20%20'}                   | ${'q'}
    ${'?wave=2023'}                     | ${'q'}
    ${`?q=${'a'.repeat(10_000)}`}       | ${'q'}
    ${`?q=${'é'.repeat(301)}`}          | ${'q'}
    ${'?q=a&q=b'}                       | ${'q'}
    ${'?q[x]=Oyonnax'}                  | ${'q'}
    ${'?q=Oyonnax&wave=2019&wave=2023'} | ${'wave'}
    ${'?q=Oyonnax&wave=1999'}           | ${'wave'}
    ${'?q=Oyonnax&wave=deux-mille'}     | ${'wave'}
    ${'?q=Oyonnax&wave=2023.0'}         | ${'wave'}
  `('refuses "$query" with a 400 naming $parameter', async ({ query, parameter }) => {
    const r = await get(`/api/lookup${query}`);
    expectCleanError(r, 400);
    expect(r.body.error.parameter).toBe(parameter);
    expect(r.headers.get('cache-control')).toBe('no-store');
    if (parameter === 'wave' && !query.includes('&wave=2019&')) {
      expect(r.body.error.allowed).toEqual([2019, 2023]);
      expect(r.body.error.message).toContain('2019, 2023');
    }
  });

  it('accepts exactly 300 characters', async () => {
    const q = `Oyonnax ${'é'.repeat(292)}`;
    expect([...q]).toHaveLength(300);
    const r = await get(`/api/lookup?q=${encodeURIComponent(q)}`);
    expect(r.status).toBe(200);
    expect(r.body.territory?.id).toBe('ti-8413');
  });

  it('answers a malformed percent-encoding without crashing', async () => {
    const r = await get('/api/lookup?q=%E0%A4%A&wave=%ZZ');
    expectCleanError(r, 400);
    expect(r.body.error.parameter).toBe('wave');
    const ok = await get('/api/lookup?q=%E0%A4%A');
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('unknown');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('answers %s with a JSON 405', async (method) => {
    const r = await get('/api/lookup?q=Oyonnax', { method, headers: { 'content-type': 'application/json' }, body: '{}' });
    expectCleanError(r, 405);
  });
});

describe('GET /api/territories', () => {
  it.each`
    wave         | count
    ${undefined} | ${183}
    ${'2023'}    | ${183}
    ${'2019'}    | ${149}
  `('lists $count territories for wave $wave', async ({ wave, count }) => {
    const r = await get(`/api/territories${wave ? `?wave=${wave}` : ''}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(r.body.wave).toBe(wave ? Number(wave) : 2023);
    expect(r.body.waves).toEqual([2019, 2023]);
    expect(r.body.count).toBe(count);
    expect(r.body.territories).toHaveLength(count);
    expect(new Set(r.body.territories.map((t: { id: string }) => t.id)).size).toBe(count);
    for (const t of r.body.territories) {
      expect(Object.keys(t).sort()).toEqual(['id', 'memberCount', 'name', 'referentsDesignated', 'region', 'regionCode', 'wave']);
      expect(t.wave).toBe(r.body.wave);
      expect(t.memberCount).toBeGreaterThan(0);
      expect(t.referentsDesignated).toBe(0); // no operator has published its referents yet
    }
  });

  it('summarizes ti-8413 from the knowledge base', async () => {
    const r = await get('/api/territories?wave=2023');
    const t = r.body.territories.find((x: { id: string }) => x.id === 'ti-8413');
    expect(t).toEqual({
      id: 'ti-8413',
      name: 'Plastics Vallée – Oyonnax',
      wave: 2023,
      region: 'Auvergne-Rhône-Alpes',
      regionCode: '84',
      memberCount: 1,
      referentsDesignated: 0,
    });
  });

  it('refuses an unknown wave with the valid ones', async () => {
    const r = await get('/api/territories?wave=2031');
    expectCleanError(r, 400);
    expect(r.body.error.allowed).toEqual([2019, 2023]);
  });
});

describe('GET /api/territories/:wave/:id', () => {
  it('details ti-8413 (2023): members with commune counts, 4 referents, source', async () => {
    const r = await get('/api/territories/2023/ti-8413');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const kb = app.services.kb;
    const territory = kb.territory(2023, 'ti-8413')!;
    expect(r.body.name).toBe('Plastics Vallée – Oyonnax');
    expect(r.body.source).toBe(territory.source);
    expect(r.body.source).toMatch(/^https:\/\//);
    expect(r.body.members).toEqual([
      { kind: 'epci', code: '200042935', name: 'CA Haut-Bugey Agglomération', communeCount: kb.geo.groupings.get('200042935')!.memberCodes.length },
    ]);
    expect(r.body.members[0].communeCount).toBeGreaterThan(10);
    expect(r.body.communeCount).toBe(kb.communesOf(territory).length);
    expect(r.body.referents).toHaveLength(4);
    expect(r.body.referents.map((x: { operator: string }) => x.operator)).toEqual([...OPERATOR_IDS]);
    expect(r.body.referents).toEqual(JSON.parse(JSON.stringify(kb.referents(territory))));
  });

  it('gives the other wave its own territory under the same id', async () => {
    const r = await get('/api/territories/2019/ti-8413');
    expect(r.status).toBe(200);
    expect(r.body.wave).toBe(2019);
    expect(r.body.name).not.toBe('Plastics Vallée – Oyonnax');
  });

  it.each(['/api/territories/2023/ti-0000', '/api/territories/2023/%E0%A4%A', `/api/territories/2023/${'x'.repeat(500)}`])(
    'answers a JSON 404 for %s',
    async (url) => {
      expectCleanError(await get(url), 404);
    },
  );

  it('answers a 400 for a wave that is not a list', async () => {
    const r = await get('/api/territories/1999/ti-8413');
    expectCleanError(r, 400);
    expect(r.body.error.parameter).toBe('wave');
  });

  it('answers POST with a JSON 405', async () => {
    expectCleanError(await get('/api/territories/2023/ti-8413', { method: 'POST' }), 405);
  });

  it('logged no server error during the whole suite', () => {
    expect(logs.filter((l) => /HTTP 5\d\d/.test(l))).toEqual([]);
  });
});

describe('with a designated referent and a company directory', () => {
  let app2: App;
  let base2: string;
  let dir: string;
  const directory: CompanyDirectory = {
    findEstablishment: async (n) =>
      n === '12345678900011' ? { status: 'found', communeCode: '01283', name: 'Société Fictive Test SAS', siret: n } : { status: 'not-found' },
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'api-kb-'));
    cpSync('data/kb', path.join(dir, 'kb'), { recursive: true });
    app2 = await createApp(loadConfig({ PORT: '0', STATE_DIR: path.join(dir, 'state'), KB_DIR: path.join(dir, 'kb') }), {
      log: () => undefined,
      directory,
      numberReader: new NoNumberReader(),
      ...referenceData(),
    });
    base2 = await app2.listen(0, '127.0.0.1');
    const kb = app2.services.kb;
    await kb.replace({ slots: slotsWithFictiveBpifranceReferent(kb, 'ti-8413') });
  });

  afterAll(async () => {
    await app2?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts and shows the named referent', async () => {
    const list = await (await fetch(`${base2}/api/territories?wave=2023`)).json();
    expect(list.territories.find((t: { id: string }) => t.id === 'ti-8413').referentsDesignated).toBe(1);
    expect(list.territories.filter((t: { referentsDesignated: number }) => t.referentsDesignated > 0)).toHaveLength(1);
    const detail = await (await fetch(`${base2}/api/territories/2023/ti-8413`)).json();
    expect(detail.referentsDesignated).toBe(1);
    const bpi = detail.referents.find((r: { operator: string }) => r.operator === 'bpifrance');
    expect(bpi).toMatchObject({ kind: 'named', name: 'Camille Fictive', email: 'camille.fictive@example.test', source: 'test fixture' });
  });

  it('resolves a SIRET through the establishment commune, never cached', async () => {
    const res = await fetch(`${base2}/api/lookup?q=${encodeURIComponent('SIRET 123 456 789 00011')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const answer = await res.json();
    expect(answer).toMatchObject({ status: 'resolved', matchedBy: 'siret', territory: { id: 'ti-8413' }, commune: { code: '01283' } });
    expect(answer.company).toMatchObject({ status: 'found', name: 'Société Fictive Test SAS' });
  });
});
