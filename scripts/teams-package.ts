/**
 * Builds the Microsoft Teams app package (deploy/teams/build/appPackage.zip): manifest.json filled
 * from deploy/teams/manifest.template.json, plus the two icons, all at the zip root.
 *
 *   npm run teams:package                 # dev package: missing values become marked placeholders
 *   npm run teams:package -- --production # every value must come from the environment
 *   (or TEAMS_PACKAGE_MODE=production npm run teams:package; --out FILE writes elsewhere)
 *
 * Values are read from the environment (and `.env`): TEAMS_APP_ID, MicrosoftAppId, BOT_DOMAIN,
 * PUBLISHER_NAME, PUBLISHER_WEBSITE, PRIVACY_URL, TERMS_URL, optionally TEAMS_APP_VERSION.
 *
 * Validation never touches the network: @microsoft/app-manifest would download the schema named
 * by `$schema` if it did not recognise the URL, so the schema is loaded from the copy bundled in
 * the package and handed to `AppManifestUtils.validateAgainstSchema` explicitly.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

export const ROOT = path.resolve(__dirname, '..');
export const TEAMS_DIR = path.join(ROOT, 'deploy', 'teams');
export const DEFAULT_OUT_FILE = path.join(TEAMS_DIR, 'build', 'appPackage.zip');

export const LOOKUP_COMMAND_ID = 'lookupTerritory';
export const REQUIRED_BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

export type PackageMode = 'dev' | 'production';
type Env = Record<string, string | undefined>;

/** Obviously fictional values for a local dev package; production mode refuses every one of them. */
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
export const DEV_PLACEHOLDERS = {
  TEAMS_APP_ID: ZERO_GUID,
  MicrosoftAppId: ZERO_GUID,
  BOT_DOMAIN: 'bot.example.test',
  PUBLISHER_NAME: 'Éditeur à configurer (dev)',
  PUBLISHER_WEBSITE: 'https://example.test/',
  PRIVACY_URL: 'https://example.test/confidentialite',
  TERMS_URL: 'https://example.test/conditions',
} as const;
export type PackageVariable = keyof typeof DEV_PLACEHOLDERS;
export const PACKAGE_VARIABLES = Object.keys(DEV_PLACEHOLDERS) as PackageVariable[];

export const DEV_NAME_SUFFIX = ' (dev)';
export const DEV_DESCRIPTION_PREFIX = '[PAQUET DE DÉVELOPPEMENT : identifiants fictifs, ne pas publier] ';

export class TeamsPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Teams package rejected:\n- ${problems.join('\n- ')}`);
    this.name = 'TeamsPackageError';
  }
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const FICTIONAL_HOST = /(^|\.)(example(\.(com|net|org))?|test|invalid|localhost)$/i;

function checkValue(name: PackageVariable, value: string, mode: PackageMode): string | null {
  switch (name) {
    case 'TEAMS_APP_ID':
    case 'MicrosoftAppId':
      if (!GUID.test(value)) return `${name} must be a GUID (got "${value}")`;
      if (mode === 'production' && value === ZERO_GUID) return `${name} must not be the all-zero placeholder GUID`;
      return null;
    case 'BOT_DOMAIN':
      if (value.includes('://') || value.includes('/'))
        return `BOT_DOMAIN must be a bare host name such as mybot.azurewebsites.net, without scheme or path (got "${value}")`;
      if (!HOSTNAME.test(value)) return `BOT_DOMAIN must be a host name (got "${value}")`;
      if (mode === 'production' && FICTIONAL_HOST.test(value)) return `BOT_DOMAIN must be the bot's real host, not "${value}"`;
      return null;
    case 'PUBLISHER_NAME':
      if (value.length > 32) return `PUBLISHER_NAME must be at most 32 characters (Teams limit; got ${value.length})`;
      return null;
    case 'PUBLISHER_WEBSITE':
    case 'PRIVACY_URL':
    case 'TERMS_URL': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return `${name} must be an absolute https URL (got "${value}")`;
      }
      if (url.protocol !== 'https:') return `${name} must use https (got "${value}")`;
      if (mode === 'production' && FICTIONAL_HOST.test(url.hostname)) return `${name} must be a real page, not "${value}"`;
      return null;
    }
  }
}

