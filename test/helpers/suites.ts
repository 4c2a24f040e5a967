import path from 'node:path';

/**
 * Several suites, each a module of `dir`, in one jest file, each in a describe block of its own
 * name. Jest gives every test file its own modules: as files of their own, each of these loaded
 * the app, the Bot Framework part, the knowledge base or the resolver's index again (one to two
 * seconds of CPU each). Each module is required inside its block, so that its hooks (its own app,
 * its own state, its beforeEach) stay its own; a failure names the suite and points at its lines.
 */
export function suites(dir: string, modules: Record<string, string>): void {
  for (const [name, file] of Object.entries(modules)) {
    describe(name, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- inside its block, not at the top of the file
      require(path.join(dir, file));
    });
  }
}
