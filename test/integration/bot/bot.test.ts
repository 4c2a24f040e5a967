/* eslint-disable @typescript-eslint/no-require-imports -- each suite is required inside its own describe, so that its hooks (its own app) stay its own */
/**
 * The bot through POST /api/messages, one suite per module, in one file: jest gives every test
 * file its own modules, and each of these loaded the app and the Bot Framework part again (about
 * a second of CPU each). Every suite starts its own app: contact requests and limits never mix.
 */
describe('bot/conversation: the flows turn by turn', () => {
  require('./conversation');
});
describe('bot/teams: the Teams channel', () => {
  require('./teams');
});
describe('bot/contact: contact requests', () => {
  require('./contact');
});
describe('bot/eligibility: eligibility with the parser worker and the company directory', () => {
  require('./eligibility');
});
describe('bot/model: random sequences of turns (model-based)', () => {
  require('./model');
});
