import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface AzuriteHandle {
  /** Connection string for the emulator's well-known development account. */
  connectionString: string;
  /** Port of the blob service. */
  port: number;
  /** Port of the queue service, when started. */
  queuePort?: number;
  stop(): Promise<void>;
}

/** Azurite's published development account; not a secret, it is the same for every installation. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

// A liveness bound per service: a second or two on a quiet machine, far more when the machine is
// loaded; two services (blob and queue) still fit the integration hooks' 120 s.
const STARTUP_TIMEOUT_MS = 50_000;
const STOP_GRACE_MS = 3_000;

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Starts the Azurite emulator installed in node_modules (no global install), in memory, on
 * 127.0.0.1 and ports chosen by the OS: the blob service, and with `queue` also the queue
 * service (one process each). Azurite is told to listen on port 0 and we read the real port from
 * its start-up line, which avoids the race of probing for a free port first.
 */
export async function startAzurite(options: { queue?: boolean } = {}): Promise<AzuriteHandle> {
  // In-memory persistence writes nothing, but Azurite may still drop files in its cwd; keep them out of the repo.
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'azurite-'));
  const services: Array<'blob' | 'queue'> = options.queue ? ['blob', 'queue'] : ['blob'];
  const started: Array<{ child: ChildProcess; port: number }> = [];
  const stopAll = async () => {
    for (const { child } of started) {
      await kill(child);
      running.delete(child);
    }
    rmSync(workspace, { recursive: true, force: true });
  };
  try {
    for (const service of services) started.push(await startService(service, workspace));
  } catch (err) {
    await stopAll();
    throw err;
  }
  const [blob, queue] = started;
  return {
    port: blob!.port,
    ...(queue ? { queuePort: queue.port } : {}),
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${blob!.port}/${DEV_ACCOUNT};` +
      (queue ? `QueueEndpoint=http://127.0.0.1:${queue.port}/${DEV_ACCOUNT};` : ''),
    stop: stopAll,
  };
}

async function startService(service: 'blob' | 'queue', workspace: string): Promise<{ child: ChildProcess; port: number }> {
  const script = require.resolve(`azurite/dist/src/${service}/main.js`);
  const child = spawn(
    process.execPath,
    [
      script,
      `--${service}Host`,
      '127.0.0.1',
      `--${service}Port`,
      '0',
      '--inMemoryPersistence',
      '--extentMemoryLimit',
      '256',
      '--skipApiVersionCheck',
      '--loose',
      // Telemetry would reach out to the internet; tests must stay on loopback.
      '--disableTelemetry',
    ],
    { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'], env: emulatorEnv() },
  );
  running.add(child);
  installExitHook();
  try {
    const port = await waitForPort(child);
    await waitUntilAnswering(port);
    return { child, port };
  } catch (err) {
    await kill(child);
    running.delete(child);
    throw err;
  }
}

/** Custom accounts from a developer's shell would replace the well-known one the tests rely on. */
function emulatorEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.AZURITE_ACCOUNTS;
  return env;
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => done(new Error(`Azurite did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)), STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listens on https?:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1]) done(null, Number(match[1]));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      done(new Error(`Azurite exited before listening (code ${code}, signal ${signal}):\n${output}`));
    const onError = (err: Error) => done(err);
    function done(err: Error | null, port?: number) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      // Keep draining the pipes so a chatty emulator never blocks on a full pipe buffer.
      child.stdout?.resume();
      child.stderr?.resume();
      if (err) reject(err);
      else resolve(port!);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function waitUntilAnswering(port: number): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Azurite port ${port} never accepted connections`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Last resort when a test run dies without reaching its afterAll: no emulator outlives the runner. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}
