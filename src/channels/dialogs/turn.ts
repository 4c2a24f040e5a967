import type { Activity, TurnContext } from 'botbuilder';
import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import type { Presented } from '../../presentation/present';
import { toActivity } from './activity';
import { Dialog } from './framework';
import type { DialogDeps } from './deps';
import type { Intent, PlaceReader, Question } from './router';

const ROUTED = 'ti.routed';
const PLACES = 'ti.places';
const HELD = 'ti.held';
const HELD_GUARD = 'ti.heldGuard';

/** Called once per turn by the main dialog: the flows read the routed intent rather than the activity. */
export function setRouted(context: TurnContext, intent: Intent): void {
  context.turnState.set(ROUTED, intent);
}

/** The intent the router gave this turn's message. */
export function routedOf(context: TurnContext): Intent {
  const routed = context.turnState.get(ROUTED) as Intent | undefined;
  // A flow run on its own (another host) reads the typed text as its answer.
  return routed ?? { kind: 'answer', text: String(context.activity.text ?? '') };
}

/** Called once per turn by the main dialog: its reader of places, which reads each text once per turn. */
export function setPlaces(context: TurnContext, places: PlaceReader): void {
  context.turnState.set(PLACES, places);
}

/** The turn's reader of places (the resolver, each text read once per turn), when the main dialog runs the turn. */
export function placesOf(context: TurnContext): PlaceReader | undefined {
  return context.turnState.get(PLACES) as PlaceReader | undefined;
}

/** Records the question the bot now waits an answer to, for the router to read the next message against. */
export async function setPending(context: TurnContext, deps: DialogDeps, question: Question | undefined): Promise<void> {
  const memory = await deps.memory.get(context, {});
  if (question) memory.pending = question;
  else delete memory.pending;
}

/**
 * Holds an answer back for the flow that goes on with it this turn (the place given at the
 * eligibility flow's question), so that it goes out in the flow's next message rather than as a
 * message of its own. The flow takes it (takeHeld) before it sends anything; what it leaves is
 * sent by the caller once the flow is done.
 */
export function holdForFlow(context: TurnContext, presented: Presented): void {
  context.turnState.set(HELD, presented);
  if (context.turnState.has(HELD_GUARD)) return;
  context.turnState.set(HELD_GUARD, true);
  // Anything a flow sends before taking it goes out after it: the order never changes.
  context.onSendActivities(async (turnContext, _activities, next) => {
    const held = takeHeld(turnContext);
    if (held) await turnContext.sendActivity(toActivity(held));
    return next();
  });
}

/** The answer held back for this turn's flow, if any (taken once). */
export function takeHeld(context: TurnContext): Presented | undefined {
  const held = context.turnState.get(HELD) as Presented | undefined;
  if (held) context.turnState.delete(HELD);
  return held;
}

/**
 * Lets the event loop serve what arrived meanwhile (another user's lookup, GET /health) before a
 * flow's next step. The first eligibility answer is a few milliseconds of this thread's work
 * (the figures, the place, the advice and its cards, the send): in one piece, a lookup that
 * arrives meanwhile waits for all of it. setImmediate rather than a resolved promise: a promise's
 * continuation runs before the event loop reads any socket.
 */
export function letOthersIn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export const WAIT_DIALOG = 'waitForAnswer';

interface WaitOptions {
  /** The question, sent when the wait begins and again on a reprompt. */
  prompt?: Partial<Activity>;
  /**
   * The question asked again after an answer on the side (thanks, help, "pourquoi pas ?"), when
   * the prompt said more than the question ("Je n'ai pas compris cette réponse. …"): what was
   * said then is no longer true.
   */
  reprompt?: Partial<Activity>;
}

/**
 * A flow's question: it sends the prompt, waits, and ends with the routed intent of the next
 * message that the main dialog gives the flow. Reading and validating the answer is the flow's
 * business, with the context of its question.
 */
export class WaitDialog extends Dialog<WaitOptions> {
  constructor() {
    super(WAIT_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: WaitOptions): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as WaitOptions;
    if (options?.reprompt) state.reprompt = options.reprompt;
    if (options?.prompt) {
      state.prompt = options.prompt;
      await dc.context.sendActivity(options.prompt);
    }
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return dc.endDialog(routedOf(dc.context));
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const { prompt, reprompt } = instance.state as WaitOptions;
    if (reprompt ?? prompt) await context.sendActivity((reprompt ?? prompt)!);
  }
}
