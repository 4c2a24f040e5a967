/* eslint-disable @typescript-eslint/no-require-imports -- each suite is required inside its own describe, so that its hooks (its own app) stay its own */
/**
 * Rows 1, 2, 4, 5, 9 and 10 of the public-edge review (docs/security.md), one suite per module,
 * in one file: jest gives every test file its own modules, and each of these loaded the app and
 * the Bot Framework part again (about a second of CPU each). Every suite starts its own app.
 */
describe('edge/bodies: compressed and multipart bodies', () => {
  require('./bodies');
});
describe('edge/clients: one client key behind a proxy', () => {
  require('./clients');
});
describe('edge/connections: slow and silent connections', () => {
  require('./connections');
});
describe('edge/text: user text in replies, storage, webhooks and e-mail', () => {
  require('./text');
});
