/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // lowdb and steno ship ESM only; jest's module system needs them as CommonJS.
    '^.+\\.(t|j)s$': ['ts-jest', { tsconfig: { isolatedModules: true, allowJs: true, module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true, sourceMap: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno|strip-bom)/)'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
