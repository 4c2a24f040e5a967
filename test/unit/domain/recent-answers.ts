import { KnowledgeBase } from '../../../src/domain/knowledge-base';
import { Resolver } from '../../../src/domain/resolution/resolver';
import { realKnowledge, referenceData, slotsWithFictiveBpifranceReferent } from '../../helpers/kb';

/** A base of its own (the real documents, saved nowhere), so that changing it leaves other tests alone. */
async function ownKnowledge() {
  const { geo, kb } = await realKnowledge();
  const docs = kb.documents();
  const own = await KnowledgeBase.open({ load: async () => docs, save: async () => undefined }, geo);
  return { kb: own, resolver: new Resolver(own, 2023, referenceData().lexicon) };
}

describe('answers kept for the next turns', () => {
  it('gives the same frozen answer to every caller of the same text, and a fresh one for another list', async () => {
    const { resolver } = await ownKnowledge();
    const first = resolver.lookup('Oyonnax', { wave: 2023 });
    expect(resolver.lookup('Oyonnax', { wave: 2023 })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.referents)).toBe(true);
    expect(Object.isFrozen(first.referents[0])).toBe(true);
    expect(() => first.referents.push(first.referents[0]!)).toThrow(TypeError);
    expect(() => {
      (first as { status: string }).status = 'unknown';
    }).toThrow(TypeError);
    const earlier = resolver.lookup('Oyonnax', { wave: 2019 });
    expect(earlier).not.toBe(first);
    expect(earlier.wave).toBe(2019);
    // A long text is answered alike, frozen too, without being kept.
    const long = `${'notre atelier de plasturgie '.repeat(12)}à Oyonnax`;
    expect(resolver.lookup(long, { wave: 2023 }).commune?.name).toBe('Oyonnax');
    expect(Object.isFrozen(resolver.lookup(long, { wave: 2023 }))).toBe(true);
  });

  it('answers with the knowledge base as it is now, once an administrator changed it', async () => {
    const { kb, resolver } = await ownKnowledge();
    const before = resolver.lookup('Oyonnax', { wave: 2023 });
    const territory = before.territory!.id;
    expect(before.referents.find((r) => r.operator === 'bpifrance')?.kind).toBe('regional');
    await kb.replace({ slots: slotsWithFictiveBpifranceReferent(kb, territory) });
    const after = resolver.lookup('Oyonnax', { wave: 2023 });
    expect(after).not.toBe(before);
    expect(after.referents.find((r) => r.operator === 'bpifrance')).toMatchObject({ kind: 'named', name: 'Camille Fictive' });
    expect(kb.referentFor(kb.territory(2023, territory)!, 'bpifrance')).toMatchObject({ kind: 'named', name: 'Camille Fictive' });
  });
});
