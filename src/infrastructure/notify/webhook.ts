import { DeliveryError, type NotificationMessage, type Notifier } from '../../domain/contact/notification';

export type WebhookFormat = 'teams' | 'json';

export interface WebhookNotifierOptions {
  /** Holds a secret for Teams/Workflows webhooks (signature in the query string): never log it. */
  url: string;
  /** Default: 'teams' for Microsoft hosts (Office 365 connectors, Power Automate workflows), else 'json'. */
  format?: WebhookFormat;
  timeoutMs?: number;
}

const TEAMS_HOSTS = /(^|\.)(webhook\.office\.com|logic\.azure\.com|powerplatform\.com|powerautomate\.com)$/i;

export function webhookFormatFor(url: string): WebhookFormat {
  try {
    return TEAMS_HOSTS.test(new URL(url).hostname) ? 'teams' : 'json';
  } catch {
    return 'json';
  }
}

/**
 * Adaptive Card in a message envelope: the payload both Teams incoming webhooks and the
 * Workflows "post to a channel when a webhook request is received" template accept.
 */
export function teamsPayload(message: NotificationMessage): unknown {
  // The card's texts are Markdown: only the escaped ones go in. A notification queued before they
  // existed shows its reference (letters, digits, dashes) and nothing a firm typed.
  const card = message.card ?? { title: `Territoires d'industrie : demande ${message.reference.replace(/[^\w-]/g, '')}`, facts: [] };
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', size: 'Medium', weight: 'Bolder', wrap: true, text: card.title },
            ...(card.banner ? [{ type: 'TextBlock', wrap: true, color: 'Attention', weight: 'Bolder', text: card.banner }] : []),
            ...(card.facts.length > 0 ? [{ type: 'FactSet', facts: card.facts }] : []),
          ],
        },
      },
    ],
  };
}

export function jsonPayload(message: NotificationMessage): unknown {
  return {
    event: 'contact-request',
    reference: message.reference,
    designated: message.designated,
    subject: message.subject,
    text: message.text,
    facts: Object.fromEntries(message.facts.map((f) => [f.title, f.value])),
    ...(message.idempotencyKey ? { idempotencyKey: message.idempotencyKey } : {}),
  };
}

/**
 * POSTs notifications as JSON: a Teams card or a generic document. Any non-2xx answer is a
 * failure. The notification's idempotency key is sent as the `Idempotency-Key` header (and in the
 * generic document's body): a notification can arrive twice, and the receiver drops the repeat.
 */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook' as const;
  private readonly format: WebhookFormat;

  constructor(private readonly options: WebhookNotifierOptions) {
    this.format = options.format ?? webhookFormatFor(options.url);
  }

  async send(message: NotificationMessage): Promise<void> {
    const body = JSON.stringify(this.format === 'teams' ? teamsPayload(message) : jsonPayload(message));
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...(message.idempotencyKey ? { 'idempotency-key': message.idempotencyKey } : {}) },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      throw new DeliveryError(`webhook unreachable (${cause})`);
    }
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new DeliveryError(`webhook answered HTTP ${response.status}`);
  }
}
