/* eslint-disable @typescript-eslint/no-require-imports -- each suite is required inside its own describe, so that its hooks (its own app, its browser) stay its own */
/**
 * Web Chat in front of the real bot, one suite per module, in one file: jest gives every test file
 * its own modules, and each of these loaded the app and the Bot Framework part again (about a
 * second of CPU each). Every suite starts its own app.
 */
describe('webchat/directline: the local Direct Line channel', () => {
  require('./directline');
});
describe('webchat/browser: the page in headless Chromium', () => {
  require('./browser');
});
