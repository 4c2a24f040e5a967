import type { KnowledgeBase } from '../domain/knowledge-base';
import { createNotifiers, Outbox, type Notifier, type NotifierChannel, type OutboxOptions } from './notify';
import { ContactService, type NotificationWriter } from '../domain/contact/service';
import { RequestStore } from './request-store';
import type { ConversationRecords } from '../domain/contact/ports';

export interface ContactSettings {
  stateDir: string;
  smtpUrl: string;
  notifyFrom: string;
  notifyWebhookUrl: string;
  requestRetentionDays: number;
  /** Operations inbox for requests without a named referent (e-mail channel). */
  opsInbox?: string;
  /** Working days within which an administrator passes on requests no notifier takes (0 or unset: no promise). */
  contactReviewDays?: number;
}

export interface ContactServices {
  requests: RequestStore;
  outbox: Outbox;
  contact: ContactService;
}

/** Wires the contact use-cases onto stores already opened (see openStores). */
export function contactServicesOn(
  stores: { requests: RequestStore; outbox: Outbox },
  settings: Pick<ContactSettings, 'requestRetentionDays' | 'opsInbox' | 'contactReviewDays'>,
  kb: KnowledgeBase,
  writeNotification: NotificationWriter,
  log: (message: string) => void,
  /** The chat's conversation store, when it can be searched: exports and erasures cover it. */
  conversations?: ConversationRecords,
): ContactServices {
  const { requests, outbox } = stores;
  if (outbox.channels().length === 0) log('contact: no SMTP_URL nor NOTIFY_WEBHOOK_URL: contact requests are stored but nobody is notified');
  else if (!outbox.channels().includes('webhook') && !settings.opsInbox) {
    log('contact: no NOTIFY_WEBHOOK_URL nor operations inbox: requests without a named referent are stored, not notified');
  }
  const contact = new ContactService({
    kb,
    store: requests,
    outbox,
    writeNotification,
    retentionDays: settings.requestRetentionDays,
    opsInbox: settings.opsInbox,
    ...(settings.contactReviewDays ? { manualReviewDays: settings.contactReviewDays } : {}),
    log,
    ...(conversations ? { conversations } : {}),
  });
  return { requests, outbox, contact };
}

/**
 * Wiring for the contact use-cases: opens the request store and the outbox in the state
 * directory, with the notifiers the settings enable, and hands them to the ContactService.
 * Call `contact.start()` to run the delivery worker, `contact.stop()` to end it.
 */
export async function createContactServices(
  settings: ContactSettings,
  kb: KnowledgeBase,
  writeNotification: NotificationWriter,
  options: {
    log?: (message: string) => void;
    notifiers?: Partial<Record<NotifierChannel, Notifier>>;
    outbox?: OutboxOptions;
    /** The chat's conversation store, when it can be searched: exports and erasures cover it. */
    conversations?: ConversationRecords;
  } = {},
): Promise<ContactServices> {
  const log = options.log ?? (() => undefined);
  const requests = await RequestStore.open(settings.stateDir);
  const notifiers = options.notifiers ?? createNotifiers(settings);
  const outbox = await Outbox.open(settings.stateDir, notifiers, { log, ...options.outbox });
  return contactServicesOn({ requests, outbox }, settings, kb, writeNotification, log, options.conversations);
}
