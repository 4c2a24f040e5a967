import type { MessagingExtensionAttachment } from 'botbuilder';
import {
  buildHintResponse,
  buildMessageExtensionResponse,
  buildSelectItemResponse,
  extractQuery,
  MAX_QUERY_LENGTH,
  MAX_RESULTS,
  readSelectedItem,
  type SelectedCandidate,
} from '../../../src/channels/bot/teams/messageExtension';
import type { LookupResult, ReferentView } from '../../../src/domain/types';

// Fictional places and territories: the function is pure, it must not depend on the real KB.
const TERRITORY = { id: 'fictif-2023-001', name: 'Territoire Fictif des Vallées', wave: 2023, region: 'Région Fictive' };
const OTHER_TERRITORY = { id: 'fictif-2023-002', name: 'Territoire Fictif du Plateau', wave: 2023, region: 'Autre Région Fictive' };
const COMMUNE = { code: '99101', name: 'Fictiveville', department: '99' };

const REGIONAL_REFERENTS: ReferentView[] = [
  {
    operator: 'bpifrance',
    operatorName: 'Bpifrance',
    kind: 'regional',
    entryPoints: [
      {
        operator: 'bpifrance',
        scope: 'national',
        regionCode: '',
        regionName: '',
        officeName: 'Siège fictif',
        sourceUrl: 'https://example.test/source',
        sourceIsLink: true,
        sourceDate: '2024-01-01',
        certainty: 'high',
        note: 'fictional fixture',
      },
      {
        operator: 'bpifrance',
        scope: 'regional',
        regionCode: '99',
        regionName: 'Région Fictive du Nord',
        officeName: 'Délégation fictive',
        sourceUrl: 'https://example.test/source',
        sourceIsLink: true,
        sourceDate: '2024-01-01',
        certainty: 'high',
        note: 'fictional fixture',
      },
    ],
  },
];

const resolved: LookupResult = {
  query: 'fictiveville',
  status: 'resolved',
  wave: 2023,
  matchedBy: 'commune',
  territory: TERRITORY,
  commune: COMMUNE,
  candidates: [],
  referents: [],
};

const outside: LookupResult = {
  query: '99200',
  status: 'resolved',
  wave: 2023,
  matchedBy: 'postal-code',
  territory: null,
  commune: { code: '99200', name: 'Hameau-Fictif', department: '99' },
  candidates: [],
  referents: REGIONAL_REFERENTS,
};

const ambiguous: LookupResult = {
  query: 'Saint-Fictif',
  status: 'ambiguous',
  wave: 2023,
  matchedBy: 'commune',
  territory: null,
  commune: null,
  candidates: [
    { commune: { code: '99301', name: 'Saint-Fictif', department: '99' }, territory: TERRITORY, label: 'Saint-Fictif (Fictivie, 99)' },
    { commune: { code: '98302', name: 'Saint-Fictif', department: '98' }, territory: null, label: 'Saint-Fictif (Autre Fictivie, 98)' },
    { commune: null, territory: OTHER_TERRITORY, label: 'Territoire Fictif du Plateau' },
  ],
  referents: [],
};

const unknown: LookupResult = { query: 'Zzyzx-sur-Mer', status: 'unknown', wave: 2023, territory: null, commune: null, candidates: [], referents: [] };

/** Stand-in renderer that records what it was asked to render. */
function recordingRenderer() {
  const rendered: LookupResult[] = [];
  const render = (r: LookupResult) => {
    rendered.push(r);
    return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `card:${r.status}:${r.query}` }] };
  };
  return { rendered, render };
}

function previewOf(a: MessagingExtensionAttachment): { title: string; text: string; tap?: { type: string; value: SelectedCandidate } } {
  expect(a.preview?.contentType).toBe('application/vnd.microsoft.card.thumbnail');
  return a.preview!.content;
}

