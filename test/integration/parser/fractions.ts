import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testReader, warmTestParser, WARM_UP_MS } from '../../helpers/parser';

/**
 * The product's French number model has lean fraction patterns (their denominators spelled with
 * the ordinals below a thousand instead of the package's every ordinal: 27 MB less, see
 * src/infrastructure/parser/numberModel.ts). It reads French fractions in words as the package's
 * own model does: fraction-words.json holds 1,200 numbers in 72 texts (every form of the two
 * patterns, numerators and denominators from 1 to 1,000) with the package model's readings,
 * recorded by its record.ts.
 */
const { readings } = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/fraction-words/fraction-words.json'), 'utf8')) as {
  readings: Array<{ text: string; spans: Array<[number, number, number]> }>;
};

beforeAll(warmTestParser, WARM_UP_MS);

describe('French fractions in words', () => {
  it('are read as the package model reads them', async () => {
    expect(readings.length).toBeGreaterThan(50);
    const differences: string[] = [];
    for (const { text, spans } of readings) {
      const read = (await testReader.read(text, 'fr')).map(({ start, end, value }) => [start, end, value]);
      if (JSON.stringify(read) !== JSON.stringify(spans)) differences.push(`${text}\n  was ${JSON.stringify(spans)}\n  now ${JSON.stringify(read)}`);
    }
    expect(differences).toEqual([]);
  });
});
