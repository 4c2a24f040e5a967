import path from 'node:path';
import { buildSync } from 'esbuild';
import { writeCompactGeography } from './infrastructure/geography';

/**
 * The second half of `npm run build`, once tsc has compiled src/ to dist/src:
 * - dist/data/geography.json, the part of the geography package the server reads (see
 *   infrastructure/geography.ts);
 * - dist/src/index.js and dist/src/worker.js replaced by bundles of the server and of the parser
 *   worker: the server loaded 549 files before listening (restify and its dependencies 400 of
 *   them), 0.65 s of its 0.8 s start-up on a quiet machine; one file of the same code loads about
 *   0.15 s sooner and holds 10 MB less (measured at load 6-7: 0.64-0.77 s -> 0.49-0.61 s to
 *   listening). The packages loaded after listening (Bot Framework, Azure SDKs, nodemailer, the
 *   recognizers) and those whose files are read at run time stay outside, loaded from
 *   node_modules as before. Every other file of dist/ is tsc's (the CLI, tests' tools).
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

function main(): void {
  const dist = path.resolve(__dirname, '..');
  const root = path.resolve(dist, '..');
  writeCompactGeography(path.join(dist, 'data', 'geography.json'));
  buildSync({
    absWorkingDir: root,
    entryPoints: { index: 'src/index.ts', worker: 'src/infrastructure/parser/worker.ts' },
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
    logLevel: 'warning',
  });
}

if (require.main === module) main();
