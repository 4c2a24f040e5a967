import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A Bot Framework activity as it travels on the wire; only the fields the emulator reads are typed. */
export interface Activity {
  type: string;
  id?: string;
  timestamp?: string;
  from?: { id?: string; name?: string; role?: string };
  conversation?: { id: string };
  [key: string]: unknown;
}

export interface StoreLimits {
  /** Conversations kept in memory; the least recently active one is dropped to make room. */
  maxConversations: number;
  /** Activities kept per conversation; the oldest are dropped (watermarks stay valid). */
  maxActivitiesPerConversation: number;
  /** A conversation without any traffic for this long is dropped. */
  idleMs: number;
  /** Lifetime of a token, as announced in `expires_in`. */
  tokenTtlMs: number;
}

export const DEFAULT_LIMITS: StoreLimits = {
  maxConversations: 1000,
  maxActivitiesPerConversation: 200,
  idleMs: 60 * 60 * 1000,
  tokenTtlMs: 30 * 60 * 1000,
};

/** Tokens a conversation keeps valid at once: the current one and the one it was refreshed from. */
const TOKENS_PER_CONVERSATION = 2;

export interface Conversation {
  readonly id: string;
  readonly userId: string;
  started: boolean;
  lastActive: number;
  /** Sequence number of the next stored activity (from 1); a watermark is the last one a client has. */
  nextSeq: number;
  /** Kept in sequence order. */
  activities: Array<{ seq: number; activity: Activity }>;
  tokens: string[];
  lastTimestamp: number;
}

export interface IssuedToken {
  token: string;
  conversationId: string;
  expiresIn: number;
}

type Listener = (conversation: Conversation, activity: Activity, seq: number | null) => void;

export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * In-memory conversations of the local Direct Line: bounded in count and size so that a
 * long-running server (or a soak test) keeps a flat memory profile.
 */
export class ConversationStore {
  /** Map order is recency order: touching a conversation moves it to the end. */
  private readonly conversations = new Map<string, Conversation>();
  private readonly tokens = new Map<string, { conversationId: string; expiresAt: number }>();
  private readonly listeners = new Set<Listener>();
  private readonly evictionListeners = new Set<(id: string) => void>();

  constructor(
    readonly limits: StoreLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  get tokenCount(): number {
    return this.tokens.size;
  }

  /** A new conversation with a user id of the server's choosing. */
  create(): { conversation: Conversation; token: IssuedToken } {
    this.sweep();
    while (this.conversations.size >= this.limits.maxConversations) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    const now = this.now();
    const conversation: Conversation = {
      id: randomId(18),
      userId: `dl_${randomId(12)}`,
      started: false,
      lastActive: now,
      nextSeq: 1,
      activities: [],
      tokens: [],
      lastTimestamp: 0,
    };
    this.conversations.set(conversation.id, conversation);
    return { conversation, token: this.issueToken(conversation) };
  }

  issueToken(conversation: Conversation): IssuedToken {
    const token = randomId(32);
    this.tokens.set(token, { conversationId: conversation.id, expiresAt: this.now() + this.limits.tokenTtlMs });
    conversation.tokens.push(token);
    while (conversation.tokens.length > TOKENS_PER_CONVERSATION) {
      const old = conversation.tokens.shift();
      if (old !== undefined) this.tokens.delete(old);
    }
    return { token, conversationId: conversation.id, expiresIn: Math.floor(this.limits.tokenTtlMs / 1000) };
  }

  /** The conversation a token opens, or null when the token is unknown or expired. */
  authenticate(token: string | undefined): Conversation | null {
    if (!token) return null;
    const entry = this.tokens.get(token);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.tokens.delete(token);
      return null;
    }
    return this.conversations.get(entry.conversationId) ?? null;
  }

  get(id: string): Conversation | null {
    return this.conversations.get(id) ?? null;
  }

  touch(conversation: Conversation): void {
    conversation.lastActive = this.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  /** Stores an activity with the next id and a timestamp later than the previous one, then notifies. */
  append(conversation: Conversation, activity: Activity): { id: string; seq: number } {
    const seq = conversation.nextSeq++;
    const id = `${conversation.id}|${String(seq).padStart(7, '0')}`;
    const stored: Activity = { ...activity, id, timestamp: this.stamp(conversation) };
    conversation.activities.push({ seq, activity: stored });
    const excess = conversation.activities.length - this.limits.maxActivitiesPerConversation;
    if (excess > 0) conversation.activities.splice(0, excess);
    this.touch(conversation);
    for (const listener of this.listeners) listener(conversation, stored, seq);
    return { id, seq };
  }

  /** Replaces a stored activity (bot-side update) and sends it again; false when it is gone. */
  replace(conversation: Conversation, id: string, activity: Activity): boolean {
    const entry = conversation.activities.find((a) => a.activity.id === id);
    if (!entry) return false;
    entry.activity = { ...activity, id, timestamp: entry.activity.timestamp };
    this.touch(conversation);
    for (const listener of this.listeners) listener(conversation, entry.activity, entry.seq);
    return true;
  }

  /** Delivered to live listeners only (typing indicators): not stored, no watermark. */
  broadcast(conversation: Conversation, activity: Activity): void {
    const stamped: Activity = { ...activity, id: activity.id ?? `${conversation.id}|t${randomId(6)}`, timestamp: this.stamp(conversation) };
    for (const listener of this.listeners) listener(conversation, stamped, null);
  }

  /** Activities after `watermark` (all when it is absent or unreadable). */
  since(conversation: Conversation, watermark: string | undefined): { activities: Activity[]; watermark: string } {
    const after = watermark !== undefined && /^\d+$/.test(watermark) ? Number(watermark) : -1;
    const activities = conversation.activities.filter((a) => a.seq > after).map((a) => a.activity);
    // Sequence numbers start at 1, so "0" means "nothing yet".
    return { activities, watermark: String(conversation.nextSeq - 1) };
  }

  onActivity(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onEvict(listener: (id: string) => void): () => void {
    this.evictionListeners.add(listener);
    return () => this.evictionListeners.delete(listener);
  }

  /** Drops idle conversations and expired tokens. */
  sweep(): void {
    const now = this.now();
    for (const conversation of this.conversations.values()) {
      // Recency order: the first active one ends the idle prefix.
      if (now - conversation.lastActive < this.limits.idleMs) break;
      this.drop(conversation.id);
    }
    for (const [token, entry] of this.tokens) {
      if (entry.expiresAt <= now) this.tokens.delete(token);
    }
  }

  clear(): void {
    for (const id of [...this.conversations.keys()]) this.drop(id);
  }

  private drop(id: string): void {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    for (const token of conversation.tokens) this.tokens.delete(token);
    this.conversations.delete(id);
    for (const listener of this.evictionListeners) listener(id);
  }

  private stamp(conversation: Conversation): string {
    // Web Chat orders by timestamp: two activities in the same millisecond must not swap.
    const t = Math.max(this.now(), conversation.lastTimestamp + 1);
    conversation.lastTimestamp = t;
    return new Date(t).toISOString();
  }
}

/** Constant-time comparison for secrets carried in URLs or headers. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
