/**
 * Imports referents or an ANCT territory list with the admin API's validation and history.
 *
 *   npm run kb:import -- referents.csv [--user "Alice"]
 *   npm run kb:import -- --territories liste.csv --wave 2027 [--replace]
 *   ... [--server http://127.0.0.1:3978]   send it to a running server (ADMIN_TOKEN) instead
 *
 * Without --server the change goes where STORAGE says, as the server's own would: the files of
 * KB_DIR with the history in STATE_DIR (STORAGE=file), or the shared Azure Storage container
 * (STORAGE=blob). A server running on the same store serves it within KB_REFRESH_SECONDS, without
 * restart; a change made meanwhile through the server is never overwritten (the import is
 * refused and can be run again). STORAGE=memory keeps nothing: use --server there.
 * Exit code: 0 done, 1 the file was refused (every bad line printed, nothing changed), 2 usage.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { AdminInputError, KbAdmin } from '../src/domain/admin';
import { loadConfig, loadDotEnv } from '../src/config';
import { KbConflictError, KbError } from '../src/domain/knowledge-base';
import { loadGeography } from '../src/infrastructure/geography';
import { openKnowledgeBase } from '../src/infrastructure/knowledge-base';
import { StorageError } from '../src/infrastructure/storage/errors';
import { openKnowledgeStores } from '../src/infrastructure/stores';

const USAGE = 'Usage: npm run kb:import -- <referents.csv> | --territories <list.csv> --wave <YYYY> [--replace]  [--user NAME] [--server URL]';

function parseArgs(argv: string[]) {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--replace' || a === '--help' || a === '-h') flags.set(a.replace(/^-+/, ''), true);
    else if (a.startsWith('--')) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${a} needs a value`);
      flags.set(a.slice(2), value);
      i++;
    } else positional.push(a);
  }
  return { flags, positional };
}

type Problem = { file?: string; line?: number; message: string };

function printProblems(message: string, errors: Problem[]): void {
  console.error(message);
  for (const e of errors) console.error(`  ${e.line ? `line ${e.line}: ` : ''}${e.message}`);
}

async function viaServer(server: string, token: string, path: string, csv: string, who: string): Promise<number> {
  if (!token) {
    console.error('--server needs ADMIN_TOKEN in the environment or .env');
    return 2;
  }
  const res = await fetch(new URL(path, server), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8', 'x-admin-user': who },
    body: csv,
  });
  const body = (await res.json().catch(() => null)) as { error?: { message: string; errors?: Problem[] } } | null;
  if (res.ok) {
    console.log(JSON.stringify(body));
    return 0;
  }
  printProblems(body?.error?.message ?? `HTTP ${res.status}`, body?.error?.errors ?? []);
  return res.status === 400 || res.status === 409 ? 1 : 2;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { flags, positional } = args;
  if (flags.has('help') || flags.has('h')) {
    console.log(USAGE);
    return 0;
  }
  const territoriesFile = flags.get('territories');
  const file = typeof territoriesFile === 'string' ? territoriesFile : positional[0];
  if (!file || positional.length > (territoriesFile ? 0 : 1)) {
    console.error(USAGE);
    return 2;
  }
  const waveText = flags.get('wave');
  if (territoriesFile && (typeof waveText !== 'string' || !/^\d{4}$/.test(waveText))) {
    console.error(`--territories needs --wave YYYY\n${USAGE}`);
    return 2;
  }
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return 2;
  }
  const userFlag = flags.get('user');
  const label = typeof userFlag === 'string' ? userFlag : os.userInfo().username;
  const who = `cli:${label.replace(/[^\p{L}\p{N} ._@-]/gu, '').slice(0, 64) || 'unknown'}`;

  loadDotEnv();
  const config = loadConfig();
  const server = flags.get('server');
  if (typeof server === 'string') {
    const path = territoriesFile
      ? `/api/admin/territories/import?wave=${waveText}${flags.has('replace') ? '&replace=true' : ''}`
      : '/api/admin/referents/import';
    return viaServer(server, config.adminToken, path, csv, label);
  }

  if (config.storage === 'memory') {
    console.error('STORAGE=memory keeps the knowledge base in the server process only: send the file to it with --server URL.');
    return 2;
  }
  const kb = await openKnowledgeBase(config.kbDir, loadGeography());
  try {
    const { sharedKb, history } = await openKnowledgeStores(config, kb);
    const admin = new KbAdmin(kb, history, undefined, () => sharedKb.refresh());
    if (territoriesFile) {
      const r = await admin.importTerritories(csv, Number(waveText), { replace: flags.has('replace') }, who);
      console.log(`${r.replaced ? 'Replaced' : 'Added'} wave ${r.wave}: ${r.territories} territories, 4 referent slots each (history ${r.historyId}).`);
    } else {
      const r = await admin.importReferents(csv, who);
      console.log(`${r.rows} row(s) read, ${r.changed} slot(s) changed${r.historyId ? ` (history ${r.historyId})` : ''}.`);
    }
    const where = config.storage === 'blob' ? `the shared container ${config.blobDataContainer}` : config.kbDir;
    console.log(`Written to ${where}. A server running on it serves the change within ${config.kbRefreshMs / 1000} s (KB_REFRESH_SECONDS).`);
    return 0;
  } catch (err) {
    if (err instanceof AdminInputError) {
      printProblems(err.message, err.errors);
      return err.status === 400 || err.status === 409 ? 1 : 2;
    }
    if (err instanceof KbConflictError) {
      console.error('The knowledge base was changed meanwhile (through a server or another import); nothing was written. Run the import again.');
      return 1;
    }
    if (err instanceof StorageError) {
      console.error(`The knowledge base cannot be written now (${err.message}); nothing was written.`);
      return 2;
    }
    if (err instanceof KbError) {
      printProblems(
        'The knowledge base refused the change; nothing was written.',
        err.problems.map((message) => ({ message })),
      );
      return 1;
    }
    throw err;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`kb:import failed: ${(err as Error).message}`);
    process.exit(2);
  },
);
