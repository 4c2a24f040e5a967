import { territoryContext } from '../../../../src/domain/eligibility/advice';
import { realKnowledge } from '../../../helpers/kb';

describe('territoryContext: the firm’s place in the configured list', () => {
  it('places a commune in every list and takes its territory and referents from the configured wave', async () => {
    const { kb } = await realKnowledge();
    // A commune of a first-list territory that the current list left out.
    const [first, current] = kb.waves();
    const left = kb
      .territories(first!)
      .flatMap((t) => kb.communesOf(t))
      .find((code) => kb.territoryOfCommune(code, current!) === null)!;
    const region = kb.geo.currentCommune(left)!.region;
    const earlier = kb.territoryOfCommune(left, first!)!;

    const now = territoryContext(kb, { communeCode: left }, current!)!;
    expect(now.wave).toBe(current);
    expect(now.territories).toEqual({ [first!]: expect.objectContaining({ id: earlier.id }), [current!]: null });
    expect(now.referents).toEqual(kb.regionalReferents(region));

    const then = territoryContext(kb, { communeCode: left }, first!)!;
    expect(then.wave).toBe(first);
    expect(then.territories).toEqual(now.territories);
    expect(then.referents).toEqual(kb.referents(earlier));
  });

  it('keeps the configured wave for a firm known only by its territory', async () => {
    const { kb } = await realKnowledge();
    const [first, current] = kb.waves();
    const territory = kb.territories(first!)[0]!;
    const context = territoryContext(kb, { territory: { id: territory.id, wave: first! } }, current!)!;
    expect(context).toMatchObject({ commune: null, wave: current, territories: { [first!]: expect.objectContaining({ id: territory.id }) } });
    expect(context.territories[current!]).toBeUndefined();
  });
});
