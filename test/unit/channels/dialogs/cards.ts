import { adaptiveCards } from '../../../../src/presentation/cards/renderer';
import { renderSchemesCard } from '../../../../src/presentation/cards/schemes';
import { renderTerritoryCard, territoryCardData } from '../../../../src/presentation/cards/territory';
import { LookupService } from '../../../../src/domain/resolution/lookup';
import type { ReferentView } from '../../../../src/domain/types';
import { realKnowledge } from '../../../helpers/kb';
import { schemesData } from '../../presentation/fixtures';

async function oyonnax() {
  const { resolver } = await realKnowledge();
  return new LookupService(resolver, null).lookup('Oyonnax', { wave: 2023 });
}

describe('the territory cards the dialogs send', () => {
  it("hands out one frozen card per set of facts asked again, so no turn can change another user's card", async () => {
    // A card asked for the first time goes to its one caller; from the second time it is kept.
    const once = adaptiveCards.territory(await oyonnax(), 'fr');
    const first = adaptiveCards.territory(await oyonnax(), 'fr') as { body: unknown[] };
    const again = adaptiveCards.territory(await oyonnax(), 'fr');
    expect(first).toEqual(once);
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.body[0])).toBe(true);
    expect(() => first.body.push({ type: 'TextBlock', text: 'injected' })).toThrow(TypeError);
    expect(JSON.stringify(adaptiveCards.territory(await oyonnax(), 'fr'))).not.toContain('injected');
  });

  it('is the card the template gives for the same answer, in both languages', async () => {
    const answer = await oyonnax();
    for (const lang of ['fr', 'en'] as const) {
      expect(adaptiveCards.territory(answer, lang)).toEqual(renderTerritoryCard(territoryCardData(answer, lang)));
      // A copy of the answer (not the resolver's own object) finds the same card by its facts.
      expect(adaptiveCards.territory({ ...answer }, lang)).toBe(adaptiveCards.territory(answer, lang));
    }
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

  it("shows each town's own lines around the territory's part kept from another town's card", async () => {
    // Oyonnax, Bellignat and Arbent are all in Plastics Vallée: one referents array, one kept part.
    const { resolver } = await realKnowledge();
    const lookup = new LookupService(resolver, null);
    const towns = await Promise.all(['Oyonnax', 'Bellignat', 'Arbent'].map((town) => lookup.lookup(town, { wave: 2023 })));
    expect(new Set(towns.map((t) => t.referents)).size).toBe(1);
    for (const lang of ['fr', 'en'] as const) {
      for (const answer of towns) {
        const card = renderTerritoryCard(territoryCardData(answer, lang));
        // The same card as one expanded whole, without any kept part (an unfrozen copy of the referents is never kept).
        expect(card).toEqual(renderTerritoryCard(territoryCardData({ ...answer, referents: [...answer.referents] }, lang)));
        const text = JSON.stringify(card);
        expect(text).toContain(`: ${answer.commune!.name} (01)`);
        for (const other of towns.filter((t) => t !== answer)) expect(text).not.toContain(`${other.commune!.name} (01)`);
      }
    }
  });

  it('names the intercommunality asked for, after another one of the same territory was shown', async () => {
    // Both are members of Cergy Ouest 95 (2023): same territory, same referents, no commune.
    const { resolver } = await realKnowledge();
    const lookup = new LookupService(resolver, null);
    const vexin = JSON.stringify(adaptiveCards.territory(await lookup.lookup('CC Vexin Centre', { wave: 2023 }), 'fr'));
    const cergy = JSON.stringify(adaptiveCards.territory(await lookup.lookup('CA de Cergy-Pontoise', { wave: 2023 }), 'fr'));
    expect(vexin).toContain('CC Vexin Centre');
    expect(cergy).toContain('CA de Cergy-Pontoise');
    expect(cergy).not.toContain('Vexin');
  });
});

describe('the schemes cards the dialogs send', () => {
  it('are the cards the template gives, one frozen card per set of facts', () => {
    for (const locale of ['fr', 'en'] as const) {
      const card = adaptiveCards.schemes(schemesData(locale)) as { body: unknown[] };
      expect(card).toEqual(renderSchemesCard(schemesData(locale)));
      expect(adaptiveCards.schemes(schemesData(locale))).toBe(card);
      expect(Object.isFrozen(card.body[0])).toBe(true);
      expect(() => card.body.push({ type: 'TextBlock', text: 'injected' })).toThrow(TypeError);
    }
  });

  it('gives a new card when a scheme, its verdict or the territory changes', () => {
    const base = schemesData('fr');
    const before = JSON.stringify(adaptiveCards.schemes(base));
    const changed = [
      { ...base, territoryName: 'Autre Territoire Fictif' },
      { ...base, schemes: base.schemes.map((s, i) => (i === 0 ? { ...s, verdict: 'not-eligible' as const, reason: 'Raison fictive changée' } : s)) },
      { ...base, schemes: base.schemes.slice(1) },
    ];
    for (const data of changed) {
      const card = JSON.stringify(adaptiveCards.schemes(data));
      expect(card).not.toBe(before);
      expect(card).toBe(JSON.stringify(renderSchemesCard(data)));
    }
  });
});
