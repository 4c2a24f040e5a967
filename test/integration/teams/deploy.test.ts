import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../../src/config';
import { startArgs } from '../../../src/start-command';

/**
 * No Azure and no Docker engine here, so the deployment files are checked for consistency with
 * the application instead: every setting the template passes must be accepted by loadConfig, the
 * image must copy files that exist and that .dockerignore lets through, and the start script must
 * seed the knowledge base without overwriting administrators' edits.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const bicep = read('deploy/azure/main.bicep');
const dockerfile = read('deploy/azure/Dockerfile');

/** Settings the App Service platform or start.sh reads, not the application. */
const PLATFORM_SETTINGS = new Set([
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITES_PORT',
  'WEBSITES_ENABLE_APP_SERVICE_STORAGE',
  'NODE_ENV',
  'KB_SEED_DIR',
]);

/** Bicep source with string literals emptied and // comments removed (interpolations are inside strings). */
function withoutStringsAndComments(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "'") {
      for (i++; i < source.length && source[i] !== "'"; i++) if (source[i] === '\\') i++;
      out += "''";
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

function appSettingNames(): string[] {
  return [...bicep.matchAll(/\{\s*name:\s*'([A-Za-z_][A-Za-z0-9_]*)',\s*value:/g)].map((m) => m[1]!);
}

describe('deploy/azure/main.bicep', () => {
  it('passes only settings the application reads (or the platform), and loadConfig accepts them together', () => {
    const names = appSettingNames();
    expect(names).toEqual(
      expect.arrayContaining([
        'MicrosoftAppType',
        'MicrosoftAppId',
        'MicrosoftAppPassword',
        'MicrosoftAppTenantId',
        'STORAGE',
        'BLOB_CONNECTION_STRING',
        'DIRECTLINE_SECRET',
      ]),
    );
    const configSource = read('src/config.ts');
    for (const name of names) {
      if (PLATFORM_SETTINGS.has(name)) continue;
      expect(configSource).toContain(`'${name}'`);
    }
    // Values as the template would produce them for a SingleTenant bot.
    const env: Record<string, string> = {
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppId: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
      MicrosoftAppPassword: 'fictive-secret',
      MicrosoftAppTenantId: '3f2b8c1e-1d2a-4b5c-9e8f-0a1b2c3d4e5f',
      STORAGE: bicep.match(/name: 'STORAGE', value: '([^']+)'/)![1]!,
      BLOB_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=fictif;AccountKey=a2V5;EndpointSuffix=core.windows.net',
      BLOB_CONTAINER: 'bot-state',
      DEFAULT_WAVE: bicep.match(/param defaultWave string = '(\d+)'/)![1]!,
      STATE_DIR: '/home/ti-assistant/var',
      KB_DIR: '/home/ti-assistant/kb',
      PORT: '3978',
    };
    const config = loadConfig(env);
    expect(config.storage).toBe('blob');
    expect(config.microsoftAppType).toBe('SingleTenant');
  });

  it('declares HTTPS only, TLS 1.2, the /health probe, the Teams and Direct Line channels and the /api/messages endpoint', () => {
    expect(bicep).toMatch(/httpsOnly: true/);
    expect(bicep).toMatch(/minTlsVersion: '1\.2'/);
    expect(bicep).toMatch(/minimumTlsVersion: 'TLS1_2'/);
    expect(bicep).toMatch(/healthCheckPath: '\/health'/);
    expect(bicep).toMatch(/linuxFxVersion: .*'NODE\|20-lts'/);
    expect(bicep).toMatch(/kind: 'azurebot'/);
    expect(bicep).toMatch(/endpoint: 'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/);
    for (const channel of ['MsTeamsChannel', 'DirectLineChannel']) {
      expect(bicep).toContain(`channelName: '${channel}'`);
    }
    expect(bicep).toMatch(/@secure\(\)\s*param microsoftAppPassword string/);
    expect(bicep).toMatch(/@secure\(\)\s*param directLineSecret string/);
    // Only GA API versions.
    const versions = [...bicep.matchAll(/'Microsoft\.[A-Za-z]+\/[A-Za-z/]+@([0-9a-z-]+)'/g)].map((m) => m[1]);
    expect(versions.length).toBeGreaterThanOrEqual(7);
    expect(versions.filter((v) => v!.includes('preview'))).toEqual([]);
  });

  it('has balanced braces and brackets, and an example parameter file naming only declared parameters', () => {
    const code = withoutStringsAndComments(bicep);
    for (const [open, close] of [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ] as const) {
      expect(code.split(open).length).toBe(code.split(close).length);
    }
    const declared = new Set([...bicep.matchAll(/^param (\w+) /gm)].map((m) => m[1]));
    const example = JSON.parse(read('deploy/azure/main.parameters.example.json')) as { parameters: Record<string, unknown> };
    for (const name of Object.keys(example.parameters)) expect(declared).toContain(name);
    expect(Object.keys(example.parameters)).not.toContain('microsoftAppPassword');
  });
});

describe('deploy/azure/Dockerfile and .dockerignore', () => {
  const allowList = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1).replace(/\/$/, ''));
  const shipped = (file: string) => allowList.some((a) => file === a || file.startsWith(`${a}/`));

  it('runs node 20 slim as the non-root node user, exposes the app port and probes /health', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-slim$/m);
    expect(dockerfile.match(/^FROM \$\{NODE_IMAGE\}/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${loadConfig({}).port}$`, 'm'));
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/health/m);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^CMD \["sh", "deploy\/azure\/start\.sh"\]$/m);
  });

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) {
      expect(existsSync(path.join(ROOT, source))).toBe(true);
      expect(shipped(source)).toBe(true);
    }
    for (const secret of ['.env', 'var', 'node_modules', 'test', '.git']) expect(shipped(secret)).toBe(false);
  });
});

describe('deploy/azure/start.sh', () => {
  const run = promisify(execFile);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ti-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds the writable KB from the packaged one without overwriting an edited file, then execs node', async () => {
    // A stand-in `node` first on PATH shows what the script would run.
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'node'), '#!/bin/sh\necho "MALLOC_TRIM_THRESHOLD_=$MALLOC_TRIM_THRESHOLD_"\necho "node $*"\n');
    chmodSync(path.join(bin, 'node'), 0o755);
    const kb = path.join(dir, 'kb');
    mkdirSync(kb);
    writeFileSync(path.join(kb, 'referents.json'), '{"edited":true}');
    writeFileSync(path.join(kb, 'schemes.json'), '{"previousDeployment":true}');
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}`, KB_DIR: kb, KB_SEED_DIR: 'data/kb', STATE_DIR: path.join(dir, 'var') };

    const { stdout } = await run('sh', ['deploy/azure/start.sh'], { cwd: ROOT, env });
    expect(stdout).toContain(`seeded ${kb}/territories.json`);
    expect(stdout).not.toContain('referents.json');
    // The command npm start runs, V8 settings included (the build's code cache depends on them).
    expect(stdout.trim().split('\n').pop()).toBe(['node', ...startArgs(ROOT)].join(' '));
    // glibc's trim threshold, fixed (see start.sh): a worker's freed memory goes back to the system.
    expect(stdout).toContain('MALLOC_TRIM_THRESHOLD_=131072\n');
    expect(readFileSync(path.join(kb, 'referents.json'), 'utf8')).toBe('{"edited":true}');
    expect(readFileSync(path.join(kb, 'territories.json'), 'utf8')).toBe(read('data/kb/territories.json'));
    // Nobody edits the schemes at run time: a redeployment's catalogue is the one served.
    expect(readFileSync(path.join(kb, 'schemes.json'), 'utf8')).toBe(read('data/kb/schemes.json'));
    expect(existsSync(path.join(dir, 'var'))).toBe(true);

    const again = await run('sh', ['deploy/azure/start.sh'], { cwd: ROOT, env });
    expect(again.stdout).not.toContain('seeded');
  });
});
