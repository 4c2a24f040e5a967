/**
 * What `npm start` runs: `npm run build` (src/build.ts: the compact geography file, the esbuild
 * bundles of the server and of the parser worker, the code cache), then the bundle as a child process. Every
 * other test runs the TypeScript sources, so this is the one that would see a bundle missing a
 * file it reads at run time, a worker path that only exists in src/, or a data file left out.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { startArgs } from '../../../src/start-command';
import { FakeChannel } from '../../helpers/channel';
import { killAllBotProcesses, startBotProcess, type BotProcess } from '../../helpers/process';
import { removeTempDirs, tempDir } from '../../helpers/temp';

const run = promisify(execFile);
let bot: BotProcess;
let channel: FakeChannel;

beforeAll(async () => {
  await run('npm', ['run', 'build'], { timeout: 300_000 });
  // The worker builds the number model on the first message in words: the turn may wait for it.
  bot = await startBotProcess({ STATE_DIR: tempDir('ti-built-'), PARSER_TIMEOUT_MS: '60000' }, { built: true });
  channel = new FakeChannel(bot.url);
  await channel.start();
});

afterAll(async () => {
  await killAllBotProcesses();
  await channel?.stop();
  removeTempDirs();
});

const texts = (replies: Array<{ text?: string }>) => replies.map((r) => r.text ?? '').join('\n');

it('builds the bundles and the compact geography file', () => {
  for (const file of ['dist/src/index.js', 'dist/src/server.js', 'dist/src/worker.js', 'dist/src/lookup.js', 'dist/data/geography.json'])
    expect(existsSync(file)).toBe(true);
});

it("writes a code cache that V8 accepts under npm start's settings", async () => {
  // V8 rejects a cache made under other flags: the start would then compile the bundle again.
  const check = `const vm = require('vm'), fs = require('fs'), { Module } = require('module'); const f = 'dist/src/server.js';
    const s = new vm.Script(Module.wrap(fs.readFileSync(f, 'utf8')), { filename: f, cachedData: fs.readFileSync(f + '.cache') });
    process.stdout.write(String(s.cachedDataRejected));`;
  const flags = startArgs(process.cwd()).slice(0, -1);
  expect((await run(process.execPath, [...flags, '-e', check])).stdout).toBe('false');
  expect((await run(process.execPath, ['-e', check])).stdout).toBe(flags.some((f) => f.startsWith('--max-')) ? 'true' : 'false');
});

it('serves the API, the web chat page and a conversation', async () => {
  const lookup = (await (await fetch(`${bot.url}/api/lookup?q=Oyonnax`)).json()) as { territory?: { id?: string } };
  expect(JSON.stringify(lookup)).toContain('ti-8413');
  const page = await fetch(`${bot.url}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/<html/i);
  const turn = await channel.say('usine à Oyonnax, on veut recruter', {}, 'conv-built-1');
  expect(turn.status).toBe(200);
  expect(texts(turn.replies)).toMatch(/Plastics Vallée – Oyonnax/);
});

it('reads numbers in words in the bundled parser worker', async () => {
  const turn = await channel.say('PME de cent vingt salariés à Oyonnax, douze millions de CA, nous voulons recruter un jeune diplômé', {}, 'conv-built-2');
  expect(turn.status).toBe(200);
  const said = texts(turn.replies);
  // 120 employees and €12m make an SME: the VTE is open, which it is not without the figures.
  expect(said).toMatch(/vous sont ouverts : [^.]*Volontariat Territorial en Entreprise/);
  expect(said).not.toMatch(/nombres écrits en lettres/);
  const health = (await (await fetch(`${bot.url}/health`)).json()) as { parts: Record<string, string> };
  expect(health.parts).toMatchObject({ knowledgeBase: 'ready', resolver: 'ready', parser: 'ready', bot: 'ready' });
});
