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
type ConnectorFactory = NonNullable<VerifiedRequest['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type ClaimsIdentity = VerifiedRequest['claimsIdentity'];
type UserTokenClient = Awaited<ReturnType<BotFrameworkAuthentication['createUserTokenClient']>>;

/** Service URLs (channels, regions) whose clients are kept: a bot talks to a handful. */
const MAX_KEPT_CLIENTS = 64;

/**
 * The Bot Framework authentication, keeping the clients it makes: botbuilder's CloudAdapter asks
 * for a new connector client (and its request pipeline) and a new user-token client on every
 * turn, about a twentieth of a turn's CPU, the same for every turn. A client holds no turn's
 * state: its credentials fetch and renew their own token, as when the older BotFrameworkAdapter
 * kept one per service URL. Kept per bot identity (the verified token's audience or app id),
 * service URL and audience; a creation that fails is not kept.
 */
class KeptClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokens = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<VerifiedRequest> {
    const verified = await super.authenticateRequest(activity, authHeader);
    const factory = verified.connectorFactory;
    if (!factory) return verified;
    const bot = appIdOf(verified.claimsIdentity);
    const connectorFactory: ConnectorFactory = {
      create: (serviceUrl, audience) => kept(this.connectors, `${bot}\u0000${serviceUrl}\u0000${audience ?? ''}`, () => factory.create(serviceUrl, audience)),
    };
    return { ...verified, connectorFactory };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return kept(this.userTokens, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

/** The bot identity a request was verified for, as botbuilder reads it (audience claim, else app id). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}

function kept<T>(clients: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  let client = clients.get(key);
  if (!client) {
    client = create();
    clients.set(key, client);
    if (clients.size > MAX_KEPT_CLIENTS) clients.delete(clients.keys().next().value as string);
    client.catch(() => clients.delete(key));
  }
  return client;
}

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
  return new KeptClientsAuthentication(settings, new ConfigurationServiceClientCredentialFactory(settings));
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
