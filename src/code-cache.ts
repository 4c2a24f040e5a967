import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Runs the server's bundle with a V8 code cache written by `npm run build`. Compiling the 1.6 MB
 * bundle (parsing it whole to find its functions) took 90-120 ms of the start-up before
 * listening; with the cache it takes 4-12 ms (measured on the 2-core machine). Node 20 has no
 * compile cache of its own for modules (`module.enableCompileCache` came in Node 22).
 *
 * The cache holds the compiled top level only, and V8 accepts it only from the same V8 version
 * and V8 settings (flags such as --max-semi-space-size), which is why the build writes it with the
 * start command's own flags (start-command.ts). A cache that is missing or rejected costs the
 * compile it would have saved, nothing else: the bundle is compiled from its source.
 */

const wrap = (source: string) => Module.wrap(source);

export function cacheFileOf(bundle: string): string {
  return `${bundle}.cache`;
}

/** Loads `bundle` as a CommonJS module, as `require` would, with its cache when V8 accepts it. */
export function runWithCodeCache(bundle: string): void {
  const cache = cacheFileOf(bundle);
  const script = new vm.Script(wrap(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData: existsSync(cache) ? readFileSync(cache) : undefined,
  });
  const mod = new Module(bundle, require.main);
  mod.filename = bundle;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
}

/** Writes the code cache of `bundle`; `npm run build` calls it in a node started with the start command's flags. */
export function writeCodeCache(bundle: string): void {
  const script = new vm.Script(wrap(readFileSync(bundle, 'utf8')), { filename: bundle });
  writeFileSync(cacheFileOf(bundle), script.createCachedData());
}
