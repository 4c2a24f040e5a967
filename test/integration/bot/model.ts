import fc from 'fast-check';
import { messages } from '../../../src/presentation/messages';
import { buttonsOf } from '../../corpus/player';
import type { CapturedActivity } from '../../helpers/channel';
import { useRunningBot } from '../../helpers/channel';

/**
 * Model-based test of the conversation: random sequences of user turns across every flow — texts
 * from a small grammar of what users type, card buttons clicked as Web Chat sends them (the
 * Action.Submit data as `value`, no text) from any card shown so far, suggested actions, and new
 * conversations — played through POST /api/messages. Whatever the order, every message gets an
 * answer and no answer is the error message.
 */
const bot = useRunningBot();

const PLACES = [
  'Oyonnax',
  'oyonax',
  '01100',
  'Cluses',
  'Les Cluses',
  'Saint-Denis',
  'Valence',
  'le 04',
  'Manosque',
  'Lyon',
  'Paris',
  'Thiers liste 2019',
  'notre usine est à Bellignat',
];
const REQUESTS = [
  'mes aides',
  'pourquoi pas ?',
  'contacter Bpifrance',
  'contacter mon référent',
  'je veux joindre France Travail',
  'où en est ma demande ?',
  'territoires de Normandie liste 2019',
  "qui est le référent France Travail de la Vallée de l'Arve ?",
  'on est une boite de décolletage à Cluses, 45 personnes, on cherche à exporter au Canada',
  'PME de 40 salariés à Oyonnax, on veut recruter',
  'we are a 30-person plastics firm in Oyonnax and want to export',
];
const SIDE = ['aide', 'help', 'recommencer', 'start over', 'bonjour', 'hello', 'merci', 'ok', 'pourquoi pas ?'];
const ANSWERS = [
  '45',
  'quatre-vingts',
  'en fait 300 salariés',
  'a 30-person firm',
  'recruter',
  'exporter',
  'oui',
  'non',
  '2',
  '7',
  'Bpifrance',
  'Société Fictive Test SAS',
  'Camille Testeur',
  'camille.testeur@example.test',
  '06 12 34 56 78',
  'camille@exemple',
  'Financer une nouvelle ligne de production.',
  "J'accepte et j'envoie",
  'Non, annuler',
];
const GARBAGE = ['', 'blabla', 'zzkqxw', "t'es nul, ça marche pas ton truc", '12345678901234', '😀', 'x'.repeat(2_500)];

type Step =
  | { kind: 'say'; text: string }
  | { kind: 'click'; index: number }
  | { kind: 'chip'; index: number }
  | { kind: 'value'; value: unknown }
  | { kind: 'new-conversation' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PLACES, ...REQUESTS).map((text): Step => ({ kind: 'say', text })) },
  { weight: 3, arbitrary: fc.constantFrom(...ANSWERS).map((text): Step => ({ kind: 'say', text })) },
  { weight: 1, arbitrary: fc.constantFrom(...SIDE, ...GARBAGE).map((text): Step => ({ kind: 'say', text })) },
  { weight: 4, arbitrary: fc.nat(40).map((index): Step => ({ kind: 'click', index })) },
  { weight: 1, arbitrary: fc.nat(6).map((index): Step => ({ kind: 'chip', index })) },
  // What other clients send: an empty value, an unknown action, a stale draft's consent.
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<unknown>({}, { action: 'nope' }, { action: 'choose' }, { action: 'contact-consent', draftId: 'stale' }, 'text')
      .map((value): Step => ({ kind: 'value', value })),
  },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'new-conversation' }) },
);

const ERRORS = [messages('fr').chat.error, messages('en').chat.error];

let conversations = 0;

describe('any sequence of turns', () => {
  it('gets an answer to every message, never the error message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        let conversation = `model-${conversations++}`;
        const shown: CapturedActivity[] = [];
        let last: CapturedActivity[] = [];
        for (const s of steps) {
          let activity: Record<string, unknown>;
          if (s.kind === 'new-conversation') {
            conversation = `model-${conversations++}`;
            shown.length = 0;
            last = [];
            continue;
          }
          if (s.kind === 'say') activity = { type: 'message', text: s.text };
          else if (s.kind === 'value') activity = { type: 'message', value: s.value };
          else if (s.kind === 'click') {
            // Any Action.Submit of a card still on screen, as the user may scroll up and click.
            const buttons = buttonsOf(shown).filter((b) => b.kind === 'card' && b.type === 'Action.Submit');
            if (buttons.length === 0) continue;
            activity = { type: 'message', value: buttons[s.index % buttons.length]!.data };
          } else {
            const chips = buttonsOf(last).filter((b) => b.kind === 'chip');
            if (chips.length === 0) continue;
            activity = { type: 'message', text: String(chips[s.index % chips.length]!.data) };
          }
          const { status, replies } = await bot.channel.send(activity, conversation);
          const said = JSON.stringify(activity).slice(0, 120);
          if (status >= 300) throw new Error(`HTTP ${status} for ${said}`);
          if (replies.length === 0) throw new Error(`no reply to ${said}`);
          const error = replies.find((r) => ERRORS.includes(r.text ?? ''));
          if (error) throw new Error(`the error message for ${said}`);
          last = replies;
          shown.push(...replies);
        }
      }),
      { numRuns: 60 },
    );
  });
});
