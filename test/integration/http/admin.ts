import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentsOnDisk } from '../../helpers/stores';
import { referenceData } from '../../helpers/kb';
import { createApp, type App } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { NoNumberReader } from '../../../src/infrastructure/parser';
import type { ReferentView } from '../../../src/domain/types';
import { CONSENT_TEXT_VERSION } from '../../../src/presentation/messages';
import { removeTempDirs, tempDir } from '../../helpers/temp';

/**
 * The real app over loopback with a writable copy of the knowledge base: every admin change is
 * checked through the public API or the files, never through internals alone.
 */
const TOKEN = 'test-admin-token-0123456789';
let app: App;
let base: string;
let stateDir: string;
let kbDir: string;
const logs: string[] = [];

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'admin-state-'));
  kbDir = mkdtempSync(path.join(os.tmpdir(), 'admin-kb-'));
  cpSync('data/kb', kbDir, { recursive: true });
  app = await createApp(loadConfig({ PORT: '0', STATE_DIR: stateDir, KB_DIR: kbDir, ADMIN_TOKEN: TOKEN }), {
    log: (m) => logs.push(m),
    numberReader: new NoNumberReader(),
    ...referenceData(),
  });
  base = await app.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(kbDir, { recursive: true, force: true });
  removeTempDirs();
});

interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

