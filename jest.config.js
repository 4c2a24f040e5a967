/** @type {import('jest').Config} */
const common = {
  testEnvironment: 'node',
  transform: {
    // lowdb and steno ship ESM only; jest's module system needs them as CommonJS.
    '^.+\\.(t|j)s$': ['ts-jest', { tsconfig: { isolatedModules: true, allowJs: true, module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true, sourceMap: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno|strip-bom)/)'],
};

module.exports = {
  projects: [
    // Pure and in-process: no server, no child process, no recognizers' models.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    // Real HTTP, browser, Azurite, child processes and the recognizers.
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
  ],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