describe('buildMessageExtensionResponse', () => {
  it('answers a resolved commune with one list item: the adaptive card plus a thumbnail preview', () => {
    const { rendered, render } = recordingRenderer();
    const response = buildMessageExtensionResponse([resolved], render, 'fr');
    expect(response.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    const attachments = response.composeExtension!.attachments!;
    expect(attachments).toHaveLength(1);
    expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachments[0]!.content).toEqual(render(resolved));
    expect(previewOf(attachments[0]!)).toEqual({
      title: 'Territoire Fictif des Vallées',
      text: 'Fictiveville (99) · Région Fictive',
    });
    expect(rendered[0]).toBe(resolved);
  });

  it('says in the preview that an intercommunality is only partly in the territory', () => {
    const { render } = recordingRenderer();
    const partial: LookupResult = { ...resolved, matchedBy: 'epci', commune: null, partial: { communes: [resolved.commune!], total: 12 } };
    expect(previewOf(buildMessageExtensionResponse([partial], render, 'fr').composeExtension!.attachments![0]!).text).toBe(
      'en partie (1 commune sur 12) · Région Fictive',
    );
    expect(previewOf(buildMessageExtensionResponse([partial], render, 'en').composeExtension!.attachments![0]!).text).toBe(
      'partly (1 of 12 communes) · Région Fictive',
    );
  });

  it('titles a place outside any territory "Hors territoire" and takes the region from its regional entry points', () => {
    const { render } = recordingRenderer();
    const [item] = buildMessageExtensionResponse([outside], render, 'fr').composeExtension!.attachments!;
    expect(previewOf(item!)).toEqual({
      title: 'Hors territoire',
      text: "Hameau-Fictif (99) · Hors Territoire d'industrie · Région Fictive du Nord",
    });
  });

  it('gives one item per candidate of an ambiguous lookup, each rendering only that candidate and selectable', () => {
    const { rendered, render } = recordingRenderer();
    const attachments = buildMessageExtensionResponse([ambiguous], render, 'fr').composeExtension!.attachments!;
    expect(attachments).toHaveLength(3);
    expect(attachments.map((a) => previewOf(a).title)).toEqual(ambiguous.candidates.map((c) => c.label));
    expect(previewOf(attachments[0]!).text).toBe('Territoire Fictif des Vallées · Région Fictive');
    expect(previewOf(attachments[1]!).text).toBe("Hors Territoire d'industrie");
    expect(previewOf(attachments[2]!).text).toBe('Territoire Fictif du Plateau · Autre Région Fictive');
    expect(rendered.map((r) => r.candidates)).toEqual(ambiguous.candidates.map((c) => [c]));

    const taps = attachments.map((a) => previewOf(a).tap!);
    expect(taps.every((t) => t.type === 'invoke')).toBe(true);
    expect(taps.map((t) => t.value)).toEqual([
      { kind: 'ti-candidate', communeCode: '99301', territoryId: TERRITORY.id, label: 'Saint-Fictif (Fictivie, 99)', query: 'Saint-Fictif' },
      { kind: 'ti-candidate', communeCode: '98302', territoryId: null, label: 'Saint-Fictif (Autre Fictivie, 98)', query: 'Saint-Fictif' },
      { kind: 'ti-candidate', communeCode: null, territoryId: OTHER_TERRITORY.id, label: 'Territoire Fictif du Plateau', query: 'Saint-Fictif' },
    ]);
  });

  it('shows a postal-code candidate its department when the label lacks it', () => {
    const { render } = recordingRenderer();
    const byPostalCode: LookupResult = {
      ...ambiguous,
      query: '99500',
      candidates: [{ commune: { code: '99501', name: 'Fictiveval', department: '99' }, territory: TERRITORY, label: 'Fictiveval' }],
    };
    const [item] = buildMessageExtensionResponse([byPostalCode], render, 'fr').composeExtension!.attachments!;
    expect(previewOf(item!).text).toBe('Territoire Fictif des Vallées · Fictiveval (99) · Région Fictive');
  });

  it('answers an unknown place with a single polite item quoting the query, in French or English', () => {
    const { render } = recordingRenderer();
    const fr = buildMessageExtensionResponse([unknown], render, 'fr').composeExtension!;
    expect(fr.type).toBe('result');
    expect(fr.attachments).toHaveLength(1);
    expect(previewOf(fr.attachments![0]!)).toEqual({
      title: 'Aucun territoire trouvé pour « Zzyzx-sur-Mer »',
      text: "Essayez une commune, un code postal, un SIRET ou le nom d'un Territoire d'industrie.",
    });
    expect(fr.attachments![0]!.content).toEqual(render(unknown));

    const en = buildMessageExtensionResponse([unknown], render, 'en').composeExtension!;
    expect(previewOf(en.attachments![0]!).title).toBe('No territory found for “Zzyzx-sur-Mer”');
  });

  it('keeps an absurdly long unknown query out of the preview title', () => {
    const { render } = recordingRenderer();
    const long = { ...unknown, query: `${'a'.repeat(500)}\u0000` };
    const title = previewOf(buildMessageExtensionResponse([long], render, 'fr').composeExtension!.attachments![0]!).title;
    expect(title.length).toBeLessThan(100);
    expect(title).toMatch(/… »$/);
    expect(title).not.toContain('\u0000');
  });

  it('answers an empty result list with the polite "not found" item rather than an empty list', () => {
    const { rendered, render } = recordingRenderer();
    const attachments = buildMessageExtensionResponse([], render, 'fr').composeExtension!.attachments!;
    expect(attachments).toHaveLength(1);
    expect(previewOf(attachments[0]!).title).toBe('Aucun territoire trouvé');
    expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(attachments[0]!.content)).toContain('Aucun territoire trouvé');
    expect(rendered).toEqual([]);
  });

  it('concatenates several results in order and caps the list at what Teams displays', () => {
    const { render } = recordingRenderer();
    const titles = buildMessageExtensionResponse([resolved, outside], render, 'en').composeExtension!.attachments!.map((a) => previewOf(a).title);
    expect(titles).toEqual(['Territoire Fictif des Vallées', 'Outside any territory']);

    const many = Array.from({ length: 40 }, () => resolved);
    expect(buildMessageExtensionResponse(many, render, 'fr').composeExtension!.attachments).toHaveLength(MAX_RESULTS);
  });
});

