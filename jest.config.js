/** swc's options for a TypeScript or JavaScript file, compiled to CommonJS as tsconfig.json would (ES2022 class fields). */
function swc(syntax) {
  return { jsc: { parser: { syntax }, target: 'es2022', transform: { useDefineForClassFields: true } }, module: { type: 'commonjs' }, sourceMaps: 'inline' };
}

/** @type {import('jest').Config} */
const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc('typescript')],
    // lowdb and steno ship ESM only; jest's module system needs them as CommonJS.
    '^.+\\.js$': ['@swc/jest', swc('ecmascript')],
  },
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno|strip-bom)/)'],
  // A dynamic import() of our own code names the built file ('./routes.js'), as Node's ES module
  // resolution wants; jest runs the TypeScript source.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

/**
 * Each project sets its own timeout in its setup file: jest reads `testTimeout` from the global
 * configuration only, so a per-project `testTimeout` would be silently ignored.
 */
// restify 11 reads process.binding('http_parser'), and node warns about it (DEP0111) in every
// worker; the warning says nothing about our code. Workers inherit this environment.
if (!/--disable-warning=DEP0111/.test(process.env.NODE_OPTIONS ?? '')) {
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--disable-warning=DEP0111'].filter(Boolean).join(' ');
}

module.exports = {
  // On a 2-core machine jest would use one worker and run every file in band, one after
  // the other; many integration files mostly wait (child processes, Azurite, deadlines, a browser),
  // so two workers overlap those waits.
  maxWorkers: 2,
  // After its last file a worker exits once its event loop is empty. At load average 15 jest's
  // default 500 ms ran out and it reported a leak, while a check of every file's open handles
  // after its teardown found none but jest's own pipes: the exit was slow, not blocked.
  workerGracefulExitTimeout: 10_000,
  // Longest files first, also on a fresh clone (no timings yet): see the sequencer.
  testSequencer: '<rootDir>/scripts/jest-sequencer.js',
  projects: [
    // Pure and in-process: no server, no child process, no recognizers' models.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup/unit.ts'] },
    // Real HTTP, browser, Azurite, child processes and the recognizers.
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/integration.ts'],
      globalSetup: '<rootDir>/test/setup/build.ts',
    },
  ],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
