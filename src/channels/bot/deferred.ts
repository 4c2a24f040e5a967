import { createRequire } from 'node:module';
import type { Request, Response } from 'restify';
import { errorBody } from '../http/errors';
import type { BotConfig, BotDeps, BotOptions, StartedBot } from './routes';

/** The readiness of the bot part, as GET /health reports it. */
export type BotPartState = 'starting' | 'ready' | 'failed';

/** Loads a dependency of a Bot Framework package as that package resolves it (the same file it will load). */
const dependencyOf = (owner: string, name: string) => () => Promise.resolve(createRequire(require.resolve(owner))(name) as unknown);

/**
 * The Bot Framework packages and their heaviest dependencies, in the order they require each other
 * (the dialogs' part of botbuilder-dialogs only: see dialogs/framework.ts). Loading a package
 * holds the event loop: botframework-connector with its Azure identity libraries took 0.4 s in one
 * piece on a quiet machine; loaded one at a time, none takes more than about 0.17 s, and the
 * requests that arrive meanwhile (GET /health, lookups through the API) are served between two.
 */
const PACKAGES: Array<() => Promise<unknown>> = [
  dependencyOf('botframework-connector', '@azure/msal-node'),
  dependencyOf('botframework-connector', '@azure/identity'),
  dependencyOf('botframework-connector', 'axios'),
  dependencyOf('botframework-connector', 'botframework-schema'),
  () => import('botframework-connector'),
  () => import('botbuilder'),
  () => import('../dialogs/framework.js'),
];

const nextTurnOfTheLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The bot, loaded once the server listens: GET /health and the API need none of the Bot
 * Framework's code, which is most of the start-up. A message that arrives before the bot part is
 * ready waits for it, at most `waitMs`; past that, or if the bot part failed, the channel gets a
 * 503 with Retry-After: never a wrong answer, and nothing taken that is not answered.
 */
export class DeferredBot {
  private current: BotPartState = 'starting';
  private started: Promise<StartedBot | null> | null = null;

  constructor(
    private readonly deps: BotDeps & { config: BotConfig; log: (message: string) => void },
    private readonly options: BotOptions,
    private readonly waitMs: number,
  ) {}

  get state(): BotPartState {
    return this.current;
  }

  /** Loads and builds the bot part; later calls return the same promise. Never rejects: a failure is logged and the state says it. */
  start(): Promise<StartedBot | null> {
    this.started ??= this.load().then(
      (bot) => {
        this.current = 'ready';
        return bot;
      },
      (err: unknown) => {
        this.current = 'failed';
        this.deps.log(`The bot part failed to start: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      },
    );
    return this.started;
  }

  /** The handler of POST /api/messages, registered before the bot part is ready. */
  readonly handle = async (req: Request, res: Response): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const bot = await Promise.race([
      this.start(),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), this.waitMs);
      }),
    ]).finally(() => clearTimeout(timer));
    if (!bot) {
      res.header('Retry-After', '5');
      res.json(503, errorBody(503));
      return;
    }
    await bot.handle(req, res);
  };

  /** Stops the bot part's upkeep, waiting for the bot part if it is still loading. */
  async close(): Promise<void> {
    const bot = await this.started;
    await bot?.close();
  }

  private async load(): Promise<StartedBot> {
    for (const load of PACKAGES) {
      await nextTurnOfTheLoop();
      await load();
    }
    await nextTurnOfTheLoop();
    const { startBot } = await import('./routes.js');
    return startBot(this.deps, this.options);
  }
}
