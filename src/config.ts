import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Wave } from './domain/types';

/**
 * The one place that reads the environment. Everything else receives a validated `Config`,
 * so a typo in a variable fails at start-up instead of on some user's turn.
 */
export interface Config {
  port: number;
  /** Bot Framework's standard names; no app id means local mode with auth off. */
  microsoftAppType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  microsoftAppId: string;
  microsoftAppPassword: string;
  microsoftAppTenantId: string;
  /**
   * Without an app id (local mode), the channels the bot may answer besides its own local Direct
   * Line: exact origins such as "http://127.0.0.1:3979", or a loopback host with any port
   * ("http://127.0.0.1:*") for a test channel or the Bot Framework Emulator. Empty by default: the
   * bot then sends nothing to a serviceUrl it does not own.
   */
  localChannelUrls: string[];
  /** Where the server listens: 127.0.0.1 in local mode (nobody else can reach an unauthenticated bot), else every interface. */
  host: string;
  defaultWave: Wave;
  /** Committed knowledge base (lowdb JSON files). */
  kbDir: string;
  /** Writable state: conversation store, contact requests, KB history. */
  stateDir: string;
  storage: 'file' | 'memory' | 'blob';
  /** Azure Storage account (STORAGE=blob): conversation state, and every record shared by the instances. */
  blobConnectionString: string;
  /** Container of the conversation state (an Azure lifecycle rule may purge it). */
  blobContainer: string;
  /** Container of the contact requests, outbox records, knowledge base and its history (STORAGE=blob). */
  blobDataContainer: string;
  /** Azure Storage queue of the notifications to deliver (STORAGE=blob). */
  outboxQueue: string;
  /** How often an instance checks for a knowledge-base revision made through another one (STORAGE=blob). */
  kbRefreshMs: number;
  /** Outbox worker: queue polling period, lease of a message being delivered, first retry delay. */
  outboxPollMs: number;
  outboxLeaseMs: number;
  outboxRetryBaseMs: number;
  /** API Recherche d'entreprises (annuaire-entreprises). */
  companyApiUrl: string;
  companyApiTimeoutMs: number;
  /** How long a turn waits for numbers written in words to be read (worker queue and warm-up included). */
  parserTimeoutMs: number;
  /**
   * When the parser worker builds the number model: 'eager' at start-up, 'lazy' on the first
   * message that writes a number in words (that message is then asked for figures; an instance
   * that never gets one spares the model's CPU and memory).
   */
  parserWorker: 'eager' | 'lazy';
  /**
   * Added to the nice value of the parser worker's thread (Linux only; 0 to 19, 0: the server's
   * priority): on a busy machine a turn that needs no parsing gets the CPU before a parse does.
   */
  parserNice: number;
  directLineSecret: string;
  directLineEndpoint: string;
  /** Origins allowed to call the Direct Line token endpoint from a browser, as `URL.origin` gives them. */
  corsOrigins: string[];
  adminToken: string;
  smtpUrl: string;
  notifyFrom: string;
  notifyWebhookUrl: string;
  /** Operations inbox that receives requests whose slot has no named referent (by e-mail). */
  opsInbox: string;
  requestRetentionDays: number;
  /**
   * Where a firm asks to see, correct or delete its request (the publisher's privacy contact: an
   * e-mail address or an https page), named in the consent text; empty: the text says to ask
   * the organisation that offers the assistant.
   */
  privacyContact: string;
  /**
   * Working days within which an administrator passes on the contact requests no notifier takes;
   * the firm is told so. 0: the deployment promises no delay, and the firm is told that instead.
   */
  contactReviewDays: number;
  /** Conversation state untouched for this long is purged (abandoned conversations). */
  stateRetentionDays: number;
  /** At most this many conversations are kept (file store); the least recently active go first. */
  stateMaxConversations: number;
  /** A flow waiting for an answer this long is dropped, with the personal data its draft holds. */
  draftTtlMinutes: number;
  /** Unknown request references one conversation (or one user) may try per hour. */
  referenceGuessesPerConversation: number;
  /** Unknown request references all conversations together may try per hour. */
  referenceGuessesPerHour: number;
  /** Requests per minute per client on public endpoints. */
  rateLimitPerMinute: number;
  /**
   * Reverse proxies in front of the server (TRUST_PROXY: false = 0, true = 1, or a number, e.g. 2
   * for Front Door + App Service). Above 0 the client is read from X-Forwarded-For.
   */
  trustedProxies: number;
  /** Open connections in all, and per client address (0: no per-address cap; none behind a proxy). */
  maxConnections: number;
  maxConnectionsPerClient: number;
  maxBodyBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads `.env` (if present) into the process environment without overriding what is already set. */
export function loadDotEnv(file = path.resolve('.env')): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (name: string, fallback = ''): string => (env[name] ?? fallback).trim();
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = str(name);
    if (raw === '') return fallback;
    const hit = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
    if (!hit) problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return hit ?? fallback;
  };
  const url = (name: string, fallback: string): string => {
    const raw = str(name, fallback);
    if (raw === '') return raw;
    try {
      const u = new URL(raw);
      if (!/^https?:$/.test(u.protocol)) throw new Error('protocol');
    } catch {
      problems.push(`${name} must be an http(s) URL`);
    }
    return raw.replace(/\/+$/, '');
  };

  const list = (name: string): string[] =>
    str(name)
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);

  const proxies = (raw: string): number => {
    const value = raw.toLowerCase();
    if (value === '' || value === 'false' || value === '0') return 0;
    if (value === 'true') return 1;
    if (/^[1-5]$/.test(value)) return Number(value);
    problems.push(`TRUST_PROXY must be false, true or the number of proxies in front of the server, 1 to 5 (got "${raw}")`);
    return 0;
  };

  const microsoftAppId = str('MicrosoftAppId');
  const microsoftAppPassword = str('MicrosoftAppPassword');
  const microsoftAppType = oneOf('MicrosoftAppType', ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const, 'MultiTenant');
  const microsoftAppTenantId = str('MicrosoftAppTenantId');
  if (microsoftAppId && microsoftAppType !== 'UserAssignedMSI' && !microsoftAppPassword) {
    problems.push('MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (microsoftAppType === 'SingleTenant' && !microsoftAppTenantId) {
    problems.push('MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
  }

  if (str('NODE_ENV') === 'production' && !microsoftAppId) {
    problems.push('MicrosoftAppId is required when NODE_ENV=production: without it the bot runs in local mode, with no authentication');
  }
  const localChannelUrls = list('LOCAL_CHANNEL_URLS');
  if (localChannelUrls.length > 0 && microsoftAppId) {
    problems.push('LOCAL_CHANNEL_URLS applies only without MicrosoftAppId (with one, each request proves its channel with its token)');
  }
  for (const entry of localChannelUrls) {
    const m = /^(https?):\/\/([^/:]+|\[[\da-f:.]+\])(?::(\d{1,5}|\*))?\/?$/i.exec(entry);
    if (!m) problems.push(`LOCAL_CHANNEL_URLS: "${entry}" must be an origin such as http://127.0.0.1:3979`);
    else if (m[3] === '*' && !/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i.test(m[2]!)) {
      problems.push(`LOCAL_CHANNEL_URLS: "${entry}": any port ("*") is allowed only on a loopback host`);
    }
  }

  // Exact origins, compared with the browser's Origin header: a wildcard would let any site in.
  const corsOrigins = list('CORS_ORIGINS').flatMap((entry) => {
    try {
      const u = new URL(entry);
      if (/^https?:$/.test(u.protocol) && !entry.includes('*')) return [u.origin];
    } catch {
      // Reported below with the entry.
    }
    problems.push(`CORS_ORIGINS: "${entry}" is not an origin such as https://www.example.fr (list each site; "*" is refused)`);
    return [];
  });

  const wave = str('DEFAULT_WAVE', '2023');
  if (!/^(19|20)\d\d$/.test(wave)) problems.push(`DEFAULT_WAVE must be the year of a territory list, e.g. 2023 (got "${wave}")`);

  const storage = oneOf('STORAGE', ['file', 'memory', 'blob'] as const, 'file');
  const blobConnectionString = str('BLOB_CONNECTION_STRING');
  if (storage === 'blob' && !blobConnectionString) problems.push('BLOB_CONNECTION_STRING is required when STORAGE=blob');
  const azureName = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
  for (const name of ['BLOB_CONTAINER', 'BLOB_DATA_CONTAINER', 'OUTBOX_QUEUE']) {
    const value = str(name);
    if (value && !azureName.test(value)) problems.push(`${name} must be 3 to 63 lowercase letters, digits and single hyphens (got "${value}")`);
  }

  const emailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  const opsInbox = str('NOTIFY_OPS_EMAIL');
  if (opsInbox && !emailAddress.test(opsInbox)) problems.push('NOTIFY_OPS_EMAIL must be an e-mail address');

  const privacyContact = str('PRIVACY_CONTACT');
  if (privacyContact && !emailAddress.test(privacyContact) && !/^https:\/\/[^\s]+$/.test(privacyContact)) {
    problems.push('PRIVACY_CONTACT must be an e-mail address or an https:// URL');
  }

  const adminToken = str('ADMIN_TOKEN');
  if (adminToken && adminToken.length < 16) problems.push('ADMIN_TOKEN must be at least 16 characters long');

  const config: Config = {
    port: int('PORT', 3978, 0, 65535),
    microsoftAppType,
    microsoftAppId,
    microsoftAppPassword,
    microsoftAppTenantId,
    localChannelUrls,
    host: microsoftAppId ? '0.0.0.0' : '127.0.0.1',
    defaultWave: Number(wave),
    kbDir: path.resolve(str('KB_DIR', 'data/kb')),
    stateDir: path.resolve(str('STATE_DIR', 'var')),
    storage,
    blobConnectionString,
    blobContainer: str('BLOB_CONTAINER', 'bot-state'),
    blobDataContainer: str('BLOB_DATA_CONTAINER', 'assistant-data'),
    outboxQueue: str('OUTBOX_QUEUE', 'contact-notifications'),
    kbRefreshMs: int('KB_REFRESH_SECONDS', 2, 1, 3600) * 1000,
    outboxPollMs: int('OUTBOX_POLL_SECONDS', 5, 1, 3600) * 1000,
    outboxLeaseMs: int('OUTBOX_LEASE_SECONDS', 60, 1, 3600) * 1000,
    outboxRetryBaseMs: int('OUTBOX_RETRY_SECONDS', 30, 1, 86400) * 1000,
    companyApiUrl: url('COMPANY_API_URL', 'https://recherche-entreprises.api.gouv.fr'),
    companyApiTimeoutMs: int('COMPANY_API_TIMEOUT_MS', 2500, 100, 30000),
    parserTimeoutMs: int('PARSER_TIMEOUT_MS', 5000, 100, 60000),
    parserWorker: oneOf('PARSER_WORKER', ['eager', 'lazy'] as const, 'eager'),
    parserNice: int('PARSER_NICE', 10, 0, 19),
    directLineSecret: str('DIRECTLINE_SECRET'),
    directLineEndpoint: url('DIRECTLINE_ENDPOINT', 'https://directline.botframework.com'),
    corsOrigins,
    adminToken,
    smtpUrl: str('SMTP_URL'),
    notifyFrom: str('NOTIFY_FROM', 'assistant-territoires-industrie@localhost'),
    notifyWebhookUrl: url('NOTIFY_WEBHOOK_URL', ''),
    opsInbox,
    requestRetentionDays: int('REQUEST_RETENTION_DAYS', 365, 1, 3650),
    privacyContact,
    contactReviewDays: int('CONTACT_REVIEW_DAYS', 0, 0, 60),
    stateRetentionDays: int('STATE_RETENTION_DAYS', 30, 1, 3650),
    stateMaxConversations: int('STATE_MAX_CONVERSATIONS', 20000, 10, 1000000),
    draftTtlMinutes: int('DRAFT_TTL_MINUTES', 60, 1, 1440),
    referenceGuessesPerConversation: int('REFERENCE_GUESSES_PER_CONVERSATION', 5, 1, 100),
    referenceGuessesPerHour: int('REFERENCE_GUESSES_PER_HOUR', 60, 1, 10000),
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 120, 1, 100000),
    trustedProxies: proxies(str('TRUST_PROXY')),
    maxConnections: int('MAX_CONNECTIONS', 1000, 10, 100000),
    maxConnectionsPerClient: int('MAX_CONNECTIONS_PER_CLIENT', 100, 0, 100000),
    maxBodyBytes: int('MAX_BODY_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** DEFAULT_WAVE must name a list of the knowledge base: checked once the base is loaded. */
export function checkDefaultWave(config: Pick<Config, 'defaultWave'>, waves: readonly Wave[]): void {
  if (!waves.includes(config.defaultWave)) {
    throw new ConfigError([`DEFAULT_WAVE ${config.defaultWave} is not in the knowledge base (waves: ${waves.join(', ')})`]);
  }
}
