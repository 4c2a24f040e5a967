import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { checkDefaultWave, ConfigError, loadConfig, loadDotEnv, type Config } from '../../config';
import { KbError } from '../../domain/knowledge-base';
import { loadGeography } from '../../infrastructure/geography';
import { openKnowledgeBase } from '../../infrastructure/knowledge-base';
import type { CompanyDirectory } from '../../domain/company/directory';
import { LookupService, type LookupAnswer } from '../../domain/resolution/lookup';
import { RechercheEntreprisesClient } from '../../infrastructure/company-register';
import { Resolver } from '../../domain/resolution/resolver';
import { loadLexicon } from '../../infrastructure/lexicon-files';
import type { Wave } from '../../domain/types';
import { formatAnswer } from './format';
import { CLI } from '../../presentation/messages';

/**
 * `npm run lookup -- [--wave Y] [--json] [query]`: one answer for a human, or a JSON-lines batch
 * from stdin for advisors checking a whole list of firms. The knowledge base is loaded once.
 */

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliArgs {
  help: boolean;
  json: boolean;
  wave?: Wave;
  /** Undefined means batch mode on stdin. */
  query?: string;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { help: false, json: false };
  const words: string[] = [];
  let options = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (options && arg === '--') {
      options = false;
    } else if (options && (arg === '--help' || arg === '-h')) {
      args.help = true;
    } else if (options && (arg === '--json' || arg === '-j')) {
      args.json = true;
    } else if (options && (arg === '--wave' || arg === '-w' || arg.startsWith('--wave='))) {
      const value = arg.startsWith('--wave=') ? arg.slice('--wave='.length) : argv[++i];
      if (value === undefined || !/^\d{4}$/.test(value.trim())) {
        throw new UsageError(CLI.badWave(value));
      }
      args.wave = Number(value.trim());
    } else if (options && arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      throw new UsageError(CLI.unknownOption(arg));
    } else {
      words.push(arg);
    }
  }
  if (words.length > 0) {
    const query = words.join(' ').trim();
    if (!query) throw new UsageError(CLI.emptyQuery);
    args.query = query;
  }
  return args;
}

export interface LookupEngine {
  service: LookupService;
  waves: Wave[];
  defaultWave: Wave;
}

/**
 * The same knowledge base and resolver as the server, without the server. The company
 * directory is optional: without one (tests), a SIRET is read as text.
 */
export async function openEngine(config: Config, directory: CompanyDirectory | null = null): Promise<LookupEngine> {
  const kb = await openKnowledgeBase(config.kbDir, loadGeography());
  const waves = kb.waves();
  checkDefaultWave(config, waves);
  return { service: new LookupService(new Resolver(kb, config.defaultWave, loadLexicon()), directory), waves, defaultWave: config.defaultWave };
}

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface CliOptions {
  config?: () => Config;
  directory?: CompanyDirectory | null;
  engine?: (config: Config) => Promise<LookupEngine>;
}

/** Writes with back-pressure; stops quietly when the reader went away (`... | head`). */
function output(stream: NodeJS.WritableStream) {
  let closed = false;
  let failed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    closed = true;
    if (err.code !== 'EPIPE') failed = true;
  });
  return {
    get closed() {
      return closed;
    },
    get failed() {
      return failed;
    },
    async write(text: string): Promise<void> {
      if (closed) return;
      if (!stream.write(text)) {
        await Promise.race([once(stream, 'drain'), once(stream, 'close')]).catch(() => undefined);
      }
    },
  };
}

function failedAnswer(query: string, wave: Wave): LookupAnswer & { error: string } {
  return { query, status: 'unknown', wave, territory: null, commune: null, candidates: [], referents: [], error: 'lookup failed' };
}

export async function runCli(argv: readonly string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  const err = (text: string) => io.stderr.write(`${text}\n`);
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`${e.message}\n${CLI.seeHelp}`);
    return EXIT_USAGE;
  }
  if (args.help) {
    io.stdout.write(`${CLI.help}\n`);
    return EXIT_OK;
  }

  let engine: LookupEngine;
  try {
    const config = (options.config ?? (() => loadConfig()))();
    const directory = (c: Config) =>
      options.directory === undefined ? new RechercheEntreprisesClient({ baseUrl: c.companyApiUrl, timeoutMs: c.companyApiTimeoutMs }) : options.directory;
    engine = await (options.engine ?? ((c: Config) => openEngine(c, directory(c))))(config);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof KbError) err(CLI.kbUnreadable(e.message));
    else err(CLI.kbFailed(e instanceof Error ? e.message : String(e)));
    return EXIT_FAILURE;
  }
  if (args.wave !== undefined && !engine.waves.includes(args.wave)) {
    err(CLI.unknownWave(args.wave, engine.waves.join(', ')));
    return EXIT_USAGE;
  }
  const wave = args.wave ?? engine.defaultWave;
  const out = output(io.stdout);

  if (args.query !== undefined) {
    const answer = await engine.service.lookup(args.query, { wave });
    await out.write(args.json ? `${JSON.stringify(answer, null, 2)}\n` : `${formatAnswer(answer)}\n`);
    return out.failed ? EXIT_FAILURE : EXIT_OK;
  }

  if (io.stdin.isTTY) err(CLI.batchPrompt);
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  let failures = 0;
  let first = true;
  for await (const raw of lines) {
    if (out.closed) break;
    const line = first ? raw.replace(/^\uFEFF/, '') : raw;
    first = false;
    let answer: LookupAnswer;
    try {
      answer = await engine.service.lookup(line, { wave });
    } catch {
      // One bad line must not shift or stop the rest of the batch.
      failures++;
      answer = failedAnswer(line.trim(), wave);
    }
    await out.write(`${JSON.stringify(answer)}\n`);
  }
  lines.close();
  if (failures > 0) err(CLI.batchFailures(failures));
  return failures > 0 || out.failed ? EXIT_FAILURE : EXIT_OK;
}

if (require.main === module) {
  loadDotEnv();
  runCli(process.argv.slice(2), process).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`Échec : ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = EXIT_FAILURE;
    },
  );
}
