/* eslint-disable @typescript-eslint/no-require-imports -- each suite is required inside its own describe, so that its hooks stay its own */
/**
 * The domain on the real knowledge base and geography, one suite per module, in one file: jest
 * gives every test file its own modules, and each of these loaded the geography, the knowledge
 * base and the resolver's index again (about a second of CPU each).
 */
describe('domain/kb: the knowledge base', () => {
  require('./kb');
});
describe('domain/resolver: places to territories', () => {
  require('./resolver');
});
describe('domain/place-precision: messages that name no place', () => {
  require('./place-precision');
});
describe('domain/areas: areas and their territories', () => {
  require('./areas');
});
describe('domain/entry-points: dated entry points', () => {
  require('./entry-points');
});
describe('domain/eligibility/place: the firm’s place in the configured list', () => {
  require('./eligibility/place');
});
describe('domain/recent-answers: answers kept per knowledge-base revision', () => {
  require('./recent-answers');
});
