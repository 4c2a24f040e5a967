import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { writeCompactGeography } from './infrastructure/geography';
import { startArgs } from './start-command';

/**
 * `npm run build`: what `npm start` and the container image run, written by esbuild alone (the
 * type-check is `npm run check`'s; tsc's emit of the whole tree cost 11 s of CPU for files nothing
 * ran). package.json bundles this script to dist/build.js, then runs it:
 * - dist/data/geography.json, the part of the geography package the server reads (see
 *   infrastructure/geography.ts);
 * - dist/src/server.js and dist/src/worker.js, bundles of the server and of the parser worker:
 *   the server loaded 549 files before listening (restify and its dependencies 400 of them),
 *   0.65 s of its 0.8 s start-up on a quiet machine; one file of the same code loads about 0.15 s
 *   sooner and holds 10 MB less (measured at load 6-7: 0.64-0.77 s -> 0.49-0.61 s to listening).
 *   The packages loaded after listening (Bot Framework, Azure SDKs, nodemailer, the recognizers)
 *   and those whose files are read at run time stay outside, loaded from node_modules as before;
 * - dist/src/index.js, the entry `npm start` runs: it loads server.js with the V8 code cache
 *   written next to it (server.js.cache, see code-cache.ts) by dist/src/code-cache.js;
 * - dist/src/lookup.js, the command line (`npm run lookup` runs its source with tsx, a development
 *   dependency): where the server is deployed, `node dist/src/lookup.js oyonax`.
 */
const EXTERNAL = [
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  'adaptivecards-templating',
  'adaptive-expressions',
  '@azure/*',
  '@microsoft/*',
  'nodemailer',
  // Optional native module of restify's logger.
  'dtrace-provider',
  // Their files are read at run time (require.resolve).
  '@zxcvbn-ts/*',
  '@etalab/*',
];

/**
 * Writes `dist` (by default dist/ under `root`, the repository's root; the integration tests build
 * into test-output/ so as not to race with a build of dist/). `dist` must be inside `root`: the
 * bundles load the packages left outside from its node_modules.
 */
export function build(root: string, dist = path.join(root, 'dist')): void {
  writeCompactGeography(path.join(dist, 'data', 'geography.json'));
  buildSync({
    absWorkingDir: root,
    entryPoints: {
      index: 'src/start.ts',
      server: 'src/index.ts',
      worker: 'src/infrastructure/parser/worker.ts',
      'code-cache': 'src/code-cache.ts',
      lookup: 'src/channels/cli/lookup.ts',
    },
    outdir: path.join(dist, 'src'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    // Smaller source text to keep in memory; names kept for stack traces, which the source map
    // (node --enable-source-maps) maps back to src/.
    minify: true,
    keepNames: true,
    sourcemap: true,
    // import() of the packages left outside becomes require(): the server's bundle runs as a
    // vm.Script (code-cache.ts), where import() would need a loader of its own.
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
  });
  const server = path.join(dist, 'src', 'server.js');
  const flags = startArgs(root).slice(0, -1);
  execFileSync(process.execPath, [
    ...flags,
    '-e',
    `require(${JSON.stringify(path.join(dist, 'src', 'code-cache.js'))}).writeCodeCache(${JSON.stringify(server)})`,
  ]);
}

// This file runs as dist/build.js (package.json "build").
if (require.main === module) build(path.resolve(__dirname, '..'));
