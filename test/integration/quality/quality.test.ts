/* eslint-disable @typescript-eslint/no-require-imports -- each suite is required inside its own describe, so that its hooks (its own app) stay its own */
/**
 * HTTP hardening and a small soak, one suite per module, in one file: jest gives every test file
 * its own modules, and each of these loaded the app and the Bot Framework part again (about a
 * second of CPU each). Every suite starts its own app.
 */
describe('quality/http: HTTP hardening', () => {
  require('./http');
});
describe('quality/soak: concurrent conversations (a small npm run soak)', () => {
  require('./soak');
});
