/**
 * Child process for the start-up measure, run with --expose-gc. Mode "bare" loads nothing
 * (the baseline: node + tsx); "knowledge" builds geography, knowledge base and resolver
 * (loading nothing else, so no warm-up: that is the composition root's); "app" builds the whole
 * server (createApp, warm-ups included, not listening). Prints one JSON line.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'bare';
  const started = performance.now();
  let close: () => Promise<void> = async () => undefined;
  if (mode === 'knowledge') {
    const { loadGeography } = await import('../src/infrastructure/geography.js');
    const { openKnowledgeBase } = await import('../src/infrastructure/knowledge-base.js');
    const { Resolver } = await import('../src/domain/resolution/resolver.js');
    const geo = loadGeography();
    const kb = await openKnowledgeBase('data/kb', geo);
    const { loadLexicon } = await import('../src/infrastructure/lexicon-files.js');
    const resolver = new Resolver(kb, 2023, loadLexicon());
    (globalThis as { keep?: unknown }).keep = resolver;
  } else if (mode === 'app') {
    const { createApp } = await import('../src/app.js');
    const { loadConfig } = await import('../src/config.js');
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'ti-bench-'));
    const app = await createApp(loadConfig({ PORT: '0', STATE_DIR: stateDir, STORAGE: 'memory' }), { log: () => undefined });
    close = () => app.close();
    (globalThis as { keep?: unknown }).keep = app;
  }
  const buildMs = performance.now() - started;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ mode, buildMs, heapUsed, rss, uptimeMs: process.uptime() * 1000 })}\n`);
  await close();
  process.exit(0);
}

void main();