describe('extractQuery', () => {
  const invoke = (value: unknown, name = 'composeExtension/query') => ({ type: 'invoke', name, value });

  it('reads the q parameter of the lookupTerritory search, trimmed and with whitespace collapsed', () => {
    expect(extractQuery(invoke({ commandId: 'lookupTerritory', parameters: [{ name: 'q', value: '  Oyonnax \n 01100 ' }] }))).toBe('Oyonnax 01100');
    // Some clients send no commandId; the parameter is still the search text.
    expect(extractQuery(invoke({ parameters: [{ name: 'q', value: '12345678901234' }] }))).toBe('12345678901234');
    expect(
      extractQuery(
        invoke({
          parameters: [
            { name: 'other', value: 'x' },
            { name: 'q', value: 'Fictiveville' },
          ],
        }),
      ),
    ).toBe('Fictiveville');
  });

  it('returns "" for the initialRun probe, an empty box and a missing parameter', () => {
    expect(extractQuery(invoke({ commandId: 'lookupTerritory', parameters: [{ name: 'initialRun', value: 'true' }] }))).toBe('');
    expect(extractQuery(invoke({ commandId: 'lookupTerritory', parameters: [{ name: 'q', value: '   ' }] }))).toBe('');
    expect(extractQuery(invoke({ commandId: 'lookupTerritory', parameters: [] }))).toBe('');
    expect(extractQuery(invoke({ commandId: 'lookupTerritory' }))).toBe('');
  });

  it('returns "" for other invokes (settings, selectItem), other commands and malformed values', () => {
    expect(extractQuery(invoke({ commandId: 'lookupTerritory', parameters: [{ name: 'q', value: 'x' }] }, 'composeExtension/querySettingUrl'))).toBe('');
    expect(extractQuery(invoke({ commandId: 'lookupTerritory', parameters: [{ name: 'q', value: 'x' }] }, 'composeExtension/setting'))).toBe('');
    expect(extractQuery(invoke({ commandId: 'somethingElse', parameters: [{ name: 'q', value: 'x' }] }))).toBe('');
    expect(extractQuery({ type: 'message', value: undefined })).toBe('');
    expect(extractQuery(null)).toBe('');
    expect(extractQuery(invoke('q=Oyonnax'))).toBe('');
    expect(extractQuery(invoke({ parameters: 'q' }))).toBe('');
    expect(extractQuery(invoke({ parameters: [null, 3, { name: 'q', value: { nested: true } }] }))).toBe('');
  });

  it('accepts a numeric value, strips control characters and caps the length', () => {
    expect(extractQuery(invoke({ parameters: [{ name: 'q', value: 1100 }] }))).toBe('1100');
    expect(extractQuery(invoke({ parameters: [{ name: 'q', value: 'Oyon\u0000nax\u0007' }] }))).toBe('Oyonnax');
    expect(extractQuery(invoke({ parameters: [{ name: 'q', value: 'x'.repeat(5000) }] }))).toHaveLength(MAX_QUERY_LENGTH);
  });
});

