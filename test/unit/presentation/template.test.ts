import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expandTemplate, expandWithLibrary } from '../../../src/presentation/cards/template';

const CARDS = path.join(__dirname, '../../../src/presentation/cards');
const templates = readdirSync(CARDS)
  .filter((file) => file.endsWith('.json'))
  .map((file) => [file, JSON.parse(readFileSync(path.join(CARDS, file), 'utf8')) as object] as const);

/** Every field a template reads (`${name}` or `${!name}`), wherever it is. */
function fieldsOf(node: unknown, into = new Set<string>()): Set<string> {
  if (typeof node === 'string') for (const m of node.matchAll(/\$\{!?([A-Za-z_]\w*)\}/g)) into.add(m[1]!);
  else if (Array.isArray(node)) for (const item of node) fieldsOf(item, into);
  else if (node && typeof node === 'object') for (const value of Object.values(node)) fieldsOf(value, into);
  return into;
}

/** Both expansions, compared as values and as the JSON a channel is sent (key order included). */
function expectSame(template: object, view: object): void {
  const library = expandWithLibrary(template, view);
  const compiled = expandTemplate(template, view);
  expect(compiled).toStrictEqual(library);
  expect(JSON.stringify(compiled)).toBe(JSON.stringify(library));
}

// Values a view's field can hold, the awkward ones included: missing, null, falsy, `${` in text,
// lists of elements (with their own fields, nested lists, null and falsy items), objects.
const scalar = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom('', '${title}', 'Nom : ${secret}', 'Liste 2023-2027', 0, 1.5),
  fc.string({ maxLength: 12 }),
);

describe('card templates: the compiled expansion is the library’s', () => {
  test.each(templates)('%s, on generated views', (_file, template) => {
    const names = [...fieldsOf(template)];
    const item = fc.dictionary(fc.constantFrom(...names), scalar, { maxKeys: names.length });
    const value = fc.oneof(
      { weight: 4, arbitrary: scalar },
      {
        weight: 2,
        arbitrary: fc.array(fc.oneof(item, fc.constant(null), fc.constant(''), fc.record({ lines: fc.array(item, { maxLength: 3 }) })), { maxLength: 4 }),
      },
      { weight: 1, arbitrary: item },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), value, { maxKeys: names.length }), (view) => expectSame(template, view)),
      { numRuns: 300 },
    );
  });

  test('forms beyond the three compiled ones go to the library: interpolation, a function, a field by another case', () => {
    const template = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: 'Nom : ${name}' },
        { type: 'TextBlock', text: "${if(flag, 'a', 'b')}" },
        { type: 'TextBlock', text: '${Title}', $when: 'true' },
        { type: 'TextBlock', text: '${title}', $when: '' },
        { type: 'TextBlock', text: '${true}' },
      ],
    };
    for (const view of [{ name: '${secret}', secret: 'x', flag: true, title: 't' }, { flag: false }, {}]) expectSame(template, view);
    expect(expandTemplate(template, { name: 'A', title: 'T' })).toEqual({
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: 'Nom : A' },
        { type: 'TextBlock', text: 'b' },
        { type: 'TextBlock', text: 'T' },
        { type: 'TextBlock', text: 'true' },
      ],
    });
  });

  test('a field is read by its name ignoring case, as adaptive-expressions reads it', () => {
    const template = { a: '${title}', b: { $when: '${shown}', c: '${missing}' }, d: ['${list}', '${none}'] };
    for (const view of [{ Title: 'x', SHOWN: true, list: [1, null, 2], none: null }, { title: 'y', shown: 'yes' }, new Map([['Title', 'z']])])
      expectSame(template, view);
  });
});