export interface ResolvedValues {
  values: Record<PackageVariable | 'TEAMS_APP_VERSION', string>;
  /** Variables that fell back to a dev placeholder. */
  placeholders: PackageVariable[];
  problems: string[];
}

/** Reads the package variables from `env`; in production every one is required and checked for being real. */
export function resolvePackageValues(env: Env, mode: PackageMode, defaultVersion: string): ResolvedValues {
  const problems: string[] = [];
  const placeholders: PackageVariable[] = [];
  const values = {} as ResolvedValues['values'];
  for (const name of PACKAGE_VARIABLES) {
    const raw = (env[name] ?? '').trim();
    if (raw === '') {
      if (mode === 'production') {
        problems.push(`${name} is required in production mode`);
      } else {
        placeholders.push(name);
      }
      values[name] = DEV_PLACEHOLDERS[name];
      continue;
    }
    const problem = checkValue(name, raw, mode);
    if (problem) problems.push(problem);
    values[name] = raw;
  }
  const version = (env.TEAMS_APP_VERSION ?? '').trim() || defaultVersion;
  if (!SEMVER.test(version)) problems.push(`TEAMS_APP_VERSION must look like 1.2.3 (got "${version}")`);
  values.TEAMS_APP_VERSION = version;
  return { values, placeholders, problems };
}

const TOKEN = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/**
 * Substitutes `{{NAME}}` tokens inside the template's string values. Works on the parsed tree, so a
 * value containing quotes or backslashes cannot break the JSON.
 */
export function fillTemplate(template: unknown, values: Record<string, string>): { manifest: unknown; problems: string[] } {
  const unknown = new Set<string>();
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(TOKEN, (whole, name: string) => {
        const value = values[name];
        if (value === undefined) {
          unknown.add(name);
          return whole;
        }
        return value;
      });
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    }
    return node;
  };
  const manifest = walk(template);
  return { manifest, problems: [...unknown].map((name) => `template uses {{${name}}}, which has no value`) };
}

/**
 * A manifest as parsed JSON. Every field read from it is checked at run time (the bundled JSON
 * schema, then checkProjectRules), so its fields are walked freely rather than typed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untrusted JSON, checked field by field at run time (see above)
type ManifestJson = Record<string, any>;

/** Makes a dev package impossible to mistake for a real one once installed in Teams. */
export function markAsDev(manifest: ManifestJson): void {
  if (manifest.name?.short && !String(manifest.name.short).endsWith(DEV_NAME_SUFFIX)) {
    manifest.name.short = `${String(manifest.name.short).slice(0, 30 - DEV_NAME_SUFFIX.length)}${DEV_NAME_SUFFIX}`;
  }
  if (manifest.name?.full) manifest.name.full = `${manifest.name.full}${DEV_NAME_SUFFIX}`;
  if (manifest.description?.full) {
    manifest.description.full = `${DEV_DESCRIPTION_PREFIX}${manifest.description.full}`.slice(0, 4000);
  }
}

/** Path of the JSON schema shipped inside @microsoft/app-manifest for a Teams manifest version. */
export function bundledSchemaPath(manifestVersion: string): string {
  const packageBuildDir = path.dirname(require.resolve('@microsoft/app-manifest'));
  return path.join(packageBuildDir, 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

export function loadBundledSchema(manifestVersion: string): object {
  if (!/^\d+\.\d+$/.test(manifestVersion)) throw new TeamsPackageError([`manifestVersion "${manifestVersion}" is not a schema version`]);
  const file = bundledSchemaPath(manifestVersion);
  if (!existsSync(file)) {
    throw new TeamsPackageError([
      `no bundled schema for manifestVersion ${manifestVersion} in @microsoft/app-manifest (looked for ${file}); refusing to download one`,
    ]);
  }
  // Same clean-up the library applies to downloaded schemas: \a and \v are not valid JSON escapes.
  const raw = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return JSON.parse(raw) as object;
}

/** JSON-schema validation with @microsoft/app-manifest against the bundled schema: offline by construction. */
export async function validateManifestSchema(manifest: unknown): Promise<string[]> {
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) return ['manifest is not a JSON object'];
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  if (typeof version !== 'string') return ['manifest has no manifestVersion'];
  let schema: object;
  try {
    schema = loadBundledSchema(version);
  } catch (err) {
    if (err instanceof TeamsPackageError) return err.problems;
    throw err;
  }
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema as never);
  return errors.map((e) => `manifest.json schema: ${e.trim()}`);
}

