import type { TurnContext } from 'botbuilder';
import { findReference } from '../../domain/contact';
import { RateLimiter, SampledLog } from '../http/limiter';
import type { ConversationMemory } from '../dialogs/state';

/** How many unknown references may be tried, per hour. */
export interface ReferenceGuessLimits {
  /** In one conversation, and by one channel user (the same person opening new conversations). */
  perConversation: number;
  /** In all: what many conversations or users together may try (a spread-out guesser). */
  overall: number;
}

export const DEFAULT_GUESS_LIMITS: ReferenceGuessLimits = { perConversation: 5, overall: 60 };

/**
 * A reference (TI-2026-XXXXX, 30^5 values a year) shows a request's status, operator, territory
 * and date to whoever types it, so guessing must cost more than it can find. Only misses count
 * (a firm asking again about its own request is never held back); once a conversation, a user or
 * the whole bot is over its budget, every reference typed there is refused, known or not, so the
 * refusal says nothing either. The conversation's own references are always answered. Users'
 * ids are chosen by the channel (Teams, or our Direct Line token endpoint, itself limited per
 * client address), so a guesser cannot mint identities faster than that endpoint allows.
 */
export class ReferenceGuard {
  private readonly conversations: RateLimiter;
  private readonly overall: RateLimiter;
  private readonly refusals: SampledLog;

  constructor(
    private readonly exists: (reference: string) => Promise<boolean>,
    options: { limits?: ReferenceGuessLimits; log?: (message: string) => void; now?: () => number } = {},
  ) {
    const { limits = DEFAULT_GUESS_LIMITS, now = Date.now } = options;
    this.conversations = new RateLimiter(limits.perConversation / 60, { burst: limits.perConversation, now });
    this.overall = new RateLimiter(limits.overall / 60, { burst: limits.overall, now });
    // Guessing shows in the log as one line a minute at most, whatever its pace.
    this.refusals = new SampledLog(options.log ?? (() => undefined), 'Request reference lookups refused: too many unknown references tried', 60_000, now);
  }

  /**
   * Called before the turn runs: 0 when the message names no reference or may be answered
   * (a miss is counted then), else the seconds to wait, and the turn must not look it up.
   */
  async check(context: TurnContext, memory: ConversationMemory): Promise<number> {
    if (context.activity.type !== 'message') return 0;
    const reference = findReference(String(context.activity.text ?? '').slice(0, 1000));
    if (!reference || memory.contactRequests?.some((r) => r.reference === reference)) return 0;
    const keys = [`c:${context.activity.conversation?.id ?? ''}`, `u:${context.activity.channelId ?? ''}:${context.activity.from?.id ?? ''}`];
    const overall = this.overall.wait('all');
    const wait = Math.max(...keys.map((k) => this.conversations.wait(k)), overall);
    if (wait > 0) {
      this.refusals.note(keys[1]!, overall > 0 ? 'over the overall budget' : 'over a conversation or user budget');
      return wait;
    }
    if (await this.exists(reference)) return 0;
    for (const k of keys) this.conversations.take(k);
    this.overall.take('all');
    return 0;
  }
}
