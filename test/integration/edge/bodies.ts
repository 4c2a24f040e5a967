import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import type { App } from '../../../src/app';
import { startApp } from '../../helpers/channel';
import { rawPost } from './raw';

/**
 * Rows 1 and 4 of the public-edge review: a compressed body is refused before anything inflates
 * it, and no multipart body ever becomes a file. Measured through the real app on loopback.
 */

/** A gzip body that inflates to `mebibytes` MiB of zeros, built without holding them in memory. */
async function gzipBomb(mebibytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => gzip.once('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mebibytes; i++) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(out);
}

function multipart(boundary: string, fileBytes: number): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fictif.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.alloc(fileBytes, 0x41),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

/** Files of the temporary folder created since `since` whose names formidable would use. */
function uploadsSince(since: number): string[] {
  return readdirSync(os.tmpdir()).filter((name) => {
    if (!/^upload_/.test(name)) return false;
    try {
      return statSync(path.join(os.tmpdir(), name)).mtimeMs >= since;
    } catch {
      return false;
    }
  });
}

let app: App;
let url: string;
beforeAll(async () => {
  ({ app, url } = await startApp({ RATE_LIMIT_PER_MINUTE: '100000' }));
});
afterAll(() => app.close());

const ENDPOINTS = [
  '/api/messages',
  '/v3/directline/tokens/refresh',
  '/api/directline/token',
  '/v3/directline/tokens/generate',
  '/v3/directline/conversations/fictif/activities',
];

describe('compressed bodies', () => {
  it('refuses ten gzip bombs at once (250 KiB inflating to 250 MiB each) with 415', async () => {
    const bomb = await gzipBomb(250);
    expect(bomb.length).toBeLessThan(300 * 1024);
    const headers = { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' };
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => rawPost(`${url}${ENDPOINTS[i % ENDPOINTS.length]}`, headers, bomb)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(415));
    expect(JSON.parse(answers[0]!.body).error.status).toBe(415);
  });

  it('refuses a compressed body from its headers, before the body arrives (nothing is inflated)', async () => {
    // Announces the whole bomb and sends 1 KiB of it: a server reading the body would never answer.
    const bomb = await gzipBomb(250);
    const r = await rawPost(
      `${url}/api/messages`,
      { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) },
      bomb.subarray(0, 1024),
    );
    expect(r.status).toBe(415);
  });

  it.each([['deflate'], ['br'], ['gzip, identity'], ['x-unknown']])('refuses Content-Encoding: %s', async (encoding) => {
    const r = await rawPost(`${url}/api/messages`, { 'Content-Type': 'application/json', 'Content-Encoding': encoding }, Buffer.from('{}'));
    expect(r.status).toBe(415);
  });

  it('still takes an identity-encoded JSON body', async () => {
    const r = await rawPost(`${url}/api/messages`, { 'Content-Type': 'application/json', 'Content-Encoding': 'identity' }, Buffer.from('[1]'));
    // Read and parsed: refused as not being an activity, not for its encoding.
    expect(r.status).toBe(400);
  });
});

describe('multipart and other body types', () => {
  it.each(ENDPOINTS)('refuses a 200 KB multipart upload to %s with 415, and writes no file', async (endpoint) => {
    const since = Date.now() - 1000;
    const r = await rawPost(`${url}${endpoint}`, { 'Content-Type': 'multipart/form-data; boundary=fictif' }, multipart('fictif', 200 * 1024));
    expect(r.status).toBe(415);
    expect(uploadsSince(since)).toEqual([]);
  });

  it.each([['application/x-www-form-urlencoded'], ['text/plain'], ['application/octet-stream'], ['application/xml']])(
    'refuses a %s body with 415',
    async (type) => {
      const r = await rawPost(`${url}/api/directline/token`, { 'Content-Type': type }, Buffer.from('user=dl_fictif'));
      expect(r.status).toBe(415);
    },
  );

  it('answers 413 from the announced length, before the body arrives', async () => {
    // Announces 10 MB and sends 2 bytes: a server waiting for the body would never answer.
    const r = await rawPost(`${url}/api/messages`, { 'Content-Type': 'application/json', 'Content-Length': String(10 * 1024 * 1024) }, Buffer.from('{}'));
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
  });
});