/**
 * What this project needs beyond the schema: the bot in all three scopes, the compose extension
 * wired to the same bot with the `lookupTerritory` search, and no placeholder left behind.
 */
export function checkProjectRules(manifest: ManifestJson): string[] {
  const problems: string[] = [];
  const leftover = JSON.stringify(manifest).match(TOKEN);
  if (leftover) problems.push(`unfilled placeholders: ${[...new Set(leftover)].join(', ')}`);
  const bot = Array.isArray(manifest.bots) ? manifest.bots[0] : undefined;
  if (!bot) {
    problems.push('manifest declares no bot');
  } else {
    if (typeof bot.botId !== 'string' || !GUID.test(bot.botId)) problems.push("bots[0].botId must be the bot's Microsoft App ID (a GUID)");
    const scopes: unknown[] = Array.isArray(bot.scopes) ? bot.scopes : [];
    for (const scope of REQUIRED_BOT_SCOPES) if (!scopes.includes(scope)) problems.push(`bots[0].scopes must include "${scope}"`);
  }
  const extension = Array.isArray(manifest.composeExtensions) ? manifest.composeExtensions[0] : undefined;
  const command = Array.isArray(extension?.commands) ? extension.commands.find((c: { id?: unknown }) => c?.id === LOOKUP_COMMAND_ID) : undefined;
  if (!command) {
    problems.push(`composeExtensions[0] must have a "${LOOKUP_COMMAND_ID}" search command`);
  } else {
    if (extension.botId !== bot?.botId) problems.push('composeExtensions[0].botId must be the same as bots[0].botId');
    if ((command.type ?? 'query') !== 'query') problems.push(`command "${LOOKUP_COMMAND_ID}" must be a search (type "query")`);
    if (command.initialRun === true) problems.push(`command "${LOOKUP_COMMAND_ID}" must not run before the user types (initialRun false)`);
    const params: Array<{ name?: unknown }> = Array.isArray(command.parameters) ? command.parameters : [];
    if (!params.some((p) => p?.name === 'q')) problems.push(`command "${LOOKUP_COMMAND_ID}" must have a parameter named "q"`);
  }
  const domains: unknown[] = Array.isArray(manifest.validDomains) ? manifest.validDomains : [];
  if (domains.length === 0) problems.push('validDomains must list the bot host');
  return problems;
}

/** Decodes a PNG and checks Teams' icon rules: exact size; outline only white pixels on transparency. */
export function checkIcon(name: string, data: Buffer | Uint8Array, kind: 'color' | 'outline'): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(data));
  } catch (err) {
    return [`${name} is not a readable PNG (${(err as Error).message})`];
  }
  const size = kind === 'color' ? COLOR_ICON_SIZE : OUTLINE_ICON_SIZE;
  const problems: string[] = [];
  if (png.width !== size || png.height !== size) {
    problems.push(`${name} must be ${size}x${size} pixels (got ${png.width}x${png.height})`);
  }
  let visible = 0;
  let transparent = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const alpha = png.data[i + 3]!;
    if (alpha === 0) {
      transparent++;
      continue;
    }
    visible++;
    if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured++;
  }
  if (visible === 0) problems.push(`${name} is fully transparent`);
  if (kind === 'outline') {
    if (coloured > 0) problems.push(`${name} must be white on transparent only (${coloured} visible pixels are not white)`);
    if (transparent === 0) problems.push(`${name} must have a transparent background`);
  }
  return problems;
}

export interface PackageFiles {
  manifest: unknown;
  files: Map<string, Buffer | Uint8Array>;
}

/** Every check, on what will be (or is) in the zip. Returns all problems rather than stopping at the first. */
export async function validatePackage({ manifest, files }: PackageFiles): Promise<string[]> {
  const problems = await validateManifestSchema(manifest);
  if (!manifest || typeof manifest !== 'object') return problems;
  const m = manifest as ManifestJson;
  problems.push(...checkProjectRules(m));
  for (const kind of ['color', 'outline'] as const) {
    const file = m.icons?.[kind];
    if (typeof file !== 'string') continue;
    const data = files.get(file);
    if (!data) {
      problems.push(`icons.${kind} refers to "${file}", which is not in the package root`);
      continue;
    }
    problems.push(...checkIcon(file, data, kind));
  }
  return problems;
}

