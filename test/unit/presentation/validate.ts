import path from 'node:path';

/**
 * Two checks for Adaptive Cards, since no Adaptive Cards JSON schema ships in node_modules
 * (searched: only Teams manifest / Copilot plugin schemas, which do not describe card bodies):
 *
 * 1. `structuralErrors`: a compact validator of the Adaptive Cards 1.5 object model for what a
 *    card may contain: element and action types of 1.5, the properties each type may carry (so
 *    a leftover `$when`/`$data` or a typo fails), enum values, required fields, URL schemes.
 * 2. `webChatParserErrors`: the parser Web Chat itself renders with (adaptivecards 3.0.6, bundled
 *    by botframework-webchat) at version 1.5, reporting unknown types, invalid enum values,
 *    properties newer than 1.5 and missing required properties.
 */

const ELEMENTS_1_5 = new Set([
  'TextBlock',
  'Image',
  'Media',
  'RichTextBlock',
  'TextRun',
  'ActionSet',
  'Container',
  'ColumnSet',
  'Column',
  'FactSet',
  'ImageSet',
  'Table',
  'TableRow',
  'TableCell',
  'Input.Text',
  'Input.Number',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.ChoiceSet',
]);
const ACTIONS_1_5 = new Set(['Action.OpenUrl', 'Action.Submit', 'Action.ShowCard', 'Action.ToggleVisibility', 'Action.Execute']);

const COMMON_ELEMENT = ['type', 'id', 'spacing', 'separator', 'isVisible', 'height', 'fallback', 'requires'];
const COMMON_ACTION = ['type', 'id', 'title', 'iconUrl', 'style', 'fallback', 'tooltip', 'isEnabled', 'mode', 'requires'];

/** Properties this project's cards may use, per type (a subset of 1.5, enough for what we render). */
const PROPERTIES: Record<string, string[]> = {
  AdaptiveCard: ['type', '$schema', 'version', 'lang', 'fallbackText', 'body', 'actions', 'speak', 'minHeight', 'verticalContentAlignment', 'msteams'],
  TextBlock: [...COMMON_ELEMENT, 'text', 'wrap', 'size', 'weight', 'color', 'isSubtle', 'style', 'maxLines', 'horizontalAlignment', 'fontType'],
  Container: [...COMMON_ELEMENT, 'items', 'style', 'bleed', 'selectAction', 'verticalContentAlignment', 'minHeight', 'rtl'],
  ActionSet: [...COMMON_ELEMENT, 'actions'],
  FactSet: [...COMMON_ELEMENT, 'facts'],
  'Action.OpenUrl': [...COMMON_ACTION, 'url'],
  'Action.Submit': [...COMMON_ACTION, 'data', 'associatedInputs'],
  'Action.ShowCard': [...COMMON_ACTION, 'card'],
};

const ENUMS: Record<string, readonly unknown[]> = {
  size: ['Default', 'Small', 'Medium', 'Large', 'ExtraLarge'],
  weight: ['Default', 'Lighter', 'Bolder'],
  color: ['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention'],
  spacing: ['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding'],
};

