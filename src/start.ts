import path from 'node:path';
import { runWithCodeCache } from './code-cache';

// The entry of the production start (dist/src/index.js once built, see build.ts): the server's
// bundle, loaded with its code cache.
runWithCodeCache(path.join(__dirname, 'server.js'));
