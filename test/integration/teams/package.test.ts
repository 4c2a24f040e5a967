import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  buildTeamsPackage,
  checkIcon,
  DEV_DESCRIPTION_PREFIX,
  readPackage,
  TEAMS_DIR,
  TeamsPackageError,
  validatePackage,
} from '../../../scripts/teams-package';
import { drawColorIcon, drawOutlineIcon } from '../../../scripts/teams-icons';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const PROD_ENV = {
  TEAMS_APP_ID: '3f2b8c1e-1d2a-4b5c-9e8f-0a1b2c3d4e5f',
  MicrosoftAppId: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
  BOT_DOMAIN: 'ti-assistant-fictif.azurewebsites.net',
  PUBLISHER_NAME: 'Société Fictive Test SAS',
  PUBLISHER_WEBSITE: 'https://societe-fictive.fr/',
  PRIVACY_URL: 'https://societe-fictive.fr/confidentialite',
  TERMS_URL: 'https://societe-fictive.fr/conditions',
};

/** Independent of the script under test: the schema file shipped in @microsoft/app-manifest. */
function bundledSchema(version: string): object {
  const file = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
  return JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
}

async function schemaErrors(manifest: Record<string, any>): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(manifest as AppManifest, bundledSchema(manifest.manifestVersion) as never);
}

let dir: string;
const realFetch = globalThis.fetch;
const fetchCalls: string[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'teams-pkg-'));
  fetchCalls.length = 0;
  // Any attempt to download a schema fails the test: validation must be offline.
  globalThis.fetch = ((input: unknown) => {
    fetchCalls.push(String(input));
    return Promise.reject(new Error('network is not allowed in this test'));
  }) as typeof fetch;
});

