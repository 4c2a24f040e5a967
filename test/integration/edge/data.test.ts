/* eslint-disable @typescript-eslint/no-require-imports -- each suite is required inside its own describe, so that its hooks (its own app, its own state) stay its own */
/**
 * Rows 3, 6, 7, 8, 11, 12 and 13 of the public-edge review (docs/security.md), one suite per
 * module, in one file: jest gives every test file its own modules, and each of these loaded the
 * app and the Bot Framework part again (about a second of CPU each). Every suite starts its own
 * app on its own state: the limits and stored conversations of one never reach another.
 */
describe('edge/personal-data: retention, erasure and consent', () => {
  require('./personal-data');
});
describe('edge/personal-data-blob: the same with STORAGE=blob', () => {
  require('./personal-data-blob');
});
describe('edge/references: request references and their guess limits', () => {
  require('./references');
});
describe('edge/local-mode: the local bot, its channels and its log limits', () => {
  require('./local-mode');
});
