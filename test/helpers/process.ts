import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { TEST_CHANNELS, waitUntilReady } from './channel';
import { startArgs } from '../../src/start-command';
import { serverArgs } from './built';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface BotProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

const children = new Set<ChildProcess>();

/**
 * The real server as a child process, as `npm start` runs it (its bundle: helpers/built.ts), with `env` on top
 * of a clean environment (no credentials nor notifiers from the developer's shell); resolves
 * once /health says its bot part and resolver are ready. Its parser worker starts on the first
 * message that writes a number in words (PARSER_WORKER=lazy): the tests of child servers send
 * none, and building the model would cost each start seconds of CPU.
 */
export async function startBotProcess(env: Record<string, string>, options: { built?: boolean } = {}): Promise<BotProcess> {
  const port = await freePort();
  const full: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    KB_DIR: 'data/kb',
    STORAGE: 'file',
    LOCAL_CHANNEL_URLS: TEST_CHANNELS,
    PARSER_WORKER: 'lazy',
  };
  for (const name of [
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'SMTP_URL',
    'NOTIFY_WEBHOOK_URL',
    'NOTIFY_OPS_EMAIL',
    'BLOB_CONNECTION_STRING',
    'ADMIN_TOKEN',
    'NODE_OPTIONS',
  ])
    delete full[name];
  Object.assign(full, env);
  // `built`: exactly what `npm start` runs, the bundle `npm run build` wrote to dist/ (the caller
  // builds it); otherwise the same from the tests' build.
  const args = options.built ? startArgs(process.cwd()) : serverArgs();
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: full,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, () => (child.exitCode === null ? null : `bot exited with ${child.exitCode} before being ready`));
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}; its output:\n${output}`, { cause: err });
  }
  return { child, url, output: () => output };
}

export function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Every child started here and still running: for afterAll. */
export async function killAllBotProcesses(): Promise<void> {
  for (const child of [...children]) await killHard(child);
}