async function call(
  method: string,
  pathAndQuery: string,
  options: { body?: unknown; csv?: string; token?: string | null; user?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.user) headers['x-admin-user'] = options.user;
  let body: string | undefined;
  if (options.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = options.csv;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(base + pathAndQuery, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: left null for the callers that assert on the text.
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

function expectCleanError(r: Answer, status: number): void {
  expect(r.status).toBe(status);
  expect(r.body?.error?.status).toBe(status);
  expect(r.text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules/);
}

const REFERENT = {
  name: 'Alex Fictif',
  role: "Chargé d'affaires",
  email: 'Alex.Fictif@Example.test',
  phone: '06 12 34 56 78',
  source: 'Courriel de désignation (fixture de test)',
  verifiedAt: '2026-01-15',
};

async function lookupBpifrance(q: string): Promise<ReferentView | undefined> {
  const r = await call('GET', `/api/lookup?q=${encodeURIComponent(q)}`, { token: null });
  expect(r.status).toBe(200);
  expect(r.body.territory?.id).toBe('ti-8413');
  return (r.body.referents as ReferentView[]).find((v) => v.operator === 'bpifrance');
}

describe('admin authentication', () => {
  it.each`
    case                | token
    ${'missing'}        | ${null}
    ${'wrong'}          | ${'test-admin-token-0123456780'}
    ${'shorter prefix'} | ${'test-admin-token'}
    ${'empty'}          | ${''}
  `('rejects a $case token with 401 and WWW-Authenticate', async ({ token }) => {
    const r = await call('GET', '/api/admin/slots?territory=ti-8413', { token });
    expectCleanError(r, 401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm="admin"/);
    expect(r.body.slots).toBeUndefined();
  });

  it('rejects a token given with another scheme', async () => {
    const res = await fetch(`${base}/api/admin/slots`, { headers: { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` } });
    expect(res.status).toBe(401);
  });

  it('rejects a write with a wrong token and changes nothing', async () => {
    const before = readFileSync(path.join(kbDir, 'referents.json'), 'utf8');
    const r = await call('PUT', '/api/admin/slots/2023/ti-8413/bpifrance', { body: REFERENT, token: 'not-the-token-at-all' });
    expectCleanError(r, 401);
    expect(readFileSync(path.join(kbDir, 'referents.json'), 'utf8')).toBe(before);
  });

  it('answers 404 everywhere under /api/admin when no ADMIN_TOKEN is configured', async () => {
    const off = await createApp(loadConfig({ PORT: '0', STATE_DIR: tempDir('admin-off-'), KB_DIR: kbDir }), {
      log: () => undefined,
      numberReader: new NoNumberReader(),
      ...referenceData(),
    });
    const offBase = await off.listen(0, '127.0.0.1');
    try {
      for (const [method, p] of [
        ['GET', '/api/admin/slots'],
        ['GET', '/api/admin/coverage'],
        ['POST', '/api/admin/referents/import'],
      ] as const) {
        const res = await fetch(offBase + p, { method, headers: { authorization: `Bearer ${TOKEN}` } });
        expect(res.status).toBe(404);
      }
    } finally {
      await off.close();
    }
  });
});

describe('referent slots', () => {
  it('replaces a slot; the lookup shows the named referent without restart; history keeps the previous value', async () => {
    const before = await lookupBpifrance('Oyonnax');
    expect(before?.kind).toBe('regional');

    const r = await call('PUT', '/api/admin/slots/2023/ti-8413/bpifrance', { body: REFERENT, user: 'Alice Admin' });
    expect(r.status).toBe(200);
    expect(r.body.changed).toBe(true);
    expect(r.body.slot).toMatchObject({ updatedBy: 'admin:Alice Admin', referent: { email: 'alex.fictif@example.test', phone: '06 12 34 56 78' } });

    const after = await lookupBpifrance('Oyonnax');
    expect(after).toMatchObject({ kind: 'named', name: 'Alex Fictif', email: 'alex.fictif@example.test' });

    // Written to the knowledge-base file, so it survives a restart.
    const onDisk = JSON.parse(readFileSync(path.join(kbDir, 'referents.json'), 'utf8'));
    const slot = onDisk.slots.find((s: any) => s.wave === 2023 && s.territoryId === 'ti-8413' && s.operator === 'bpifrance');
    expect(slot.referent.name).toBe('Alex Fictif');

    const h = await call('GET', '/api/admin/history?key=2023/ti-8413/bpifrance');
    expect(h.status).toBe(200);
    const entry = h.body.entries[0];
    expect(entry).toMatchObject({ who: 'admin:Alice Admin', action: 'slot.replace' });
    expect(entry.changes[0]).toMatchObject({ key: '2023/ti-8413/bpifrance', before: { referent: null }, after: { referent: { name: 'Alex Fictif' } } });
    expect(Date.parse(entry.at)).not.toBeNaN();

    const listed = await call('GET', '/api/admin/slots?wave=2023&territory=ti-8413');
    expect(listed.body.count).toBe(4);
    expect(listed.body.slots.filter((s: any) => s.referent).map((s: any) => s.operator)).toEqual(['bpifrance']);
  });

  it('clears a slot with null, recording the referent it had', async () => {
    await call('PUT', '/api/admin/slots/2023/ti-8401/france-travail', { body: REFERENT });
    const r = await call('PUT', '/api/admin/slots/2023/ti-8401/france-travail', { body: null });
    expect(r.status).toBe(200);
    expect(r.body.slot.referent).toBeNull();
    const h = await call('GET', '/api/admin/history?key=2023/ti-8401/france-travail&limit=1');
    expect(h.body.entries[0].changes[0].before.referent.name).toBe('Alex Fictif');
  });

  it('rejects an invalid referent listing every problem, and an unknown slot with 404', async () => {
    const bad = await call('PUT', '/api/admin/slots/2023/ti-8413/france-travail', {
      body: { name: '', email: 'pas-un-email', phone: '12', source: '', verifiedAt: 'hier', extra: 1 },
    });
    expectCleanError(bad, 400);
    const messages = bad.body.error.errors.map((e: any) => e.message).join('\n');
    for (const expected of ['name is required', 'source is required', 'not a valid e-mail', 'not a valid French phone', 'is not a date', 'unknown field']) {
      expect(messages).toContain(expected);
    }
    expectCleanError(await call('PUT', '/api/admin/slots/2023/ti-9999/bpifrance', { body: REFERENT }), 404);
    expectCleanError(await call('PUT', '/api/admin/slots/2023/ti-8413/la-poste', { body: REFERENT }), 404);
    expectCleanError(await call('PUT', '/api/admin/slots/2023/ti-8413/bpifrance', { csv: 'name\nx' }), 415);
  });
});

const HEADER = 'territory_id,wave,operator,name,role,email,phone,source,verified_at';

describe('referents CSV import', () => {
  it('rejects a file with 3 bad lines, lists each of them, and changes nothing', async () => {
    const referentsBefore = readFileSync(path.join(kbDir, 'referents.json'), 'utf8');
    const historyBefore = (await call('GET', '/api/admin/history')).body.count;
    const csv = [
      HEADER,
      'ti-8402,2023,bpifrance,Dominique Essai,Chargée d affaires,dominique@example.test,,Fixture de test,2026-01-10',
      'ti-9999,2023,bpifrance,Sam Inconnu,Chargé,sam@example.test,,Fixture de test,2026-01-10',
      'ti-8403,2023,business-france,Lou Test,Conseillère,lou@example,,Fixture de test,2026-01-10',
      'ti-8403,2023,france-travail,Max Test,Conseiller,max@example.test,,Fixture de test,2026-01-10,extra',
      'ti-8402,2023,france-travail,Noa Test,Conseiller,noa@example.test,04 74 00 00 00,Fixture de test,2026-01-10',
    ].join('\n');
    const r = await call('POST', '/api/admin/referents/import', { csv });
    expectCleanError(r, 400);
    const lines = [...new Set(r.body.error.errors.map((e: any) => e.line))];
    expect(lines).toEqual([3, 4, 5]);
    expect(r.body.error.message).toMatch(/3 bad line/);
    expect(r.body.error.errors.find((e: any) => e.line === 3).message).toContain('ti-9999');
    expect(r.body.error.errors.find((e: any) => e.line === 4).message).toContain('e-mail');
    expect(r.body.error.errors.find((e: any) => e.line === 5).message).toContain('fields');
    expect(readFileSync(path.join(kbDir, 'referents.json'), 'utf8')).toBe(referentsBefore);
    expect((await call('GET', '/api/admin/history')).body.count).toBe(historyBefore);
    expect((await call('GET', '/api/admin/slots?wave=2023&territory=ti-8402&named=true')).body.count).toBe(0);
  });

  it('reports a missing column and a duplicate row', async () => {
    const missing = await call('POST', '/api/admin/referents/import', { csv: 'territory_id,wave,operator,name\nti-8402,2023,bpifrance,X' });
    expectCleanError(missing, 400);
    expect(missing.body.error.errors[0]).toMatchObject({ line: 1, message: expect.stringContaining('verified_at') });
    const dup = await call('POST', '/api/admin/referents/import', {
      csv: `${HEADER}\nti-8402,2023,bpifrance,A Test,R,a@example.test,,Fixture,2026-01-10\nti-8402,2023,bpifrance,B Test,R,b@example.test,,Fixture,2026-01-10`,
    });
    expectCleanError(dup, 400);
    expect(dup.body.error.errors).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('already given on line 2') })]);
  });

  it('imports a valid file (quoted fields, CRLF, BOM) in one change', async () => {
    const csv = `\uFEFF${HEADER}\r\nti-8402,2023,bpifrance,Dominique Essai,"Chargée d'affaires, industrie",dominique@example.test,,Fixture de test,2026-01-10\r\nti-8402,2023,france-travail,Noa Test,Conseiller,,04 74 00 00 00,Fixture de test,2026-01-10\r\n`;
    const r = await call('POST', '/api/admin/referents/import', { csv, user: 'import-bot' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rows: 2, changed: 2 });
    const slots = (await call('GET', '/api/admin/slots?wave=2023&territory=ti-8402&named=true')).body.slots;
    expect(slots.map((s: any) => [s.operator, s.referent.role, s.referent.phone ?? s.referent.email])).toEqual([
      ['bpifrance', "Chargée d'affaires, industrie", 'dominique@example.test'],
      ['france-travail', 'Conseiller', '04 74 00 00 00'],
    ]);
    const h = await call('GET', '/api/admin/history?action=referents.import&limit=1');
    expect(h.body.entries[0]).toMatchObject({ who: 'admin:import-bot' });
    expect(h.body.entries[0].changes).toHaveLength(2);
    // Re-importing the same file changes nothing.
    expect((await call('POST', '/api/admin/referents/import', { csv })).body.changed).toBe(0);
  });
});

describe('territory list import', () => {
  const TH = 'territory_id,territory_name,region_code,region_name,epci_siren,epci_name,wave,source_url';
  const SRC = 'https://example.test/liste-fictive-anct.csv';
  const goodCsv = (wave: number) =>
    [
      TH,
      `ti-8401,Territoire Fictif Alpha,84,Auvergne-Rhône-Alpes,200042935,CA Haut-Bugey Agglomération,${wave},${SRC}`,
      `ti-8401,Territoire Fictif Alpha,84,Auvergne-Rhône-Alpes,200040350,CC Bugey Sud,${wave},${SRC}`,
      `ti-8402,Territoire Fictif Beta,84,Auvergne-Rhône-Alpes,200071751,CA du Bassin de Bourg-en-Bresse,${wave},${SRC}`,
    ].join('\n');

  it('rejects a bad list with every bad line and changes nothing', async () => {
    const territoriesBefore = readFileSync(path.join(kbDir, 'territories.json'), 'utf8');
    const csv = [
      TH,
      `ti-8401,Territoire Fictif Alpha,84,Auvergne-Rhône-Alpes,999999999,EPCI inexistant,2031,${SRC}`,
      `ti-8402,Territoire Fictif Beta,84,Auvergne-Rhône-Alpes,200071751,CA du Bassin de Bourg-en-Bresse,2030,${SRC}`,
      `ti-8403,Territoire Fictif Gamma,84,Auvergne-Rhône-Alpes,200040566,CA de l'Ouest Rhodanien,2031`,
    ].join('\n');
    const r = await call('POST', '/api/admin/territories/import?wave=2031', { csv });
    expectCleanError(r, 400);
    expect([...new Set(r.body.error.errors.map((e: any) => e.line))]).toEqual(expect.arrayContaining([2, 3, 4]));
    expect(readFileSync(path.join(kbDir, 'territories.json'), 'utf8')).toBe(territoriesBefore);
    expect((await call('GET', '/health', { token: null })).body.waves).toEqual([2019, 2023]);
  });

  it('imports a new wave with four empty slots per territory, refuses to overwrite it unless replace=true', async () => {
    const r = await call('POST', '/api/admin/territories/import?wave=2031', { csv: goodCsv(2031), user: 'anct-import' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ wave: 2031, territories: 2, replaced: false });
    expect((await call('GET', '/health', { token: null })).body.waves).toEqual([2019, 2023, 2031]);
    const slots = (await call('GET', '/api/admin/slots?wave=2031')).body;
    expect(slots.count).toBe(8);
    expect(slots.slots.every((s: any) => s.referent === null && s.updatedBy === 'admin:anct-import')).toBe(true);
    const lookup = await call('GET', '/api/lookup?q=Oyonnax&wave=2031', { token: null });
    expect(lookup.status).toBe(200);
    expect(lookup.body.territory).toMatchObject({ id: 'ti-8401', wave: 2031, name: 'Territoire Fictif Alpha' });

    const again = await call('POST', '/api/admin/territories/import?wave=2031', { csv: goodCsv(2031) });
    expectCleanError(again, 409);

    await call('PUT', '/api/admin/slots/2031/ti-8401/bpifrance', { body: REFERENT });
    const replaced = await call('POST', '/api/admin/territories/import?wave=2031&replace=true', { csv: goodCsv(2031).split('\n').slice(0, 3).join('\n') });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ territories: 1, replaced: true });
    const kept = (await call('GET', '/api/admin/slots?wave=2031')).body.slots;
    expect(kept).toHaveLength(4);
    expect(kept.find((s: any) => s.operator === 'bpifrance').referent.name).toBe('Alex Fictif');
    const h = await call('GET', '/api/admin/history?action=territories.import&limit=1');
    expect(h.body.entries[0].changes[0].before.territories.map((t: any) => t.id)).toEqual(['ti-8401', 'ti-8402']);
    expect(h.body.entries[0].changes[0].before.slotsRemoved).toHaveLength(4);
  });

  it('requires the wave parameter and a CSV body', async () => {
    expectCleanError(await call('POST', '/api/admin/territories/import', { csv: goodCsv(2032) }), 400);
    expectCleanError(await call('POST', '/api/admin/territories/import?wave=2032', { body: { csv: 'x' } }), 415);
  });
});

describe('coverage', () => {
  it('lists territories whose slots lack a named referent or whose referent was verified too long ago', async () => {
    const r = await call('GET', '/api/admin/coverage?wave=2023&olderThanDays=36500');
    expect(r.status).toBe(200);
    const oyonnax = r.body.territories.find((t: any) => t.territoryId === 'ti-8413');
    expect(oyonnax.missing).toEqual(['banque-des-territoires', 'business-france', 'france-travail']);
    expect(oyonnax.stale).toEqual([]);
    expect(r.body.totals.named).toBeGreaterThanOrEqual(3);
    expect(r.body.totals.missing + r.body.totals.named).toBe(r.body.totals.slots);

    const strict = await call('GET', '/api/admin/coverage?wave=2023&olderThanDays=0');
    expect(strict.body.territories.find((t: any) => t.territoryId === 'ti-8413').stale).toEqual([{ operator: 'bpifrance', verifiedAt: '2026-01-15' }]);
    expectCleanError(await call('GET', '/api/admin/coverage?olderThanDays=-3'), 400);
  });

  it('states what firms are shown instead of referents, and that without a notifier requests reach nobody', async () => {
    const r = await call('GET', '/api/admin/coverage?wave=2023');
    expect(r.body.entryPoints).toMatchObject({ cells: 72, filled: 34 });
    // Every territory of every list (an imported one too) shows each operator's phone or link first.
    expect(r.body.entryPoints.firstContacts.withPhoneOrLink).toBe(r.body.entryPoints.firstContacts.total);
    // Designated referents per list and operator, counted from the slots: the Bpifrance referent set above counts.
    const designated = r.body.entryPoints.designated as Array<{ wave: number; territories: number; byOperator: Record<string, number> }>;
    expect(designated.find((d) => d.wave === 2023)).toMatchObject({ territories: 183, byOperator: { bpifrance: expect.any(Number) } });
    expect(designated.find((d) => d.wave === 2023)!.byOperator.bpifrance).toBeGreaterThanOrEqual(1);
    const sum = designated.reduce((n, d) => n + Object.values(d.byOperator).reduce((a, b) => a + b, 0), 0);
    expect(sum).toBe(r.body.entryPoints.firstContacts.named);
    // This app has neither SMTP_URL nor NOTIFY_WEBHOOK_URL.
    expect(r.body.contactDelivery).toMatchObject({ channels: [], entryPointRequestsDelivered: false });
    expect(typeof r.body.contactDelivery.waiting).toBe('number');
    const health = await call('GET', '/health', { token: null });
    expect(health.status).toBe(200);
    expect(health.body.contactRequests).toMatchObject({ delivered: 'none', notifiers: [] });
  });
});

describe('contact requests administration', () => {
  let reference = '';

  beforeAll(async () => {
    const submitted = await app.services.contact.submit(
      {
        territory: { id: 'ti-8413', wave: 2023 },
        operator: 'france-travail',
        channel: 'webchat',
        firm: { name: 'Société Fictive Test SAS', contactName: 'Camille Testeur', email: 'camille@example.test', phone: '06 98 76 54 32' },
        need: 'Recruter deux soudeurs.',
        consent: { given: true, textVersion: CONSENT_TEXT_VERSION },
      },
      'admin-test/conv-1',
    );
    reference = submitted.reference;
  });

  it('lists requests without internal keys, with their notifications', async () => {
    const r = await call('GET', '/api/admin/requests?status=nouvelle');
    expect(r.status).toBe(200);
    const found = r.body.requests.find((x: any) => x.reference === reference);
    expect(found).toMatchObject({ status: 'nouvelle', operator: 'france-travail', target: { kind: 'entry-point' }, firm: { phone: '+33698765432' } });
    expect(found).not.toHaveProperty('idempotencyKey');
    expect(found.notifications).toEqual([]); // no notifier configured in this app
    expectCleanError(await call('GET', '/api/admin/requests?status=perdue'), 400);
  });

  it('changes a status with who did it; the firm sees it', async () => {
    const r = await call('PATCH', `/api/admin/requests/${reference}`, { body: { status: 'prise en charge', note: 'rappel jeudi' }, user: 'Alice Admin' });
    expect(r.status).toBe(200);
    expect(r.body.history.at(-1)).toMatchObject({ from: 'nouvelle', to: 'prise en charge', actor: 'admin:Alice Admin', note: 'rappel jeudi' });
    const [status] = await app.services.contact.status(reference);
    expect(status?.status).toBe('prise en charge');
    expectCleanError(await call('PATCH', `/api/admin/requests/${reference}`, { body: { status: 'archivée' } }), 400);
    expectCleanError(await call('PATCH', '/api/admin/requests/TI-2026-ZZZZZ', { body: { status: 'close' } }), 404);
  });

  it('exports then erases one firm', async () => {
    const exp = await call('GET', '/api/admin/requests/export?firm=camille%40example.test');
    expect(exp.status).toBe(200);
    expect(exp.body.requests.map((r: any) => r.reference)).toEqual([reference]);
    const del = await call('DELETE', '/api/admin/firms?email=camille%40example.test');
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ erased: 1, references: [reference], conversations: 0 });
    expect(JSON.stringify(documentsOnDisk(path.join(stateDir, 'requests')))).not.toContain('camille@example.test');
    expect((await call('GET', `/api/admin/requests/${reference}`)).status).toBe(404);
    expectCleanError(await call('DELETE', '/api/admin/firms'), 400);
  });

  it('lists the outbox', async () => {
    const r = await call('GET', '/api/admin/outbox?status=failed');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ count: 0, entries: [] });
    expectCleanError(await call('POST', '/api/admin/outbox/unknown-id/retry'), 404);
  });
});
