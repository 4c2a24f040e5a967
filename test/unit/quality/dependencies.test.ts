import { readFileSync } from 'node:fs';
import path from 'node:path';

// npm audit cannot run where this project is built (see README, "Known limits"): the production
// dependencies known to carry advisories are pinned past them with package.json "overrides".
// This keeps a lockfile refresh from silently bringing them back.
function installedVersion(fromPackage: string, name: string): number[] {
  const resolved = require.resolve(`${name}/package.json`, { paths: [path.dirname(require.resolve(`${fromPackage}/package.json`))] });
  const { version } = JSON.parse(readFileSync(resolved, 'utf8')) as { version: string };
  return version.split('.').map(Number);
}

const atLeast = (version: number[], wanted: string) => {
  const minimum = wanted.split('.').map(Number);
  for (let i = 0; i < minimum.length; i++) {
    if ((version[i] ?? 0) !== minimum[i]) return (version[i] ?? 0) > minimum[i]!;
  }
  return true;
};

describe('production dependencies with known advisories', () => {
  it.each`
    parent       | name             | minimum     | advisory
    ${'restify'} | ${'find-my-way'} | ${'8.2.2'}  | ${'GHSA-rrr8-f88r-h8q6 (ReDoS in multi-parameter routes, high)'}
    ${'restify'} | ${'send'}        | ${'0.19.0'} | ${'GHSA-m6fv-jmcg-4jfg (template injection in redirects, moderate)'}
  `('$parent uses $name >= $minimum ($advisory)', ({ parent, name, minimum }) => {
    expect(atLeast(installedVersion(parent, name), minimum)).toBe(true);
  });
});
