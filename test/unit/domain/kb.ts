import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KbError } from '../../../src/domain/knowledge-base';
import { openKnowledgeBase } from '../../../src/infrastructure/knowledge-base';
import { OPERATOR_IDS } from '../../../src/domain/types';
import { realKnowledge } from '../../helpers/kb';
import { removeTempDirs, tempDir } from '../../helpers/temp';

afterAll(removeTempDirs);

function copyKb(): string {
  const dir = tempDir('kb-');
  cpSync('data/kb', dir, { recursive: true });
  return dir;
}

describe('the committed knowledge base', () => {
  it('holds both ANCT waves with the official counts', async () => {
    const { kb } = await realKnowledge();
    expect(kb.waves()).toEqual([2019, 2023]);
    expect(kb.territories(2019)).toHaveLength(149);
    expect(kb.territories(2023)).toHaveLength(183);
  });

  it('keys territories by (id, wave): ids are reused across waves for different territories', async () => {
    const { kb } = await realKnowledge();
    expect(kb.territory(2019, 'ti-0101')?.name).toBe("Communauté d'agglomération Cap Excellence");
    expect(kb.territory(2023, 'ti-0101')?.name).not.toBe(kb.territory(2019, 'ti-0101')?.name);
  });

  it('has exactly one slot per operator for every territory, each with a source', async () => {
    const { kb } = await realKnowledge();
    expect(kb.slots()).toHaveLength(4 * (149 + 183));
    for (const wave of kb.waves()) {
      for (const t of kb.territories(wave)) {
        expect(t.source).toMatch(/^https:\/\//);
        for (const op of OPERATOR_IDS) expect(kb.slot(wave, t.id, op)).toBeDefined();
      }
    }
  });

  it('keeps EPT and single-commune members', async () => {
    const { kb } = await realKnowledge();
    const boucleNord = kb.territory(2023, 'ti-1101');
    expect(boucleNord?.members.every((m) => m.kind === 'ept')).toBe(true);
    const nevers = kb.territory(2023, 'ti-2707');
    expect(nevers?.members.some((m) => m.kind === 'commune' && m.name === 'Cercy-la-Tour')).toBe(true);
    expect(kb.territoryOfCommune('58046', 2023)?.id).toBe('ti-2707');
  });

  it('never shows a research note as a link', async () => {
    const { kb } = await realKnowledge();
    const notes = kb.entryPoints('france-travail', '04').filter((e) => !e.sourceUrl.startsWith('http'));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((e) => e.sourceIsLink === false)).toBe(true);
  });
});

describe('refusing a broken knowledge base', () => {
  it('refuses a corrupt file with a clear message', async () => {
    const { geo: g } = await realKnowledge();
    const dir = copyKb();
    writeFileSync(path.join(dir, 'referents.json'), '{"slots": [');
    await expect(openKnowledgeBase(dir, g)).rejects.toThrow(/referents\.json.*not valid JSON/);
  });

  it('refuses a territory whose EPCI does not exist, a missing slot and a duplicate', async () => {
    const { geo: g } = await realKnowledge();
    const dir = copyKb();
    const territories = JSON.parse(readFileSync(path.join(dir, 'territories.json'), 'utf8'));
    territories.territories[0].members[0].code = '999999999';
    territories.territories.push(territories.territories[1]);
    writeFileSync(path.join(dir, 'territories.json'), JSON.stringify(territories));
    const referents = JSON.parse(readFileSync(path.join(dir, 'referents.json'), 'utf8'));
    referents.slots.splice(5, 1);
    writeFileSync(path.join(dir, 'referents.json'), JSON.stringify(referents));
    const error = await openKnowledgeBase(dir, g).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KbError);
    const problems = (error as KbError).problems.join('\n');
    expect(problems).toMatch(/unknown EPCI 999999999/);
    expect(problems).toMatch(/duplicate territory/);
    expect(problems).toMatch(/has 0 slot\(s\) for/);
  });

  it('refuses a named referent without a source', async () => {
    const { geo: g } = await realKnowledge();
    const dir = copyKb();
    const referents = JSON.parse(readFileSync(path.join(dir, 'referents.json'), 'utf8'));
    referents.slots[0].referent = { name: 'Camille Exemple', role: 'Chargée d’affaires', email: 'camille@example.test', source: '', verifiedAt: '2026-01-01' };
    writeFileSync(path.join(dir, 'referents.json'), JSON.stringify(referents));
    await expect(openKnowledgeBase(dir, g)).rejects.toThrow(/without a source/);
  });
});
