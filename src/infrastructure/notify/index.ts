import { EmailNotifier } from './email';
import type { Notifier, NotifierChannel } from '../../domain/contact/notification';
import { WebhookNotifier } from './webhook';

export * from '../../domain/contact/notification';
export { EmailNotifier, type EmailNotifierOptions } from './email';
export { WebhookNotifier, teamsPayload, jsonPayload, webhookFormatFor, type WebhookFormat, type WebhookNotifierOptions } from './webhook';
export { Outbox, OUTBOX_DIR, OUTBOX_FILE, OUTBOX_QUEUE_DIR, type OutboxEntry, type OutboxEntryView, type OutboxOptions, type OutboxStatus } from './outbox';

export interface NotifierSettings {
  smtpUrl: string;
  notifyFrom: string;
  notifyWebhookUrl: string;
  /** Where e-mails without a named referent go; without it only the webhook gets them. */
  opsInbox?: string;
}

/** The notifiers the configuration enables; an empty setting disables its channel. */
export function createNotifiers(settings: NotifierSettings): Partial<Record<NotifierChannel, Notifier>> {
  const notifiers: Partial<Record<NotifierChannel, Notifier>> = {};
  if (settings.smtpUrl) notifiers.email = new EmailNotifier({ smtpUrl: settings.smtpUrl, from: settings.notifyFrom, opsInbox: settings.opsInbox });
  if (settings.notifyWebhookUrl) notifiers.webhook = new WebhookNotifier({ url: settings.notifyWebhookUrl });
  return notifiers;
}
