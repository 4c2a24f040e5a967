import { findArea, territoriesIn } from '../../../src/domain/areas';
import { realKnowledge } from '../../helpers/kb';

describe('regions and departments named in a sentence', () => {
  it.each`
    text                                             | kind            | code
    ${'territoires d’industrie en Bretagne'}         | ${'region'}     | ${'53'}
    ${'quels territoires en Auvergne-Rhône-Alpes ?'} | ${'region'}     | ${'84'}
    ${'dans la Loire-Atlantique'}                    | ${'department'} | ${'44'}
    ${'dans la Loire'}                               | ${'department'} | ${'42'}
    ${"quels sont les territoires dans l'Ain ?"}     | ${'department'} | ${'01'}
    ${'territoires du département 42'}               | ${'department'} | ${'42'}
    ${'territoires (2A)'}                            | ${'department'} | ${'2A'}
    ${'which territories are in Brittany?'}          | ${'region'}     | ${'53'}
    ${'and in Burgundy?'}                            | ${'region'}     | ${'27'}
    ${'territories in Burgundy-Franche-Comté'}       | ${'region'}     | ${'27'}
  `('"$text" → $kind $code', async ({ text, kind, code }) => {
    const { geo } = await realKnowledge();
    expect(findArea(geo, text)).toMatchObject({ kind, code });
  });

  it.each(['combien de territoires ?', 'liste des territoires', 'territoires 42 fois', 'Ainay-le-Château'])('"%s" names no area', async (text) => {
    const { geo } = await realKnowledge();
    expect(findArea(geo, text)).toBeNull();
  });

  it('lists the territories with a commune in the area, a territory across two areas in both', async () => {
    const { geo, kb } = await realKnowledge();
    const ain = territoriesIn(kb, 2023, findArea(geo, "dans l'Ain")!).map((t) => t.id);
    const loire = territoriesIn(kb, 2023, findArea(geo, 'dans la Loire')!).map((t) => t.name);
    const region = territoriesIn(kb, 2023, findArea(geo, 'en Auvergne-Rhône-Alpes')!).map((t) => t.id);
    expect(ain).toContain('ti-8413');
    expect(loire).toContain("Vallée du Gier, de l'Ondaine et de Loire Sud");
    expect(region).toEqual(expect.arrayContaining(ain));
    expect(territoriesIn(kb, 2023, findArea(geo, 'en Bretagne')!).every((t) => t.wave === 2023)).toBe(true);
  });
});