afterEach(() => {
  globalThis.fetch = realFetch;
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The dev package as a fresh clone builds it (no environment), built once for the file: six tests
 * read it, and each build validates it against the Teams schema, which the library compiles at
 * every validation (0.2-0.5 s of CPU). Built by the first test that asks, so with that test's
 * fetch stub in place; tests that change it change their own copy (readPackage parses the zip again).
 */
let devBuild: Promise<{ placeholders: string[]; outFile: string }> | undefined;
let devDir: string | undefined;
function devPackage(): Promise<{ placeholders: string[]; outFile: string }> {
  devBuild ??= (async () => {
    devDir = mkdtempSync(path.join(tmpdir(), 'teams-pkg-dev-'));
    const outFile = path.join(devDir, 'appPackage.zip');
    const { placeholders } = await buildTeamsPackage({ env: {}, mode: 'dev', outFile });
    return { placeholders, outFile };
  })();
  return devBuild;
}

afterAll(() => {
  if (devDir) rmSync(devDir, { recursive: true, force: true });
});

async function openZip(file: string): Promise<{ entries: string[]; manifest: Record<string, any>; zip: JSZip }> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const entries = Object.keys(zip.files).sort();
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, any>;
  return { entries, manifest, zip };
}

describe('teams:package, dev mode (fresh clone, no environment)', () => {
  it('writes a zip with manifest.json and both icons at its root, and the manifest passes the bundled schema', async () => {
    const { placeholders, outFile } = await devPackage();
    expect(placeholders).toEqual(['TEAMS_APP_ID', 'MicrosoftAppId', 'BOT_DOMAIN', 'PUBLISHER_NAME', 'PUBLISHER_WEBSITE', 'PRIVACY_URL', 'TERMS_URL']);

    const { entries, manifest, zip } = await openZip(outFile);
    expect(entries).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(await schemaErrors(manifest)).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.30');

    // Clearly marked, so nobody mistakes it for a publishable package.
    expect(manifest.name.short).toMatch(/\(dev\)$/);
    expect(manifest.description.full.startsWith(DEV_DESCRIPTION_PREFIX)).toBe(true);
    expect(manifest.id).toBe('00000000-0000-0000-0000-000000000000');
    expect(manifest.validDomains).toEqual(['bot.example.test']);

    const color = PNG.sync.read(await zip.file('color.png')!.async('nodebuffer'));
    const outline = PNG.sync.read(await zip.file('outline.png')!.async('nodebuffer'));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    for (let i = 0; i < outline.data.length; i += 4) {
      if (outline.data[i + 3] === 0) continue;
      expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(fetchCalls).toEqual([]);
  });

  it('declares the bot in personal, team and group chat, French commands and the lookupTerritory search', async () => {
    const { manifest } = await openZip((await devPackage()).outFile);
    const bot = manifest.bots[0];
    expect(bot.scopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
    const titles = bot.commandLists.flatMap((l: { commands: Array<{ title: string }> }) => l.commands.map((c) => c.title));
    expect(titles).toEqual(expect.arrayContaining(['aide', 'recommencer', 'Oyonnax']));
    const [extension] = manifest.composeExtensions;
    expect(extension.botId).toBe(bot.botId);
    const command = extension.commands.find((c: { id: string }) => c.id === 'lookupTerritory');
    expect(command).toMatchObject({ type: 'query', initialRun: false });
    expect(command.parameters).toEqual([expect.objectContaining({ name: 'q', title: 'Commune, CP, SIRET ou territoire' })]);
    expect(command.parameters[0].description).toContain('code postal');
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('fr-fr');
  });
});

describe('teams:package, production mode', () => {
  it('substitutes every value from the environment', async () => {
    const outFile = path.join(dir, 'appPackage.zip');
    const result = await buildTeamsPackage({ env: { ...PROD_ENV, TEAMS_APP_VERSION: '2.3.4' }, mode: 'production', outFile });
    expect(result.placeholders).toEqual([]);
    const { manifest } = await openZip(outFile);
    expect(await schemaErrors(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      id: PROD_ENV.TEAMS_APP_ID,
      version: '2.3.4',
      developer: {
        name: PROD_ENV.PUBLISHER_NAME,
        websiteUrl: PROD_ENV.PUBLISHER_WEBSITE,
        privacyUrl: PROD_ENV.PRIVACY_URL,
        termsOfUseUrl: PROD_ENV.TERMS_URL,
      },
      validDomains: [PROD_ENV.BOT_DOMAIN],
      name: { short: "Territoires d'industrie" },
    });
    expect(manifest.bots[0].botId).toBe(PROD_ENV.MicrosoftAppId);
    expect(manifest.composeExtensions[0].botId).toBe(PROD_ENV.MicrosoftAppId);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{|example\.test|PAQUET DE DÉVELOPPEMENT/);
  });

  it('refuses missing, placeholder and malformed values, listing every one, and writes nothing', async () => {
    const outFile = path.join(dir, 'appPackage.zip');
    const env = {
      ...PROD_ENV,
      TEAMS_APP_ID: '00000000-0000-0000-0000-000000000000',
      MicrosoftAppId: '',
      BOT_DOMAIN: 'https://ti-assistant-fictif.azurewebsites.net/api/messages',
      PRIVACY_URL: 'http://societe-fictive.fr/confidentialite',
      TERMS_URL: 'https://example.test/conditions',
      PUBLISHER_NAME: 'Un nom d’éditeur beaucoup trop long pour Teams',
    };
    const error = await buildTeamsPackage({ env, mode: 'production', outFile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamsPackageError);
    const problems = (error as TeamsPackageError).problems.join('\n');
    for (const name of ['TEAMS_APP_ID', 'MicrosoftAppId', 'BOT_DOMAIN', 'PRIVACY_URL', 'TERMS_URL', 'PUBLISHER_NAME']) {
      expect(problems).toContain(name);
    }
    expect(existsSync(outFile)).toBe(false);
  });
});

describe('teams:package rejects a broken package', () => {
  async function validDevPackage() {
    return readPackage(readFileSync((await devPackage()).outFile));
  }

  it('accepts the package it built (baseline for the cases below)', async () => {
    expect(await validatePackage(await validDevPackage())).toEqual([]);
  });

  it('rejects a manifest without bot id, both via the schema and the project rules', async () => {
    const pkg = await validDevPackage();
    const manifest = structuredClone(pkg.manifest) as Record<string, any>;
    delete manifest.bots[0].botId;
    const problems = await validatePackage({ manifest, files: pkg.files });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/schema: \/bots\/0 must have required property 'botId'/)]));
    expect(await schemaErrors(manifest)).not.toEqual([]);
  });

  it('rejects a template whose bot id placeholder was removed, at packaging time', async () => {
    const template = JSON.parse(readFileSync(path.join(TEAMS_DIR, 'manifest.template.json'), 'utf8'));
    template.bots[0].botId = 'not-a-guid';
    const templateFile = path.join(dir, 'manifest.template.json');
    writeFileSync(templateFile, JSON.stringify(template));
    const error = await buildTeamsPackage({ env: {}, mode: 'dev', templateFile, outFile: path.join(dir, 'x.zip') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamsPackageError);
    expect((error as TeamsPackageError).problems.join('\n')).toMatch(/bots\/0\/botId must match pattern/);
  });

  it('rejects a colour icon of the wrong size and an outline icon that is not white on transparent', async () => {
    const iconsDir = path.join(dir, 'icons');
    mkdirSync(iconsDir);
    writeFileSync(path.join(iconsDir, 'color.png'), PNG.sync.write(drawColorIcon(100)));
    const outline = drawOutlineIcon();
    const visible = outline.data.findIndex((_, i) => i % 4 === 3 && outline.data[i] === 255) - 3;
    outline.data[visible] = 0; // one opaque pixel turned cyan
    writeFileSync(path.join(iconsDir, 'outline.png'), PNG.sync.write(outline));
    const error = await buildTeamsPackage({ env: {}, mode: 'dev', iconsDir, outFile: path.join(dir, 'x.zip') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamsPackageError);
    const problems = (error as TeamsPackageError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'color.png must be 192x192 pixels (got 100x100)',
        'outline.png must be white on transparent only (1 visible pixels are not white)',
      ]),
    );
  });

  it('rejects an outline icon with an opaque background and a file that is not a PNG', () => {
    const opaque = new PNG({ width: 32, height: 32 });
    opaque.data.fill(255);
    expect(checkIcon('outline.png', PNG.sync.write(opaque), 'outline')).toEqual(['outline.png must have a transparent background']);
    expect(checkIcon('color.png', Buffer.from('not a png'), 'color')[0]).toMatch(/not a readable PNG/);
  });

  it('rejects a package whose icon file is missing from the zip root', async () => {
    const pkg = await validDevPackage();
    const files = new Map(pkg.files);
    files.delete('outline.png');
    expect(await validatePackage({ manifest: pkg.manifest, files })).toContain('icons.outline refers to "outline.png", which is not in the package root');
  });

  it('rejects a manifest whose search command lost its q parameter', async () => {
    const pkg = await validDevPackage();
    const manifest = structuredClone(pkg.manifest) as Record<string, any>;
    manifest.composeExtensions[0].commands[0].parameters[0].name = 'query';
    expect(await validatePackage({ manifest, files: pkg.files })).toContain('command "lookupTerritory" must have a parameter named "q"');
  });

  it('never downloaded anything while validating', () => {
    expect(fetchCalls).toEqual([]);
  });
});

