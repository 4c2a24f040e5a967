import path from 'node:path';
import { startArgs } from '../../src/start-command';

/**
 * Where the integration project's global setup (test/setup/build.ts) writes the product's build,
 * relative to the repository's root: not dist/, which the test of `npm run build` rewrites while
 * other files run.
 */
export const TEST_BUILD = path.join('test-output', 'built');

/**
 * The node arguments of the real server started as `npm start` starts it (package.json "start":
 * its V8 settings, then the bundle with its code cache), from the tests' build. A child server
 * from the bundle reached "bot ready" in 1.7-1.8 s of CPU, from the TypeScript sources through
 * tsx in 2.9-3.0 s.
 */
export function serverArgs(): string[] {
  return [...startArgs(process.cwd()).slice(0, -1), path.join(TEST_BUILD, 'src', 'index.js')];
}
