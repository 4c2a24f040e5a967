import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { compactGeography, fromCompact, geographyFromPackage, loadGeography, writeCompactGeography } from '../../../src/infrastructure/geography';

// The built server reads the compact file `npm run build` writes; it must be the package's geography exactly.
describe('compact geography', () => {
  const fromPackage = geographyFromPackage();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ti-geo-'));
  const file = path.join(dir, 'data', 'geography.json');
  writeCompactGeography(file);

  it('holds every commune, former commune, arrondissement, grouping, department and region as the package gives them', () => {
    const written = JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof compactGeography>;
    expect(written.communes.length).toBeGreaterThan(34_000);
    const read = loadGeography(file);
    // Node's deep equality walks the 35,000 communes in a tenth of the CPU jest's takes (0.3 s
    // against 4 s), and is stricter (an undefined field is not a missing one); on a difference,
    // jest's prints where.
    const same = isDeepStrictEqual(read, fromPackage);
    if (!same) expect(read).toStrictEqual(fromPackage);
    expect(same).toBe(true);
    expect(read.communes.get('01283')).toMatchObject({ name: 'Oyonnax', postalCodes: ['01100'], departmentName: 'Ain', epci: expect.any(String) });
    expect(read.currentCommune('75101')?.name).toBe('Paris');
  });

  it('is ignored when made from another version of the package, or missing', () => {
    const doc = compactGeography(fromPackage, '0.0.0-other');
    doc.communes = doc.communes.slice(0, 10);
    const stale = path.join(dir, 'stale.json');
    writeFileSync(stale, JSON.stringify(doc));
    expect(fromCompact(doc).communes.size).toBe(10);
    expect(loadGeography(stale).communes.size).toBe(fromPackage.communes.size);
    expect(loadGeography(path.join(dir, 'none.json')).communes.size).toBe(fromPackage.communes.size);
  });
});
