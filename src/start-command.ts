import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The arguments `npm start` gives node (package.json "start": V8 settings, then the built entry),
 * read from package.json so that every other way of starting the built server runs the same
 * command: deploy/azure/start.sh (test/integration/teams/deploy.test.ts compares it), the code
 * cache written by `npm run build` (V8 rejects a cache made under other V8 settings, see
 * code-cache.ts), the tests of the bundle and the start-up bench.
 */
export function startArgs(root: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const [command, ...args] = (pkg.scripts?.start ?? '').trim().split(/\s+/);
  if (command !== 'node' || args.length === 0) throw new Error('package.json "start" must be "node [flags] <entry>"');
  return args;
}
