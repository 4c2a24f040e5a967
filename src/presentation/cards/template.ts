/** An expanded Adaptive Card, ready for the bot to wrap in an attachment (CardFactory.adaptiveCard). */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: '1.5';
  body: unknown[];
  actions?: unknown[];
  [property: string]: unknown;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Binds a view (already escaped and localised by the card's module) to its JSON template.
 * Templates reference only view fields that the module always sets, so nothing stays unexpanded.
 * adaptivecards-templating evaluates `${...}` in the template only; `${` inside a data value is
 * copied as is (the tests check it), and the escaping removes it from card text anyway.
 */
export function expandCard(template: object, view: object): AdaptiveCardJson {
  const card = expandTemplate(template, view) as AdaptiveCardJson;
  if (!card || card.type !== 'AdaptiveCard') throw new Error('card template did not expand to an AdaptiveCard');
  return card;
}

/** Binds a view to a template that is a part of a card (an element that a card's template then binds whole). */
export function expandTemplate(template: object, view: object): unknown {
  let expand = prepared.get(template);
  if (!expand) prepared.set(template, (expand = prepare(template)));
  return expand(view);
}

type Expand = (data: unknown) => unknown;

// A template is immutable JSON: it is turned once into a function that builds its expansion.
const prepared = new WeakMap<object, Expand>();

/** adaptivecards-templating's own expansion of a template: the reference the compiled form is held to (tests). */
export function expandWithLibrary(template: object, view: object): unknown {
  return libraryTemplate(template).expand({ $root: view });
}

// The library, and adaptive-expressions under it (about 10 MB of memory and 5 MB of live heap once
// loaded), serve only a form the compiled expansion does not take, and the tests that hold the two
// alike: loaded on first use, which in the product's own templates never comes.
function libraryTemplate(template: object): { expand(context: { $root: object }): unknown } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use only (see above)
  const { Template } = require('adaptivecards-templating') as typeof import('adaptivecards-templating');
  return new Template(template);
}

/**
 * Our templates use three forms of adaptivecards-templating's language, each a whole string: a
 * view field (`"${title}"`), its negation in a condition (`"$when": "${!named}"`) and a list to
 * repeat an element over (`"$data": "${lines}"`). For those, the library parses each expression
 * with adaptive-expressions and evaluates it through a memory scope, a few microseconds each, about
 * a tenth of a lookup's whole turn for the place's part of the territory card. A template that
 * uses only those forms is compiled into plain functions that build exactly what the library
 * builds (same objects, keys in the same order, elements dropped and lists spliced the same way:
 * the tests compare both on every template and on generated views); any other form (an
 * interpolation inside a text, a function call, `$root`) is expanded by the library itself.
 */
function prepare(template: object): Expand {
  try {
    return compile(template);
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    const library = libraryTemplate(template);
    return (view) => library.expand({ $root: view as object });
  }
}

class Unsupported extends Error {}

/** The library's reserved keys: never copied to the expansion. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

// A field name adaptive-expressions reads as a property path (not a literal such as `true` or `null`).
const FIELD = /^\$\{(!?)([A-Za-z_][A-Za-z0-9_]*)\}$/;
const LITERALS = new Set(['true', 'false', 'null', 'undefined']);

interface Expression {
  negated: boolean;
  name: string;
}

function expressionOf(text: string): Expression | null {
  if (!text.includes('${')) return null;
  const match = FIELD.exec(text);
  if (!match || LITERALS.has(match[2]!)) throw new Unsupported(text);
  return { negated: match[1] === '!', name: match[2]! };
}

const enumerable = Object.prototype.propertyIsEnumerable;

/**
 * A field of the data in scope, as adaptive-expressions reads it (InternalFunctionUtils.accessProperty):
 * nothing from a falsy scope; otherwise the own enumerable key equal to the name ignoring case.
 * The exact name is tried first: a view never has two fields that differ only by case.
 */