describe('selectItem round trip', () => {
  it('reads back the value a candidate preview sends, and builds the resolved card for it', () => {
    const { render } = recordingRenderer();
    const [first] = buildMessageExtensionResponse([ambiguous], render, 'fr').composeExtension!.attachments!;
    const tapValue = previewOf(first!).tap!.value;
    const selected = readSelectedItem({ type: 'invoke', name: 'composeExtension/selectItem', value: JSON.parse(JSON.stringify(tapValue)) });
    expect(selected).toEqual(tapValue);

    const response = buildSelectItemResponse(resolved, render, 'fr');
    expect(response.composeExtension?.attachments).toHaveLength(1);
    expect(response.composeExtension?.attachments?.[0]?.content).toEqual(render(resolved));
  });

  it('rejects other invokes and forged or malformed selections', () => {
    const ok = { kind: 'ti-candidate', communeCode: '99301', territoryId: null, label: 'x', query: 'y' };
    expect(readSelectedItem({ name: 'composeExtension/query', value: ok })).toBeNull();
    expect(readSelectedItem({ name: 'composeExtension/selectItem', value: { ...ok, kind: 'other' } })).toBeNull();
    expect(readSelectedItem({ name: 'composeExtension/selectItem', value: { ...ok, communeCode: '../../etc' } })).toBeNull();
    expect(readSelectedItem({ name: 'composeExtension/selectItem', value: { ...ok, communeCode: null } })).toBeNull();
    expect(readSelectedItem({ name: 'composeExtension/selectItem', value: { ...ok, label: 3 } })).toBeNull();
    expect(readSelectedItem({ name: 'composeExtension/selectItem', value: 'ti-candidate' })).toBeNull();
    // Corsican INSEE codes have a letter.
    expect(readSelectedItem({ name: 'composeExtension/selectItem', value: { ...ok, communeCode: '2A004' } })?.communeCode).toBe('2A004');
  });
});

describe('buildHintResponse', () => {
  it('asks for a place in the flyout, in the user language', () => {
    expect(buildHintResponse('fr')).toEqual({
      composeExtension: { type: 'message', text: "Tapez une commune, un code postal, un SIRET ou le nom d'un Territoire d'industrie." },
    });
    expect(buildHintResponse('en').composeExtension?.text).toMatch(/^Type a town/);
  });
});
