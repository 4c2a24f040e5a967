// The start-up floor: a plain node process that parses the same data files as the assistant (the
// knowledge base, data/kb/*.json, and the geography package's JSON) and listens, answering
// /health. Plain JavaScript, so that it pays no compiler. Prints {"port": ...} once listening.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const geography = path.join(path.dirname(createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/package.json')), 'data');
const kept = [];
for (const dir of [path.join(root, 'data/kb'), geography]) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) kept.push(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
}
const server = createServer((_req, res) => {
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ status: 'ok', files: kept.length }));
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
