import type { Server } from 'restify';
import pino from 'pino';
import RestifyServer from 'restify/lib/server';
import Router from 'restify/lib/router';

/**
 * The parts of restify the server uses, imported from their own files. The package's index loads
 * every plugin before the server can listen (authorization with http-signature and sshpk,
 * multipart forms, static files, gzip, throttles), which the server never installs; measured,
 * one process: require('restify') 230-340 ms, these files 157-174 ms. The classes are the index's
 * own (test/unit/channels/http/restify.test.ts checks it, so an upgrade that moves a file fails
 * there).
 */
export { default as queryParser } from 'restify/lib/plugins/query';
export { default as jsonBodyParser } from 'restify/lib/plugins/jsonBodyParser';
export { default as requestContext } from 'restify/lib/plugins/pre/context';

/** restify.createServer's work for the options the server passes (its logger, pino, as the index makes it). */
export function createServer(name: string): Server {
  const options = { name, log: pino({ name }), handleUncaughtExceptions: false };
  return new RestifyServer({ ...options, router: new Router(options) });
}