describe('committed icons', () => {
  it('are the ones scripts/teams-icons.ts draws, and pass the Teams icon checks', () => {
    for (const [file, png, kind] of [
      ['color.png', drawColorIcon(), 'color'],
      ['outline.png', drawOutlineIcon(), 'outline'],
    ] as const) {
      const committed = readFileSync(path.join(TEAMS_DIR, file));
      expect(checkIcon(file, committed, kind)).toEqual([]);
      expect(Buffer.compare(PNG.sync.read(committed).data, png.data)).toBe(0);
    }
  });
});

describe('npm run teams:package (CLI)', () => {
  const run = promisify(execFile);
  // The script transpiled by tsx as `npm run` does, in one node process (the tsx command starts a second).
  const tsx = (...args: string[]) => [process.execPath, ['--import', 'tsx', ...args]] as const;

  it('exits non-zero in production mode and lists every problem', async () => {
    const env = { PATH: process.env.PATH ?? '', TEAMS_APP_ID: 'pas-un-guid', BOT_DOMAIN: 'http://localhost:3978' };
    const failure = await run(...tsx('scripts/teams-package.ts', '--production', '--out', path.join(dir, 'cli.zip')), { cwd: ROOT, env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure).toMatchObject({ code: 1 });
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toContain('Teams package NOT written (production mode)');
    expect(stderr).toContain('TEAMS_APP_ID must be a GUID');
    expect(stderr).toContain('BOT_DOMAIN must be a bare host name');
    expect(stderr).toContain('PRIVACY_URL is required in production mode');
    expect(existsSync(path.join(dir, 'cli.zip'))).toBe(false);
  });

  it('writes a dev package with a warning when nothing is configured', async () => {
    const env = { PATH: process.env.PATH ?? '' };
    const out = path.join(dir, 'cli.zip');
    const { stdout } = await run(...tsx('scripts/teams-package.ts', '--out', out), { cwd: ROOT, env });
    expect(stdout).toContain('Teams package (dev) written');
    const { manifest } = await openZip(out);
    expect(await schemaErrors(manifest)).toEqual([]);
  });
});
