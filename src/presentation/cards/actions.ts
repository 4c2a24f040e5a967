import { COMMUNE_CODE } from '../../domain/geography';
import { OPERATOR_IDS, type OperatorId } from '../../domain/types';

/**
 * What a card's buttons send back as `activity.value`, for every card: choices ('choose'),
 * territory ('eligibility', 'contact', 'restart'), schemes ('contact', 'restart') and the contact
 * summary ('contact-consent', 'contact-cancel'). The card templates (*.json) write these shapes.
 */
export type CardAction =
  | { action: 'choose'; value: string }
  | { action: 'eligibility' }
  | { action: 'restart' }
  /**
   * `operator` is absent when the card sent none that is known: the contact flow then asks.
   * `place`: the INSEE code of the commune the card was about, so that a button of an older card
   * asks for that place, not the one shown last.
   */
  | { action: 'contact'; operator?: OperatorId; place?: string }
  | { action: 'contact-consent'; operator?: OperatorId; draftId: string }
  | { action: 'contact-cancel'; draftId: string };

const MAX_VALUE = 200;

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 && value.length <= MAX_VALUE ? value : null);
const placeOf = (value: unknown): { place?: string } => (typeof value === 'string' && COMMUNE_CODE.test(value) ? { place: value } : {});
const operatorOf = (value: unknown): { operator?: OperatorId } => (OPERATOR_IDS.includes(value as OperatorId) ? { operator: value as OperatorId } : {});

/**
 * Reads `activity.value` as one of the card actions. Anything else (a message without a card
 * click, an old or forged payload, a value of the wrong type or size) gives null.
 */
export function readCardAction(value: unknown): CardAction | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  switch (v.action) {
    case 'choose': {
      const chosen = text(v.value);
      return chosen ? { action: 'choose', value: chosen } : null;
    }
    case 'eligibility':
    case 'restart':
      return { action: v.action };
    case 'contact':
      return { action: 'contact', ...operatorOf(v.operator), ...placeOf(v.place) };
    case 'contact-consent':
    case 'contact-cancel': {
      const draftId = text(v.draftId);
      if (!draftId) return null;
      return v.action === 'contact-cancel' ? { action: 'contact-cancel', draftId } : { action: 'contact-consent', draftId, ...operatorOf(v.operator) };
    }
    default:
      return null;
  }
}
