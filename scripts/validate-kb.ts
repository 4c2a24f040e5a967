/** Fails (exit 1) on any broken knowledge-base invariant. `npm run kb:validate [-- --dir data/kb]` */
import path from 'node:path';
import { KbError } from '../src/domain/knowledge-base';
import { loadGeography } from '../src/infrastructure/geography';
import { openKnowledgeBase } from '../src/infrastructure/knowledge-base';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--dir');
  const dir = path.resolve(i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : 'data/kb');
  try {
    const kb = await openKnowledgeBase(dir, loadGeography());
    const summary = kb
      .waves()
      .map((w) => `${kb.territories(w).length} territories (${w})`)
      .join(', ');
    const named = kb.slots().filter((s) => s.referent).length;
    console.log(`Knowledge base OK: ${summary}; ${kb.slots().length} referent slots, ${named} with a named referent.`);
  } catch (err) {
    console.error(err instanceof KbError ? err.message : `Could not validate the knowledge base: ${(err as Error).message}`);
    process.exit(1);
  }
}

void main();