/** Reads a built package back and validates it exactly as the packaging step does. */
export async function readPackage(zipData: Buffer | Uint8Array): Promise<PackageFiles & { entries: string[] }> {
  const zip = await JSZip.loadAsync(zipData);
  const entries = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const files = new Map<string, Buffer>();
  for (const name of entries) files.set(name, await zip.files[name]!.async('nodebuffer'));
  const raw = files.get('manifest.json');
  let manifest: unknown = undefined;
  if (raw) {
    try {
      manifest = JSON.parse(raw.toString('utf8'));
    } catch {
      manifest = undefined;
    }
  }
  return { manifest, files, entries };
}

export interface BuildOptions {
  env?: Env;
  mode?: PackageMode;
  templateFile?: string;
  iconsDir?: string;
  outFile?: string;
}

export interface BuildResult {
  outFile: string;
  mode: PackageMode;
  manifest: ManifestJson;
  placeholders: PackageVariable[];
}

export function modeFrom(argv: readonly string[], env: Env): PackageMode {
  if (argv.includes('--production') || argv.includes('--prod')) return 'production';
  const fromEnv = (env.TEAMS_PACKAGE_MODE ?? '').trim().toLowerCase();
  return fromEnv === 'production' ? 'production' : 'dev';
}

/** Fills, validates and zips. Throws TeamsPackageError listing every problem; writes nothing then. */
export async function buildTeamsPackage(options: BuildOptions = {}): Promise<BuildResult> {
  const env = options.env ?? {};
  const mode = options.mode ?? 'dev';
  const templateFile = options.templateFile ?? path.join(TEAMS_DIR, 'manifest.template.json');
  const iconsDir = options.iconsDir ?? TEAMS_DIR;
  const outFile = options.outFile ?? DEFAULT_OUT_FILE;

  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: string };
  const resolved = resolvePackageValues(env, mode, pkg.version ?? '1.0.0');
  let template: unknown;
  try {
    template = JSON.parse(readFileSync(templateFile, 'utf8'));
  } catch (err) {
    throw new TeamsPackageError([`cannot read ${templateFile}: ${(err as Error).message}`]);
  }
  const filled = fillTemplate(template, resolved.values);
  const manifest = filled.manifest as ManifestJson;
  if (mode === 'dev') markAsDev(manifest);

  const files = new Map<string, Buffer>();
  const iconProblems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const name = manifest.icons?.[kind];
    if (typeof name !== 'string') continue;
    const file = path.join(iconsDir, name);
    if (!existsSync(file)) {
      iconProblems.push(`icon file ${file} is missing (run: npx tsx scripts/teams-icons.ts)`);
      continue;
    }
    files.set(name, readFileSync(file));
  }

  const problems = [...resolved.problems, ...filled.problems, ...iconProblems, ...(await validatePackage({ manifest, files }))];
  if (problems.length > 0) throw new TeamsPackageError([...new Set(problems)]);

  const zip = new JSZip();
  // A fixed date keeps the zip byte-identical between builds of the same inputs.
  const date = new Date('2024-01-01T00:00:00Z');
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const [name, data] of files) zip.file(name, data, { date });
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, data);
  return { outFile, mode, manifest, placeholders: resolved.placeholders };
}

async function main(): Promise<number> {
  const envFile = path.join(ROOT, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const args = process.argv.slice(2);
  const mode = modeFrom(args, process.env);
  const outIndex = args.indexOf('--out');
  const outFile = outIndex >= 0 && args[outIndex + 1] ? path.resolve(args[outIndex + 1]!) : undefined;
  try {
    const result = await buildTeamsPackage({ env: process.env, mode, outFile });
    console.log(`Teams package (${result.mode}) written to ${path.relative(process.cwd(), result.outFile)}`);
    if (result.placeholders.length > 0) {
      console.warn(
        `DEV PACKAGE: placeholder values used for ${result.placeholders.join(', ')}. ` +
          'It validates but cannot be installed against a real bot; set these variables and use --production for a real package.',
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof TeamsPackageError) {
      console.error(`Teams package NOT written (${mode} mode), ${err.problems.length} problem(s):`);
      for (const p of err.problems) console.error(`  - ${p}`);
      return 1;
    }
    console.error(`Teams package NOT written: ${(err as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`Teams package NOT written: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
