import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { Config } from '../../config';
import { messages } from '../../presentation/messages';
import { languageOf } from '../dialogs/language';
import { isStorageOutage } from '../../infrastructure/storage/errors';

export type BotFrameworkAuthentication = ConstructorParameters<typeof CloudAdapter>[0] & object;
export type VerifiedRequest = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

/** CloudAdapter with its turn runner for a request verified beforehand (see endpoint.ts). */
export class BotAdapter extends CloudAdapter {
  runVerified(verified: VerifiedRequest, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(verified, activity, logic);
  }
}

/**
 * Bot Framework authentication configured from the validated config (not from process.env), so
 * auth is off only when no app id is configured, and enforced as soon as one is.
 */
export function createAuthentication(
  config: Pick<Config, 'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppType' | 'microsoftAppTenantId'>,
): BotFrameworkAuthentication {
  const settings = {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
  };
  return new ConfigurationBotFrameworkAuthentication(settings, new ConfigurationServiceClientCredentialFactory(settings));
}

export function createAdapter(authentication: BotFrameworkAuthentication, log: (message: string) => void): BotAdapter {
  const adapter = new BotAdapter(authentication);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log(`Unhandled error in turn ${context.activity.type} (${context.activity.channelId}): ${error.name}: ${error.message}\n${error.stack ?? ''}`);
    try {
      // Storage out of reach: the user is told to come back in a minute rather than that something broke.
      const chat = messages(languageOf(context)).chat;
      await context.sendActivity(isStorageOutage(error) ? chat.unavailable : chat.error);
    } catch {
      // The channel itself may be what failed; the log above is all we can do.
    }
  };
  return adapter;
}
