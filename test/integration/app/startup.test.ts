import { spawn } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverArgs } from '../../helpers/built';
import { removeTempDirs, tempDir } from '../../helpers/temp';

/** Runs the real entry point and returns how it ended; the process must stop by itself. */
function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, serverArgs(), {
      env: { ...process.env, PORT: '0', STATE_DIR: tempDir('ti-start-'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function corruptKb(mutate: (dir: string) => void): string {
  const dir = tempDir('ti-kb-');
  cpSync('data/kb', dir, { recursive: true });
  mutate(dir);
  return dir;
}

afterAll(removeTempDirs);

describe('start-up refuses to serve half a knowledge base', () => {
  it('stops with a clear message on a corrupt file', async () => {
    const dir = corruptKb((d) => writeFileSync(path.join(d, 'territories.json'), '{"territories": [{"id": "ti-'));
    const { code, stdout, stderr } = await start({ KB_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Refusing to start\. Knowledge base file territories\.json .* is not valid JSON/);
    expect(stdout).not.toMatch(/ready/);
  });

  it('stops and lists the broken invariants of an inconsistent base', async () => {
    const dir = corruptKb((d) => writeFileSync(path.join(d, 'referents.json'), JSON.stringify({ meta: { builtAt: '', sources: [] }, slots: [] })));
    const { code, stderr } = await start({ KB_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/The knowledge base is inconsistent/);
    expect(stderr).toMatch(/has 0 slot\(s\) for bpifrance instead of 1/);
  });

  it('stops on an invalid configuration, naming the variable, without echoing secrets', async () => {
    const { code, stderr } = await start({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', PORT: 'abc', ADMIN_TOKEN: 'short' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT must be an integer/);
    expect(stderr).toMatch(/MicrosoftAppPassword is required/);
    expect(stderr).toMatch(/ADMIN_TOKEN must be at least 16 characters/);
    expect(stderr).not.toMatch(/short/);
  });
});
