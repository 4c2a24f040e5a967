import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);

/**
 * Static files of the web chat. They live in `src/channels/webchat/public` and are read from the package
 * root, so a compiled server (dist/) finds them as well as the TypeScript sources do.
 */
export function packageRoot(start = __dirname): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && existsSync(path.join(dir, 'src', 'channels', 'webchat', 'public'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`web chat assets not found: no src/channels/webchat/public above ${start}`);
    dir = parent;
  }
}

/** The official Web Chat bundle (React, Adaptive Cards and Direct Line included) shipped in the npm package. */
export function webChatBundlePath(): string {
  const main = require.resolve('botframework-webchat');
  const file = path.join(path.dirname(main), '..', 'dist', 'webchat.js');
  if (!existsSync(file)) throw new Error(`botframework-webchat bundle not found at ${file}`);
  return file;
}

export interface Asset {
  body: Buffer;
  /** Filled on first use: Azure App Service does not compress for us. */
  gzipped?: Promise<Buffer>;
  etag: string;
  type: string;
}

export class Assets {
  readonly page: string;
  readonly embed: Asset;
  readonly css: Asset;
  readonly bundle: Asset;

  constructor(root = packageRoot()) {
    const dir = path.join(root, 'src', 'channels', 'webchat', 'public');
    this.page = readFileSync(path.join(dir, 'index.html'), 'utf8');
    if (!this.page.includes('{{NONCE}}')) throw new Error('web chat page template has no nonce placeholder');
    this.embed = load(path.join(dir, 'embed.js'), 'application/javascript; charset=utf-8');
    this.css = load(path.join(dir, 'page.css'), 'text/css; charset=utf-8');
    this.bundle = load(webChatBundlePath(), 'application/javascript; charset=utf-8');
  }
}

function load(file: string, type: string): Asset {
  const body = readFileSync(file);
  const { size, mtimeMs } = statSync(file);
  return { body, type, etag: `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"` };
}

export function gzipped(asset: Asset): Promise<Buffer> {
  asset.gzipped ??= gzipAsync(asset.body, { level: 6 });
  return asset.gzipped;
}
