import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../../config';
import { messages } from '../../presentation/messages';
import { languageOf } from '../dialogs/language';

/**
 * CloudAdapter configured from the validated config (not from process.env), so auth is off only
 * when no app id is configured, and enforced as soon as one is.
 */
export function createAdapter(config: Config, log: (message: string) => void): CloudAdapter {
  const settings = {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
  };
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(settings, new ConfigurationServiceClientCredentialFactory(settings)),
  );
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log(`Unhandled error in turn ${context.activity.type} (${context.activity.channelId}): ${error.name}: ${error.message}\n${error.stack ?? ''}`);
    try {
      await context.sendActivity(messages(languageOf(context)).chat.error);
    } catch {
      // The channel itself may be what failed; the log above is all we can do.
    }
  };
  return adapter;
}
