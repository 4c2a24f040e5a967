import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RechercheEntreprisesClient } from '../../../src/infrastructure/company-register';
import { startCompanyApiStub, type CompanyApiStub } from '../../fixtures/company-api/stub';

describe('RechercheEntreprisesClient against a local stub', () => {
  let stub: CompanyApiStub;
  let client: RechercheEntreprisesClient;
  beforeAll(async () => {
    stub = await startCompanyApiStub();
    // A local answer can take hundreds of milliseconds on a loaded machine: a timeout that never
    // fires by chance. The timeout itself is tested with a stub that does not answer in time.
    client = new RechercheEntreprisesClient({ baseUrl: stub.baseUrl, timeoutMs: 10_000 });
  });
  afterAll(() => stub.close());
  beforeEach(() => {
    stub.mode = 'normal';
    stub.requests.length = 0;
  });

  test('SIRET: the establishment commune, not the head office one', async () => {
    const r = await client.lookup('123 456 782 00028');
    expect(stub.requests).toEqual(['GET /search?q=12345678200028&page=1&per_page=5']);
    if (r.status !== 'found') throw new Error(`expected found, got ${r.status}`);
    expect(r.locatedBy).toBe('siret');
    expect(r.establishment).toMatchObject({ siret: '12345678200028', communeCode: '01283', communeName: 'OYONNAX', isHeadOffice: false });
    expect(r.headOffice).toMatchObject({ siret: '12345678200010', communeCode: '69381', isHeadOffice: true });
    expect(r).toMatchObject({
      siren: '123456782',
      name: 'SOCIETE FICTIVE TEST SAS',
      naf: '22.29A',
      nafSection: 'C',
      registryCategory: 'PME',
      allowedCategories: ['MICRO', 'PME'],
      headcountBand: { code: '21', min: 50, max: 99 },
      active: true,
    });
    expect(r.nafLabel).toMatch(/plastique/i);
  });

  test('SIRET of the head office itself', async () => {
    const r = await client.lookup('12345678200010');
    expect(r.status === 'found' && r.establishment?.communeCode).toBe('69381');
  });

  test('SIREN only: located by the head office, flagged as such', async () => {
    const r = await client.lookup('123456782');
    if (r.status !== 'found') throw new Error(r.status);
    expect(r.locatedBy).toBe('head-office');
    expect(r.establishment?.communeCode).toBe('69381');
  });

  test('a SIRET the directory does not list under its SIREN is not found', async () => {
    expect(await client.lookup('12345678200101')).toEqual({ status: 'not-found', number: '12345678200101' });
  });

  test('unknown company', async () => {
    expect(await client.lookup('987654324')).toEqual({ status: 'not-found', number: '987654324' });
  });

  test('invalid checksum: no request at all', async () => {
    expect(await client.lookup('123456789')).toEqual({ status: 'invalid', number: '123456789' });
    expect(await client.lookup('pas un numéro')).toMatchObject({ status: 'invalid' });
    expect(stub.requests).toEqual([]);
  });

  test.each([
    ['error-500', { status: 'unavailable', reason: 'http-error', httpStatus: 500 }],
    ['rate-limited', { status: 'unavailable', reason: 'rate-limited', httpStatus: 429 }],
    ['malformed', { status: 'unavailable', reason: 'bad-response' }],
    ['wrong-shape', { status: 'unavailable', reason: 'bad-response' }],
  ] as const)('%s', async (mode, expected) => {
    stub.mode = mode;
    expect(await client.lookup('12345678200028')).toEqual(expected);
  });

  test('timeout aborts the request', async () => {
    stub.mode = 'slow';
    stub.slowMs = 60_000;
    const impatient = new RechercheEntreprisesClient({ baseUrl: stub.baseUrl, timeoutMs: 300 });
    expect(await impatient.lookup('12345678200028')).toEqual({ status: 'unavailable', reason: 'timeout' });
  });

  test('unreachable server', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = new RechercheEntreprisesClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000 });
    expect(await offline.lookup('12345678200028')).toEqual({ status: 'unavailable', reason: 'network' });
  });

  test('findEstablishment adapter for the territory lookup', async () => {
    expect(await client.findEstablishment('12345678200028')).toEqual({
      status: 'found',
      communeCode: '01283',
      name: 'SOCIETE FICTIVE TEST SAS',
      naf: '22.29A',
      siret: '12345678200028',
    });
    expect(await client.findEstablishment('987654324')).toEqual({ status: 'not-found' });
    stub.mode = 'error-500';
    expect(await client.findEstablishment('12345678200028')).toEqual({ status: 'unavailable' });
  });
});
