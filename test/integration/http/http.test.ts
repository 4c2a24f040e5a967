/* eslint-disable @typescript-eslint/no-require-imports -- each suite is required inside its own describe, so that its hooks (its own app, its own folders) stay its own */
/**
 * The HTTP API and the administration API and CLI, one suite per module, in one file: jest gives
 * every test file its own modules, and each of these loaded the app and the Bot Framework part
 * again (about a second of CPU each). Every suite starts its own app on its own knowledge base.
 */
describe('http/api: the public lookup API', () => {
  require('./api');
});
describe('http/admin: the administration API', () => {
  require('./admin');
});
describe('http/admin-cli: npm run kb:import', () => {
  require('./admin-cli');
});
