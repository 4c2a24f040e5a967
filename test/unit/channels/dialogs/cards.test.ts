import { adaptiveCards } from '../../../../src/presentation/cards/renderer';
import { LookupService } from '../../../../src/domain/resolution/lookup';
import type { ReferentView } from '../../../../src/domain/types';
import { realKnowledge } from '../../../helpers/kb';

async function oyonnax() {
  const { resolver } = await realKnowledge();
  return new LookupService(resolver, null).lookup('Oyonnax', { wave: 2023 });
}

describe('the territory cards the dialogs send', () => {
  it("hands out one frozen card per set of facts, so no turn can change another user's card", async () => {
    const first = adaptiveCards.territory(await oyonnax(), 'fr') as { body: unknown[] };
    const again = adaptiveCards.territory(await oyonnax(), 'fr');
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.body[0])).toBe(true);
    expect(() => first.body.push({ type: 'TextBlock', text: 'injected' })).toThrow(TypeError);
    expect(JSON.stringify(adaptiveCards.territory(await oyonnax(), 'fr'))).not.toContain('injected');
  });

  it.each`
    change                             | edit
    ${'the language'}                  | ${null}
    ${'a referent named since'}        | ${(r: ReferentView[]) => [{ operator: 'bpifrance', operatorName: 'Bpifrance', kind: 'named', name: 'Camille Fictive', email: 'camille.fictive@example.org' }, ...r.slice(1)]}
    ${"an entry point's phone number"} | ${(r: ReferentView[]) => r.map((v) => (v.kind === 'regional' ? { ...v, entryPoints: v.entryPoints.map((e) => ({ ...e, phone: '01 00 00 00 00' })) } : v))}
  `('gives a new card when $change changes', async ({ edit }) => {
    const answer = await oyonnax();
    const before = JSON.stringify(adaptiveCards.territory(answer, 'fr'));
    const after = edit
      ? JSON.stringify(adaptiveCards.territory({ ...answer, referents: edit(answer.referents) }, 'fr'))
      : JSON.stringify(adaptiveCards.territory(answer, 'en'));
    expect(after).not.toBe(before);
    if (edit) expect(after).toMatch(/Camille Fictive|01 00 00 00 00/);
  });
});