function field(scope: unknown, name: string): unknown {
  if (!scope) return undefined;
  if (enumerable.call(scope, name)) return (scope as Record<string, unknown>)[name];
  const lower = name.toLowerCase();
  if (scope instanceof Map) {
    const value: unknown = scope.get(name);
    if (value !== undefined) return value;
    const key = [...(scope.keys() as Iterable<string>)].find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : (scope.get(key) as unknown);
  }
  const key = Object.keys(scope).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : (scope as Record<string, unknown>)[key];
}

/** The library's `isLogicTrue`, which its `!` negates. */
const logicTrue = (value: unknown): boolean => (typeof value === 'boolean' ? value : value !== null && value !== undefined);

/** A value expression: a missing field (undefined) is written back as its expression, as the library substitutes it. */
function valueOf(expression: Expression): Expand {
  const { negated, name } = expression;
  if (negated) return (scope) => !logicTrue(field(scope, name));
  const missing = `\${${name}}`;
  return (scope) => {
    const value = field(scope, name);
    return value === undefined ? missing : value;
  };
}

/** A `$when` condition: true only for the boolean true (no substitution there: a missing field is false). */
function conditionOf(expression: Expression): (scope: unknown) => boolean {
  const { negated, name } = expression;
  if (negated) return (scope) => !logicTrue(field(scope, name));
  return (scope) => field(scope, name) === true;
}

function compile(node: unknown): Expand {
  if (typeof node === 'string') {
    const expression = expressionOf(node);
    return expression ? valueOf(expression) : () => node;
  }
  if (Array.isArray(node)) return compileArray(node);
  if (typeof node === 'object' && node !== null) return compileObject(node as Record<string, unknown>);
  return () => node;
}

/** Items that expand to null are dropped; an item that expands to a list (an element repeated over `$data`) is spliced in. */
function compileArray(items: readonly unknown[]): Expand {
  const parts = items.map(compile);
  return (scope) => {
    const out: unknown[] = [];
    for (const part of parts) {
      const value = part(scope);
      if (value === null) continue;
      if (Array.isArray(value)) for (const item of value) out.push(item);
      else out.push(value);
    }
    return out;
  };
}

/**
 * An element: once, or once per item of its `$data` list (each item the scope of its copy), each
 * copy kept when its `$when` is true. No copy gives null, one gives the copy, several a list.
 */
function compileObject(node: Record<string, unknown>): Expand {
  const keys: string[] = [];
  const parts: Expand[] = [];
  for (const key of Object.keys(node)) {
    if (RESERVED.has(key)) continue;
    keys.push(key);
    parts.push(compile(node[key]));
  }
  const build = (scope: unknown): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = parts[i]!(scope);
      if (value !== undefined) out[keys[i]!] = value;
    }
    return out;
  };
  const when = node.$when;
  let keep: (scope: unknown) => boolean;
  if (typeof when === 'string' && when.includes('${')) keep = conditionOf(expressionOf(when)!);
  else if (when !== undefined && typeof when === 'object' && when !== null) throw new Unsupported('$when');
  // A condition that is no expression: the library drops the element when it is truthy.
  else keep = when ? () => false : () => true;
  if (node.$data === undefined) {
    return (scope) => (keep(scope) ? build(scope) : null);
  }
  // The library binds a `$data` that is no expression as it stands in its parsed template.
  if (typeof node.$data !== 'string') throw new Unsupported('$data');
  const data = compile(node.$data);
  return (scope) => {
    const list = data(scope);
    const contexts = Array.isArray(list) ? list : [list];
    const out: unknown[] = [];
    // An undefined item keeps the scope of the one before, as in the library.
    let current = scope;
    for (let i = 0; i < contexts.length; i++) {
      const context = contexts[i];
      if (context !== undefined) current = context;
      if (keep(current)) out.push(build(current));
    }
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  };
}
