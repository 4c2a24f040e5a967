/* eslint-disable @typescript-eslint/no-require-imports -- each suite is required inside its own describe, so that its hooks stay its own */
/**
 * The dialogs through DialogTestClient on the real knowledge base, one suite per module, in one
 * file: jest gives every test file its own modules, and each of these loaded botbuilder-dialogs,
 * the knowledge base and the resolver's index again (one to two seconds of CPU each).
 */
describe('dialogs/framework: what the dialogs import from botbuilder-dialogs', () => {
  require('./framework');
});
describe('dialogs/router: the routing table', () => {
  require('./router');
});
describe('dialogs/mainDialog: conversations through the main dialog', () => {
  require('./mainDialog');
});
describe('dialogs/cards: card buttons', () => {
  require('./cards');
});
describe('dialogs/eligibility-cases: eligibility cases as firms meet them', () => {
  require('./eligibility-cases');
});
describe('dialogs/contactDialog: the contact dialog', () => {
  require('./contactDialog');
});
