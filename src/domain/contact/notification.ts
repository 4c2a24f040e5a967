/** One notification about a contact request, independent of how it is delivered. */
export interface NotificationMessage {
  reference: string;
  subject: string;
  /** Plain-text body, complete on its own (e-mail body, webhook text). */
  text: string;
  /** Label/value pairs for card renderings (Teams). */
  facts: Array<{ title: string; value: string }>;
  /** Recipient e-mail; e-mail notifiers fall back to the operations inbox without it. Ignored by webhooks. */
  to?: string;
  /** False when the slot has no named referent: the operations team must route it. */
  designated: boolean;
  /**
   * The same for every attempt at delivering this notification (set by the outbox): delivery is
   * at least once, and the receiver drops a repeat by this key.
   */
  idempotencyKey?: string;
  /** A warning to show first, in bold, where the channel can (Teams card): set when nobody is designated. */
  banner?: string;
  /**
   * The title, banner and facts again, each escaped for a host that reads them as Markdown (a
   * Teams card): a firm named "[Payez ici](https://…)" must show as that text, not as a link.
   * Absent in notifications queued before it existed; a card then shows the reference alone.
   */
  card?: { title: string; banner?: string; facts: Array<{ title: string; value: string }> };
}

export type NotifierChannel = 'email' | 'webhook';

export interface Notifier {
  readonly channel: NotifierChannel;
  send(message: NotificationMessage): Promise<void>;
}

/** A delivery failure whose message is safe to store and show (no URL, no credentials). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** False when retrying cannot help (e.g. no recipient at all). */
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Removes credentials and URLs from an error text before it is logged or stored. */
export function redact(text: string): string {
  return String(text ?? '')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]+/gi, '<url>')
    .replace(/(pass(word)?|pwd|token|secret|sig|key)=([^&\s]+)/gi, '$1=<redacted>')
    .slice(0, 300);
}

export function describeError(err: unknown): string {
  if (err instanceof DeliveryError) return err.message;
  const e = err as { code?: string; responseCode?: number; message?: string; name?: string };
  const parts = [e.code, e.responseCode ? `SMTP ${e.responseCode}` : undefined, e.message ? redact(e.message) : e.name].filter(Boolean);
  return parts.join(': ') || 'unknown error';
}
