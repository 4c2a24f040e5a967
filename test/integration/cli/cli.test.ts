import { spawn } from 'node:child_process';
import path from 'node:path';
import { LookupService } from '../../../src/domain/resolution/lookup';
import type { LookupResult } from '../../../src/domain/types';
import { TEST_BUILD } from '../../helpers/built';
import { realKnowledge } from '../../helpers/kb';

/**
 * The CLI as an advisor runs it: a child process, real knowledge base, real stdin/stdout; the
 * build's (test/helpers/built.ts), as deployed: 0.8 s of CPU a run, 1.35 s through tsx.
 */
const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, TEST_BUILD, 'src', 'lookup.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      // Explicit values so a developer's .env cannot change what the tests expect.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KB_DIR: path.join(ROOT, 'data/kb'), DEFAULT_WAVE: '2023', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

const jsonLines = (text: string): LookupResult[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as LookupResult);

describe('one query', () => {
  it('prints a readable French answer for "oyonax"', async () => {
    const r = await run(['oyonax']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Territoire d’industrie : Plastics Vallée – Oyonnax (ti-8413)');
    expect(r.stdout).toContain('Liste : 2023-2027');
    expect(r.stdout).toContain('Région : Auvergne-Rhône-Alpes');
    expect(r.stdout).toContain('Commune : Oyonnax (INSEE 01283, département 01)');
    for (const operator of ['Banque des Territoires', 'Bpifrance', 'Business France', 'France Travail']) {
      expect(r.stdout).toMatch(new RegExp(`• ${operator}.* : Référent non encore désigné`));
    }
    expect(r.stdout.match(/source datée/g)?.length).toBeGreaterThanOrEqual(4);
    expect(r.stdout.trimStart().startsWith('{')).toBe(false);
  });

  it('prints the contract with --json, identical to the service', async () => {
    const r = await run(['--json', 'oyonax']);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as LookupResult;
    const { resolver } = await realKnowledge();
    expect(answer).toEqual(JSON.parse(JSON.stringify(await new LookupService(resolver, null).lookup('oyonax'))));
    expect(answer).toMatchObject({ status: 'resolved', wave: 2023, territory: { id: 'ti-8413' } });
  });

  it('picks the 2019 list with --wave', async () => {
    const r = await run(['--wave', '2019', '--json', 'oyonax']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'resolved', wave: 2019, territory: { id: 'ti-8408', wave: 2019 } });
  });
});

describe('usage errors exit 2 and failures exit 1, without a stack trace', () => {
  it('exits 2 for a list that does not exist, naming the valid ones', async () => {
    const r = await run(['--wave', '1999', 'oyonax']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/La liste 1999 n'existe pas\. Listes disponibles : 2019, 2023/);
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('exits 2 for an unknown option', async () => {
    const r = await run(['--bogus', 'oyonax']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Option inconnue : --bogus');
  });

  it('fails with 1 when the knowledge base cannot be read', async () => {
    const r = await run(['oyonax'], { env: { KB_DIR: path.join(ROOT, 'does-not-exist') } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Impossible de charger la base de connaissances');
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });
});

describe('batch on stdin', () => {
  it('prints one JSON line per input line, in order, a blank line giving "unknown"', async () => {
    const r = await run([], { input: 'oyonax\n\nSaint-Martin\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => [l.query, l.status])).toEqual([
      ['oyonax', 'resolved'],
      ['', 'unknown'],
      ['Saint-Martin', 'ambiguous'],
    ]);
    expect(lines[0]?.territory?.id).toBe('ti-8413');
    expect(lines[2]?.candidates.length).toBeGreaterThan(1);
  });

  it('keeps thousands of lines aligned with the input', async () => {
    const cycle = ['Oyonnax', '01100', '', 'Saint-Martin', 'qsdkfjhqsdkjf', 'Grenoble', '  Bourg-en-Bresse  '];
    const input = Array.from({ length: 3000 }, (_, i) => cycle[i % cycle.length]).join('\n') + '\n';
    const r = await run([], { input });
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(3000);
    lines.forEach((l, i) => expect(l.query).toBe(cycle[i % cycle.length]!.trim()));
    lines.forEach((l, i) => {
      if (i % cycle.length < 2) expect(l.territory?.id).toBe('ti-8413'); // Oyonnax, 01100
    });
  });

  it('stops quietly when the reader goes away (… | head -1)', async () => {
    const child = spawn(process.execPath, [CLI], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KB_DIR: path.join(ROOT, 'data/kb'), DEFAULT_WAVE: '2023' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.on('error', () => undefined);
    child.stdin.end('Oyonnax\n'.repeat(50_000));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});
