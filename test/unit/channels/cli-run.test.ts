import { PassThrough, Readable } from 'node:stream';
import { loadConfig } from '../../../src/config';
import { LookupService } from '../../../src/domain/resolution/lookup';
import type { LookupResult } from '../../../src/domain/types';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, parseArgs, runCli, UsageError, type CliOptions, type LookupEngine } from '../../../src/channels/cli/lookup';
import { realKnowledge } from '../../helpers/kb';

/**
 * runCli in-process with the real knowledge base: the argument and stream handling that the
 * child-process tests (cli.test.ts) would make slow to cover one by one.
 */
async function realEngine(): Promise<LookupEngine> {
  const { kb, resolver } = await realKnowledge();
  return { service: new LookupService(resolver, null), waves: kb.waves(), defaultWave: 2023 };
}

async function runIn(args: string[], input = '', options: CliOptions = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const code = await runCli(
    args,
    { stdin: Readable.from(input ? [input] : []), stdout, stderr },
    {
      config: () => loadConfig({ DEFAULT_WAVE: '2023' }),
      engine: realEngine,
      ...options,
    },
  );
  return { code, stdout: out, stderr: err };
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LookupResult & { error?: string });

describe('parseArgs', () => {
  it.each`
    argv                             | expected
    ${['oyonax']}                    | ${{ help: false, json: false, query: 'oyonax' }}
    ${['--json', 'Saint', 'Martin']} | ${{ help: false, json: true, query: 'Saint Martin' }}
    ${['-j', '-w', '2019', 'x']}     | ${{ help: false, json: true, wave: 2019, query: 'x' }}
    ${['--wave=2023']}               | ${{ help: false, json: false, wave: 2023 }}
    ${['--', '--json']}              | ${{ help: false, json: false, query: '--json' }}
    ${['-h']}                        | ${{ help: true, json: false }}
    ${[]}                            | ${{ help: false, json: false }}
    ${['-42000']}                    | ${{ help: false, json: false, query: '-42000' }}
  `('$argv', ({ argv, expected }) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it.each([[['--wave']], [['--wave', 'deux']], [['--wave=']], [['--wave', '20199']], [['--verbose']], [['-x', 'a']], [['   ']]])('refuses %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
  });
});

describe('runCli', () => {
  it.each([['--wave', '2019'], ['--wave=2019'], ['-w', '2019']])('picks the 2019 list with %s', async (...flag) => {
    const r = await runIn([...flag, '--json', 'oyonax']);
    expect(r.code).toBe(EXIT_OK);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'resolved', wave: 2019, territory: { id: 'ti-8408', wave: 2019 } });
  });

  it('joins words into one query', async () => {
    const r = await runIn(['notre', 'usine', 'est', 'à', 'Oyonnax']);
    expect(r.stdout).toContain('(ti-8413)');
  });

  it('lists the candidates of a homonym with their INSEE codes', async () => {
    const r = await runIn(['Saint-Martin']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('Plusieurs lieux correspondent à « Saint-Martin »');
    expect(r.stdout).toMatch(/Saint-Martin \(Gers, 32\) — INSEE 32389 → Territoire d’industrie « .+ » \(ti-7608\)/);
  });

  it('says clearly when nothing matches, and exits 0', async () => {
    const r = await runIn(['qsdkfjhqsdkjf']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('Aucun lieu trouvé pour « qsdkfjhqsdkjf »');
  });

  it('prints help without loading anything', async () => {
    const r = await runIn(['--help'], '', { engine: () => Promise.reject(new Error('must not load')) });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('Usage : npm run lookup');
  });

  it.each`
    args                       | message
    ${['--wave', 'deux', 'x']} | ${"--wave attend l'année d'une liste"}
    ${['--wave']}              | ${"--wave attend l'année d'une liste"}
    ${['--wave', '2031', 'x']} | ${"La liste 2031 n'existe pas. Listes disponibles : 2019, 2023."}
    ${['--bogus']}             | ${'Option inconnue : --bogus'}
    ${['   ']}                 | ${'La requête est vide'}
  `('exits 2 for $args', async ({ args, message }) => {
    const r = await runIn(args, 'Oyonnax\n');
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('exits 1 on an invalid configuration', async () => {
    const r = await runIn(['oyonax'], '', { config: () => loadConfig({ DEFAULT_WAVE: 'bientôt' }) });
    expect(r.code).toBe(EXIT_FAILURE);
    expect(r.stderr).toContain('DEFAULT_WAVE');
  });

  it('reads CRLF, a BOM and a last line without newline, applying --wave', async () => {
    const r = await runIn(['--wave', '2019'], '\uFEFF01100\r\nGrenoble\r\n\r\nOyonnax');
    expect(r.code).toBe(EXIT_OK);
    expect(jsonLines(r.stdout).map((l) => [l.query, l.status, l.wave])).toEqual([
      ['01100', 'resolved', 2019],
      ['Grenoble', 'resolved', 2019],
      ['', 'unknown', 2019],
      ['Oyonnax', 'resolved', 2019],
    ]);
  });

  it('keeps the batch aligned when one lookup fails, then exits 1', async () => {
    const real = await realEngine();
    const flaky: LookupEngine = {
      ...real,
      service: {
        lookup: async (q: string, o: { wave?: number }) => {
          if (q === 'panne') throw new Error('directory down');
          return real.service.lookup(q, o);
        },
      } as unknown as LookupService,
    };
    const r = await runIn([], 'Oyonnax\npanne\nGrenoble\n', { engine: async () => flaky });
    expect(r.code).toBe(EXIT_FAILURE);
    expect(jsonLines(r.stdout).map((l) => [l.query, l.status, l.error])).toEqual([
      ['Oyonnax', 'resolved', undefined],
      ['panne', 'unknown', 'lookup failed'],
      ['Grenoble', 'resolved', undefined],
    ]);
    expect(r.stderr).toContain('1 requête(s) en échec');
    expect(r.stderr).not.toContain('directory down');
  });

  it('passes a company directory through to SIRET lookups', async () => {
    const { resolver, kb } = await realKnowledge();
    const engine: LookupEngine = {
      service: new LookupService(resolver, {
        findEstablishment: async () => ({ status: 'found', communeCode: '01283', name: 'Société Fictive Test SAS', siret: '12345678900011' }),
      }),
      waves: kb.waves(),
      defaultWave: 2023,
    };
    const r = await runIn(['12345678900011'], '', { engine: async () => engine });
    expect(r.stdout).toContain('Établissement : Société Fictive Test SAS (SIRET 12345678900011)');
    expect(r.stdout).toContain('(ti-8413)');
    expect(r.stdout).toContain('Trouvé par : SIRET');
  });
});