function isObject(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

export function structuralErrors(card: unknown): string[] {
  const errors: string[] = [];
  const at = (where: string, msg: string) => errors.push(`${where}: ${msg}`);

  function checkProps(obj: Record<string, unknown>, type: string, where: string) {
    const allowed = PROPERTIES[type];
    if (!allowed) {
      at(where, `type ${type} is valid 1.5 but not expected in this project's cards`);
      return;
    }
    for (const key of Object.keys(obj)) if (!allowed.includes(key)) at(where, `unexpected property "${key}" on ${type}`);
    for (const [key, values] of Object.entries(ENUMS)) {
      if (key in obj && !values.includes(obj[key])) at(where, `invalid ${key} ${JSON.stringify(obj[key])}`);
    }
    for (const key of ['wrap', 'isSubtle', 'separator']) {
      if (key in obj && typeof obj[key] !== 'boolean') at(where, `${key} must be a boolean`);
    }
  }

  function action(a: unknown, where: string) {
    if (!isObject(a) || typeof a.type !== 'string') return at(where, 'action without a type');
    if (!ACTIONS_1_5.has(a.type)) return at(where, `action type ${a.type} is not Adaptive Cards 1.5`);
    checkProps(a, a.type, where);
    if (typeof a.title !== 'string' || !a.title.trim()) at(where, 'action without a title');
    if (a.style !== undefined && !['default', 'positive', 'destructive'].includes(a.style as string)) at(where, `invalid action style ${String(a.style)}`);
    if (a.type === 'Action.OpenUrl') {
      if (typeof a.url !== 'string' || !/^(https:\/\/|http:\/\/|mailto:|tel:)/.test(a.url)) at(where, `OpenUrl with a disallowed url ${String(a.url)}`);
    }
    if (a.type === 'Action.Submit' && !isObject(a.data)) at(where, 'Submit without an object data');
    if (a.type === 'Action.ShowCard') cardBody(a.card, `${where}.card`, false);
  }

  function actions(list: unknown, where: string, mustBeNonEmpty: boolean) {
    if (list === undefined && !mustBeNonEmpty) return;
    if (!Array.isArray(list)) return at(where, 'actions must be an array');
    if (mustBeNonEmpty && list.length === 0) at(where, 'empty action set');
    list.forEach((a, i) => action(a, `${where}[${i}]`));
  }

  function element(el: unknown, where: string) {
    if (!isObject(el) || typeof el.type !== 'string') return at(where, 'element without a type');
    if (!ELEMENTS_1_5.has(el.type)) return at(where, `element type ${el.type} is not Adaptive Cards 1.5`);
    checkProps(el, el.type, where);
    switch (el.type) {
      case 'TextBlock':
        if (typeof el.text !== 'string' || !el.text.trim()) at(where, 'TextBlock without text');
        if (el.style !== undefined && !['default', 'heading'].includes(el.style as string)) at(where, `invalid TextBlock style ${String(el.style)}`);
        break;
      case 'Container':
        if (!Array.isArray(el.items) || el.items.length === 0) at(where, 'Container without items');
        else el.items.forEach((x, i) => element(x, `${where}.items[${i}]`));
        break;
      case 'ActionSet':
        actions(el.actions, `${where}.actions`, true);
        break;
      case 'FactSet':
        if (!Array.isArray(el.facts) || el.facts.length === 0) at(where, 'FactSet without facts');
        else
          el.facts.forEach((f, i) => {
            if (!isObject(f) || typeof f.title !== 'string' || typeof f.value !== 'string' || Object.keys(f).some((k) => k !== 'title' && k !== 'value'))
              at(`${where}.facts[${i}]`, 'fact must be {title, value} strings');
          });
        break;
    }
  }

  function cardBody(c: unknown, where: string, root: boolean) {
    if (!isObject(c) || c.type !== 'AdaptiveCard') return at(where, 'not an AdaptiveCard');
    checkProps(c, 'AdaptiveCard', where);
    if (root && c.version !== '1.5') at(where, `version must be "1.5", got ${String(c.version)}`);
    if (!Array.isArray(c.body) || c.body.length === 0) at(where, 'empty body');
    else c.body.forEach((el, i) => element(el, `${where}.body[${i}]`));
    actions(c.actions, `${where}.actions`, false);
  }

  cardBody(card, '$', true);
  return errors;
}

interface AdaptiveCardsModule {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: Array<{ message: string }> } };
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): { message: string } };
  Versions: { v1_5: unknown };
}

let webChatAdaptiveCards: AdaptiveCardsModule | null = null;

/** adaptivecards as bundled by botframework-webchat (its UMD build loads in Node without a DOM). */
export function webChatAdaptiveCardsModule(): AdaptiveCardsModule {
  if (webChatAdaptiveCards) return webChatAdaptiveCards;
  let dir = path.dirname(require.resolve('botframework-webchat'));
  while (path.basename(dir) !== 'botframework-webchat') dir = path.dirname(dir);
  const lib = require.resolve('adaptivecards', { paths: [dir] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a computed path: the UMD build inside web chat's own copy of adaptivecards
  webChatAdaptiveCards = require(path.join(path.dirname(lib), '..', 'dist', 'adaptivecards.js')) as AdaptiveCardsModule;
  return webChatAdaptiveCards;
}

export function webChatParserErrors(card: unknown): string[] {
  const AC = webChatAdaptiveCardsModule();
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const errors: string[] = [];
  for (let i = 0; i < context.eventCount; i++) errors.push(context.getEventAt(i).message);
  // adaptivecards 3.0.6 checks `lang` with a shared /^[a-z]{2,3}$/gi and `exec`: the global flag
  // keeps lastIndex between cards, so every other valid code is reported. Only that case is ignored.
  const lang = (card as { lang?: unknown }).lang;
  if (typeof lang === 'string' && /^[a-z]{2,3}$/i.test(lang)) {
    const bogus = `Invalid value "${lang}" for property "lang".`;
    return [...errors.filter((e) => e !== bogus), ...parsed.validateProperties().validationEvents.map((e) => e.message)];
  }
  for (const e of parsed.validateProperties().validationEvents) errors.push(e.message);
  return errors;
}

/** Every string anywhere in a JSON value, with its path. */
export function strings(value: unknown, where = '$'): Array<{ path: string; value: string }> {
  if (typeof value === 'string') return [{ path: where, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${where}[${i}]`));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => strings(v, `${where}.${k}`));
  return [];
}

/** Every object with a `type`, depth first. */
export function typedNodes(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.flatMap(typedNodes);
  if (!isObject(value)) return [];
  const own = typeof value.type === 'string' ? [value] : [];
  return [...own, ...Object.values(value).flatMap(typedNodes)];
}
