import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { FileStorage, type StateEntry } from '../../infrastructure/state';
import { messages } from '../../presentation/messages';
import { languageOf } from '../dialogs/language';
import { FLOWS_PROPERTY, MEMORY_PROPERTY, type ConversationMemory } from '../dialogs/state';

/**
 * Drafts of personal data live in the dialog stack: the contact flow keeps the firm's name, the
 * contact person, an e-mail or phone and the need there until the firm consents (then they are
 * stored as a request) or cancels (then the flow ends and its values leave the stack). A flow
 * left waiting is dropped after `draftTtlMs`: at the conversation's next turn in any store, and
 * by a sweep of the file store for conversations that never come back.
 */
export async function expireStaleFlow(
  context: TurnContext,
  flows: StatePropertyAccessor<DialogState>,
  memory: StatePropertyAccessor<ConversationMemory>,
  draftTtlMs: number,
  now = Date.now(),
): Promise<void> {
  const remembered = await memory.get(context, {});
  const last = remembered.lastTurnAt ? Date.parse(remembered.lastTurnAt) : NaN;
  if (now - last > draftTtlMs) {
    const state = await flows.get(context, { dialogStack: [] });
    if (state.dialogStack.length > 0) {
      state.dialogStack = [];
      // The question the dropped flow asked is no longer waiting for its answer.
      delete remembered.pending;
      remembered.flowExpired = true;
    }
  }
  remembered.lastTurnAt = new Date(now).toISOString();
  if (remembered.flowExpired && context.activity.type === 'message') {
    delete remembered.flowExpired;
    await context.sendActivity(messages(languageOf(context)).chat.flowExpired);
  }
}

export interface StateUpkeepOptions {
  /** State untouched for this long is deleted. */
  retentionDays: number;
  /** At most this many conversations kept; the least recently active go first. */
  maxConversations: number;
  draftTtlMs: number;
  log: (message: string) => void;
  /** How often drafts are looked for (default 10 min); retention and the cap run hourly. */
  draftSweepMs?: number;
  now?: () => number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function hasDraft(entry: StateEntry): boolean {
  const state = entry.value[FLOWS_PROPERTY] as Partial<DialogState> | undefined;
  return Array.isArray(state?.dialogStack) && state.dialogStack.length > 0;
}

/** A conversation store the draft sweep can read by time of last write, and change conditionally. */
export interface SweepableState {
  modifiedBetween(after: Date | null, before: Date): Promise<StateEntry[]>;
  replaceIfUnchanged(entry: StateEntry, value: Record<string, unknown>): Promise<boolean>;
}

/**
 * Keeps the conversation store free of stale drafts, and the file store bounded (retention and
 * cap; blob state has the container's lifecycle rule). Returns the function that stops it, and
 * `runOnce` for the start-up pass (awaited by the caller) and tests.
 */
export function stateUpkeep(storage: SweepableState, o: StateUpkeepOptions): { runOnce: () => Promise<void>; start: () => () => void } {
  const now = o.now ?? Date.now;
  const sweepMs = o.draftSweepMs ?? 10 * 60_000;
  let sweptUntil: number | null = null;

  const clearDrafts = async (): Promise<number> => {
    const before = now() - o.draftTtlMs;
    // After the first pass, only what went stale since the previous one is read.
    const entries = await storage.modifiedBetween(sweptUntil === null ? null : new Date(sweptUntil - sweepMs), new Date(before));
    sweptUntil = before;
    let cleared = 0;
    for (const entry of entries.filter(hasDraft)) {
      const { pending: _question, ...memory } = (entry.value[MEMORY_PROPERTY] ?? {}) as ConversationMemory;
      // Conditional on the eTag: a conversation that moved on meanwhile is no longer stale.
      if (
        await storage.replaceIfUnchanged(entry, { ...entry.value, [FLOWS_PROPERTY]: { dialogStack: [] }, [MEMORY_PROPERTY]: { ...memory, flowExpired: true } })
      )
        cleared++;
    }
    return cleared;
  };

  const bound = async (): Promise<void> => {
    if (!(storage instanceof FileStorage)) return;
    const purged = await storage.purgeOlderThan(new Date(now() - o.retentionDays * DAY_MS));
    const trimmed = await storage.trimTo(o.maxConversations);
    if (purged > 0) o.log(`Purged ${purged} conversation state item(s) older than ${o.retentionDays} days.`);
    if (trimmed > 0) o.log(`Deleted the ${trimmed} least recently active conversation(s) beyond STATE_MAX_CONVERSATIONS (${o.maxConversations}).`);
  };

  const guarded = (what: string, job: () => Promise<unknown>) => () =>
    job().then(
      () => undefined,
      (err: unknown) => o.log(`Conversation state ${what} failed: ${err instanceof Error ? err.name : 'Error'}`),
    );
  const sweep = guarded('draft sweep', async () => {
    const n = await clearDrafts();
    if (n > 0) o.log(`Cleared the unfinished flow (and its draft) of ${n} conversation(s) idle for ${Math.round(o.draftTtlMs / 60_000)} min.`);
  });
  const hourly = guarded('purge', bound);

  return {
    runOnce: async () => {
      await hourly();
      await sweep();
    },
    start: () => {
      const timers = [setInterval(() => void sweep(), sweepMs), setInterval(() => void hourly(), HOUR_MS)];
      for (const t of timers) t.unref();
      return () => timers.forEach(clearInterval);
    },
  };
}
