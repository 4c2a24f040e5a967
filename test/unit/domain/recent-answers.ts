import { KnowledgeBase } from '../../../src/domain/knowledge-base';
import { Recent } from '../../../src/domain/recent';
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
  it('gives the same frozen answer to every caller of a text asked again, and a fresh one for another list', async () => {
    const { resolver } = await ownKnowledge();
    // Asked once, a text's answer goes to its caller alone: nothing is kept, nothing frozen.
    const once = resolver.lookup('Oyonnax', { wave: 2023 });
    expect(Object.isFrozen(once)).toBe(false);
    const first = resolver.lookup('Oyonnax', { wave: 2023 });
    expect(first).not.toBe(once);
    expect(first).toEqual(once);
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
    resolver.lookup('Oyonnax', { wave: 2023 });
    const before = resolver.lookup('Oyonnax', { wave: 2023 });
    expect(resolver.lookup('Oyonnax', { wave: 2023 })).toBe(before);
    const territory = before.territory!.id;
    expect(before.referents.find((r) => r.operator === 'bpifrance')?.kind).toBe('regional');
    await kb.replace({ slots: slotsWithFictiveBpifranceReferent(kb, territory) });
    const after = resolver.lookup('Oyonnax', { wave: 2023 });
    expect(after).not.toBe(before);
    expect(after.referents.find((r) => r.operator === 'bpifrance')).toMatchObject({ kind: 'named', name: 'Camille Fictive' });
    expect(kb.referentFor(kb.territory(2023, territory)!, 'bpifrance')).toMatchObject({ kind: 'named', name: 'Camille Fictive' });
  });
});

describe('values kept from the second time their key is asked', () => {
  it('hands the first value back as it is, keeps and freezes the next, and forgets a key asked once long ago', () => {
    const recent = new Recent<{ n: number }>(2, { keepWhenAskedAgain: true });
    const once = recent.set('a', { n: 1 });
    expect(Object.isFrozen(once)).toBe(false);
    expect(recent.get('a')).toBeUndefined();
    const kept = recent.set('a', { n: 2 });
    expect(Object.isFrozen(kept)).toBe(true);
    expect(recent.get('a')).toBe(kept);
    // Keys asked once are remembered for two generations of `max` keys, then forgotten.
    recent.set('b', { n: 3 });
    for (const key of ['c', 'd', 'e', 'f']) recent.set(key, { n: 0 });
    expect(Object.isFrozen(recent.set('b', { n: 4 }))).toBe(false);
    expect(recent.get('b')).toBeUndefined();
    // Without the option every value is kept at once, as before.
    const always = new Recent<{ n: number }>(2);
    expect(always.get('a')).toBeUndefined();
    expect(Object.isFrozen(always.set('a', { n: 1 }))).toBe(true);
    expect(always.get('a')).toEqual({ n: 1 });
  });
});
