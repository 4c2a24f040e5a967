const fs = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's order (failed first, then the longest by the last run's timings), except that files with
 * no timing yet, as on a fresh clone, are weighed by their size plus that of the modules next to
 * them that they import or require ('./x'), not by their own size alone: test/integration/parser/model.test.ts
 * is ten lines that import the parser's tests (about 40 s), and jest ran it last, alone on one
 * worker while the other idled.
 */
class WeightedSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const untimed = sorted.map((test, i) => [test, i]).filter(([test]) => test.duration == null && !this.hasFailed(test));
    const byWeight = untimed.map(([test]) => test).sort((a, b) => weight(b.path) - weight(a.path));
    untimed.forEach(([, i], k) => (sorted[i] = byWeight[k]));
    return sorted;
  }
}

const weights = new Map();
function weight(file) {
  if (!weights.has(file)) {
    const source = fs.readFileSync(file, 'utf8');
    let total = source.length;
    for (const [, name] of source.matchAll(/(?:from|import|require\() ?'(\.\/[^']+)'/g)) {
      const sibling = path.join(path.dirname(file), `${name}.ts`);
      if (fs.existsSync(sibling)) total += fs.statSync(sibling).size;
    }
    weights.set(file, total);
  }
  return weights.get(file);
}

module.exports = WeightedSequencer;
