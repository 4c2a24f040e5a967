const fs = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's order (failed first, then the longest by the last run's timings), except that files with
 * no timing yet, as on a fresh clone, are ordered by the seconds they took in a measured run
 * (jest-timings.json, beside this file), and files not listed there by their size plus that of the
 * modules next to them that they name ('./x': imported, or grouped by test/helpers/suites.ts), at
 * about a second per 1,000 characters. By size alone, the files whose cost is a build, a child
 * process or a model rather than their length (app/production, bot/corpus, quality/soak) ran
 * last, one worker busy 40 s while the other idled.
 */
class WeightedSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const untimed = sorted.map((test, i) => [test, i]).filter(([test]) => test.duration == null && !this.hasFailed(test));
    const byWeight = untimed.map(([test]) => test).sort((a, b) => weight(b) - weight(a));
    untimed.forEach(([, i], k) => (sorted[i] = byWeight[k]));
    return sorted;
  }
}

const measured = JSON.parse(fs.readFileSync(path.join(__dirname, 'jest-timings.json'), 'utf8'));
const weights = new Map();
function weight(test) {
  const file = test.path;
  if (!weights.has(file)) {
    const seconds = measured[path.relative(test.context.config.rootDir, file).split(path.sep).join('/')];
    weights.set(file, seconds ?? sizeWeight(file) / 1000);
  }
  return weights.get(file);
}

function sizeWeight(file) {
  const source = fs.readFileSync(file, 'utf8');
  let total = source.length;
  for (const [, name] of source.matchAll(/'(\.\/[^']+)'/g)) {
    const sibling = path.join(path.dirname(file), `${name}.ts`);
    if (fs.existsSync(sibling)) total += fs.statSync(sibling).size;
  }
  return total;
}

module.exports = WeightedSequencer;
