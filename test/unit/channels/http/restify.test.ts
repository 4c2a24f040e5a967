import { createRequire } from 'node:module';
import type { Server } from 'restify';
import { createServer, jsonBodyParser, queryParser, requestContext } from '../../../../src/channels/http/restify';

// The server imports these from restify's own files (not its index, which loads every plugin):
// they must be the very functions the index exports, and the server the one its createServer makes.
// The index is required here only, after them, so that the files above load first on their own.
const restify = createRequire(__filename)('restify') as typeof import('restify');

it.each([
  ['queryParser', queryParser, restify.plugins.queryParser],
  ['jsonBodyParser', jsonBodyParser, restify.plugins.jsonBodyParser],
  ['pre.context', requestContext, restify.plugins.pre.context],
])('%s is the one restify exports', (_name, ours, theirs) => {
  expect(ours).toBe(theirs);
});

it('makes the server restify.createServer makes, with its router and logger', () => {
  const ours: Server = createServer('ti-test');
  const theirs = restify.createServer({ name: 'ti-test', handleUncaughtExceptions: false });
  expect(Object.getPrototypeOf(ours)).toBe(Object.getPrototypeOf(theirs));
  expect(ours.name).toBe('ti-test');
  expect(Object.getPrototypeOf(ours.router)).toBe(Object.getPrototypeOf(theirs.router));
  expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
  expect(typeof ours.log.child).toBe('function');
  expect(ours.listenerCount('uncaughtException')).toBe(theirs.listenerCount('uncaughtException'));
});
