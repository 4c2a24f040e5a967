import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog, DialogSet, DialogTurnStatus } from './framework';
import { listTerritories } from '../../domain/areas';
import { schemeNamed } from '../../domain/eligibility/names';
import { LookupService } from '../../domain/resolution/lookup';
import type { LookupResult, Wave } from '../../domain/types';
import { messages } from '../../presentation/messages';
import { present } from '../../presentation/present';
import { toActivity } from './activity';
import { answerClosedContactCard, answerRequestStatus, CONTACT_DIALOG, ContactDialog, type ContactDialogOptions } from './contactDialog';
import type { DialogDeps } from './deps';
import { answerWhyNot, ELIGIBILITY_DIALOG, EligibilityDialog, type EligibilityDialogOptions } from './eligibilityDialog';
import { languageOf } from './language';
import { choicesOfAnswer, rememberPlace, showNothing, showPlace, showReferent, showSamePlace, type PlaceRequest } from './places';
import { route, type FlowName, type Intent, type Question } from './router';
import type { ConversationMemory } from './state';
import { setPlaces, setRouted, takeHeld } from './turn';

export const MAIN_DIALOG = 'mainDialog';

/** Intents answered on the side: a flow waiting for an answer keeps waiting, and asks again. */
const ASIDE = new Set<Intent['kind']>(['help', 'greeting', 'thanks', 'empty', 'why-not', 'scheme-info', 'status', 'territory-list']);

/**
 * The one entry point of every message and card click: it routes the activity (router.ts), then
 * answers the intent or hands it to the flow that waits for it. A plain lookup asks nothing
 * back and needs no dialog stack; the flows that ask over several turns (eligibility, contact)
 * live on their own stack, created only on the turns that use it.
 *
 * As a Dialog, it runs the same turn when hosted by another dialog stack (DialogTestClient).
 */
export class MainDialog extends Dialog {
  private readonly flowSet: DialogSet;
  private readonly memoryScopes: MemoryScopes = {};
  private wavesOf: { revision: number; waves: readonly Wave[] } | undefined;

  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.flowSet = new DialogSet(deps.flows).add(new EligibilityDialog(deps)).add(new ContactDialog(deps));
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.asDialog(dc);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.asDialog(dc);
  }

  private async asDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const status = await this.run(dc.context);
    return status === DialogTurnStatus.waiting ? Dialog.EndOfTurn : dc.endDialog();
  }

  private readonly schemeNamed = (text: string, asked: boolean) => (this.deps.schemes ? schemeNamed(this.deps.schemes.schemes, text, asked) : null);

  /** The knowledge base's lists, computed again only when the base changes. */
  private waves(): readonly Wave[] {
    const { revision } = this.deps.kb;
    if (this.wavesOf?.revision !== revision) this.wavesOf = { revision, waves: this.deps.kb.waves() };
    return this.wavesOf.waves;
  }

  /** One turn. `waiting` when a flow waits for the user's answer. */
  async run(context: TurnContext): Promise<DialogTurnStatus> {
    if (context.activity.type !== ActivityTypes.Message) return DialogTurnStatus.empty;
    const turn = await Turn.start(context, this.deps, this.flowSet, this.memoryScopes);
    setPlaces(context, turn.places);
    const intent = route(
      { type: context.activity.type, text: context.activity.text, value: context.activity.value },
      {
        pending: turn.memory.pending,
        waves: this.waves(),
        ...(turn.memory.listed ? { listed: turn.memory.listed === true ? '' : turn.memory.listed } : {}),
        ...(turn.memory.schemeAsked ? { schemeAsked: turn.memory.schemeAsked } : {}),
        ...(turn.memory.communeCode || turn.memory.territory ? { placeShown: true } : {}),
        ...(this.deps.schemes ? { schemeNamed: this.schemeNamed } : {}),
      },
      turn.places,
    );
    setRouted(context, intent);
    if (intent.kind === 'territory-list') turn.memory.listed = intent.text;
    else delete turn.memory.listed;
    if (intent.kind === 'scheme-info') turn.memory.schemeAsked = intent.scheme;
    else delete turn.memory.schemeAsked;
    await this.dispatch(turn, intent);
    return (await turn.flowActive()) ? DialogTurnStatus.waiting : DialogTurnStatus.complete;
  }

  private async dispatch(turn: Turn, intent: Intent): Promise<void> {
    const { context, memory } = turn;
    const s = messages(languageOf(context));
    if (ASIDE.has(intent.kind)) {
      await this.aside(turn, intent);
      // The flow's question again, so the user sees what is still asked (a choice stays on screen).
      const pending = memory.pending;
      if (pending && pending.ask !== 'choice' && pending.ask !== 'commune-in' && (await turn.flowActive())) await (await turn.flows()).repromptDialog();
      return;
    }
    switch (intent.kind) {
      case 'restart':
        await turn.endFlows();
        await context.sendActivity(s.chat.restart);
        return;
      case 'nothing':
        return this.nothing(turn, intent);
      case 'same-place': {
        const place = this.placeShown(turn, intent.wave);
        if (place) return this.place(turn, place);
        await showNothing(context, this.deps, 'empty', '');
        return;
      }
      case 'place':
      case 'choose':
        return this.place(turn, 'value' in intent ? { value: intent.value, label: intent.label } : intent);
      case 'referent': {
        await turn.endFlows();
        const place = this.referentPlace(turn, intent);
        if (!place) {
          await context.sendActivity(s.lookup.referentWhere(this.deps.kb.operator(intent.operator)?.name ?? intent.operator));
          return;
        }
        const answer = await showReferent(context, this.deps, place, intent.operator, turn.places);
        if (answer?.status === 'ambiguous')
          memory.pending = { ask: 'choice', query: answer.query, choices: choicesOfAnswer(answer), operator: intent.operator };
        return;
      }
      case 'eligibility':
        await turn.endFlows();
        await (
          await turn.flows()
        ).beginDialog(ELIGIBILITY_DIALOG, {
          ...(intent.text ? { text: intent.text } : {}),
          ...(intent.scheme ? { scheme: intent.scheme } : {}),
        } satisfies EligibilityDialogOptions);
        return;
      case 'contact': {
        // The same operator's button clicked again while its request is being written: the request
        // goes on, its question asked again, rather than dropped and started over.
        const pending = memory.pending;
        // A button of a card about another place than the one shown last asks for that place.
        const samePlace = !intent.place || intent.place === memory.communeCode;
        if (!intent.text && intent.operator && samePlace && pending?.ask === 'contact' && pending.operator === intent.operator && (await turn.flowActive())) {
          await (await turn.flows()).repromptDialog();
          return;
        }
        await turn.endFlows();
        if (intent.place && !samePlace) await rememberPlace(context, this.deps, intent.place);
        // The site named with the request ("usine à Figeac, contacter Bpifrance") is looked up first;
        // several places of that name: the flow asks for the place, and the choices answer it.
        const text = intent.text ?? '';
        const named = text ? turn.places(text).status : 'unknown';
        // Its answer goes in the flow's first message (the recipient's sentence).
        if (named === 'resolved') await showPlace(context, this.deps, { text }, turn.places, true);
        await (await turn.flows()).beginDialog(CONTACT_DIALOG, (intent.operator ? { operator: intent.operator } : {}) satisfies ContactDialogOptions);
        const left = takeHeld(context);
        if (left) await context.sendActivity(toActivity(left));
        if (named === 'ambiguous') await this.place(turn, { text });
        return;
      }
      case 'consent':
        if (turn.waitingIn('contact') && memory.pending?.ask === 'contact' && memory.pending.step === 'consent') {
          await (await turn.flows()).continueDialog();
          return;
        }
        // A summary card clicked after its dialog ended (restart, or clicked twice).
        await answerClosedContactCard(context, this.deps, intent.draftId);
        return;
      case 'answer':
        if (await turn.flowActive()) {
          await (await turn.flows()).continueDialog();
          return;
        }
        // Nothing waits for it (state lost): read it as a new message.
        return this.dispatch(turn, { kind: 'nothing', text: intent.text, reason: 'no-place' });
      default:
        return;
    }
  }

  private async aside(turn: Turn, intent: Intent): Promise<void> {
    const { context } = turn;
    const lang = languageOf(context);
    const s = messages(lang);
    switch (intent.kind) {
      case 'help':
        await context.sendActivity(s.chat.help);
        return;
      case 'greeting':
        await context.sendActivity(s.chat.welcome);
        return;
      case 'thanks':
        await context.sendActivity(s.chat.thanks);
        return;
      case 'empty':
        await showNothing(context, this.deps, 'no-place', '');
        return;
      case 'why-not':
        await answerWhyNot(context, this.deps);
        return;
      case 'scheme-info': {
        const scheme = this.deps.schemes?.get(intent.scheme);
        if (scheme) await context.sendActivity(toActivity(present({ kind: 'scheme-info', scheme }, lang, this.deps.cards)));
        return;
      }
      case 'status':
        await answerRequestStatus(context, this.deps);
        return;
      case 'territory-list':
        await context.sendActivity(
          toActivity(
            present({ kind: 'territory-list', list: listTerritories(this.deps.kb, intent.wave ?? this.deps.defaultWave, intent.text) }, lang, this.deps.cards),
          ),
        );
        return;
      default:
        return;
    }
  }

  /** No place in the message: a department asks which commune in it; anything else says what the assistant can do. */
  private async nothing(turn: Turn, intent: Extract<Intent, { kind: 'nothing' }>): Promise<void> {
    const { context, memory } = turn;
    const pending = memory.pending;
    if (pending?.ask === 'choice' && intent.reason === 'no-place') {
      // "oui", "ok", "blabla" while the places are offered: the same choice again, still open.
      const { query, choices } = pending;
      await context.sendActivity(toActivity(present({ kind: 'pick-again', query, choices }, languageOf(context), this.deps.cards)));
      return;
    }
    if (intent.reason === 'department-only' && intent.departments?.length) {
      memory.pending = { ask: 'commune-in', departments: intent.departments, ...(pending?.flow ? { flow: pending.flow } : {}) };
    } else if (!(pending?.ask === 'choice' || pending?.ask === 'commune-in')) {
      // A question of a flow is asked again by the flow; an open choice stays open.
      await turn.endFlows();
    }
    await showNothing(context, this.deps, intent.reason, intent.placeName ?? intent.text, intent.departments, intent.namesakes);
  }

  /**
   * A place: looked up and shown; a flow that needs one (its place question, the eligibility
   * questions) goes on with it. Any other flow ends: the place is a new request.
   */
  private async place(turn: Turn, request: PlaceRequest): Promise<void> {
    const { context, memory } = turn;
    const pending = memory.pending;
    const flow = (await turn.flowActive()) ? this.flowTakingPlace(pending) : null;
    // Narrowing the open choice by a department leaves it open when no candidate is there.
    const narrowing = 'text' in request && request.within !== undefined;
    if (!flow && !narrowing) await turn.endFlows();
    // The place already known, given again at a question of the flow: noted, and the question again.
    if (flow && pending?.ask === 'field' && 'text' in request && !request.within) {
      const read = turn.places(request.text, request.wave);
      if (read.status === 'resolved' && read.commune && read.commune.code === memory.communeCode) {
        await showSamePlace(context, this.deps, read);
        await (await turn.flows()).continueDialog();
        return;
      }
    }
    const operator = pending?.ask === 'choice' ? pending.operator : undefined;
    // A flow going on with the place puts the territory's answer in its next message (the
    // advice, the recipient's sentence): one message, not two.
    const answer = operator
      ? await showReferent(context, this.deps, request, operator, turn.places)
      : await showPlace(context, this.deps, request, turn.places, flow !== null);
    // No candidate in the departments given: the question stays open.
    if (!answer) return;
    if (answer.status === 'ambiguous') {
      memory.pending = { ask: 'choice', query: answer.query, choices: choicesOfAnswer(answer), ...(flow ? { flow } : {}) };
      return;
    }
    if (answer.status === 'resolved') {
      if (!flow) delete memory.pending;
      else await (await turn.flows()).continueDialog();
      // Whatever the flow did not take goes out now.
      const left = takeHeld(context);
      if (left) await context.sendActivity(toActivity(left));
      return;
    }
    // Not found (a SIRET the register does not know): the flow still waits for its place.
    if (!flow) delete memory.pending;
  }

  /**
   * Where a referent is asked for: the place the question names, or else ("et le référent BDT ?")
   * the place the conversation already knows.
   */
  private referentPlace(turn: Turn, intent: Extract<Intent, { kind: 'referent' }>): PlaceRequest | null {
    const read = turn.places(intent.text, intent.wave);
    if (LookupService.findCompanyNumber(intent.text) || read.status !== 'unknown') return intent;
    const shown = this.placeShown(turn, intent.wave);
    if (shown) return shown;
    // Nothing that looks like a place ("le référent bpi ?"): where, rather than "no place matches".
    return read.reason === undefined || read.reason === 'no-place' || read.reason === 'empty' ? null : intent;
  }

  /** The commune (or else the territory) shown last, to look up again, in `wave` when given. */
  private placeShown(turn: Turn, wave: Wave | undefined): PlaceRequest | null {
    const { memory } = turn;
    const inWave = wave !== undefined ? { wave } : {};
    const commune = memory.communeCode ? this.deps.kb.geo.currentCommune(memory.communeCode) : undefined;
    if (commune) return { value: commune.code, label: commune.name, ...inWave };
    const territory = memory.territory ? this.deps.kb.territory(memory.territory.wave, memory.territory.id) : undefined;
    return territory ? { value: territory.name, label: territory.name, ...inWave } : null;
  }

  /** The flow that goes on with a place given now, if any. */
  private flowTakingPlace(pending: Question | undefined): FlowName | null {
    if (!pending) return null;
    switch (pending.ask) {
      case 'choice':
      case 'commune-in':
        return pending.flow ?? null;
      case 'place':
        return pending.flow;
      case 'field':
        return 'eligibility';
      case 'contact':
        return null;
    }
  }
}

// The key under which botbuilder-dialogs keeps, for the rest of a turn, the memory scopes'
// configuration its first DialogContext built (DialogStateManager's constructor).
const MEMORY_SCOPES_KEY = 'DialogStateManagerConfiguration';

/**
 * That configuration, kept across turns: building it costs each turn that uses the flows a service
 * collection and a settings schema check (about 5 % of an eligibility turn), and its scopes hold
 * no state of their own (they read the dialog context they are handed).
 */
interface MemoryScopes {
  configuration?: unknown;
}

/** What one turn works with: memory, a place reader remembered for the turn, and the flows' stack when needed. */
class Turn {
  private dc: DialogContext | null = null;
  private size: number | undefined;
  private readonly read = new Map<string, LookupResult>();

  private constructor(
    readonly context: TurnContext,
    readonly memory: ConversationMemory,
    private readonly deps: DialogDeps,
    private readonly flowSet: DialogSet,
    private readonly stackSize: () => Promise<number>,
    private readonly memoryScopes: MemoryScopes,
  ) {}

  static async start(context: TurnContext, deps: DialogDeps, flowSet: DialogSet, memoryScopes: MemoryScopes): Promise<Turn> {
    const memory = await deps.memory.get(context, {});
    const stackSize = async () => ((await deps.flows.get(context, { dialogStack: [] })).dialogStack ?? []).length;
    const turn = new Turn(context, memory, deps, flowSet, stackSize, memoryScopes);
    // A question of a flow whose stack is gone (state lost, or an older version's) is forgotten.
    if (memory.pending?.flow && !(await turn.flowActive())) delete memory.pending;
    return turn;
  }

  /** The resolver on this turn's text, once per text and list. */
  readonly places = (text: string, wave?: Wave): LookupResult => {
    const list = wave ?? this.deps.defaultWave;
    const key = `${list}|${text}`;
    let result = this.read.get(key);
    if (!result) this.read.set(key, (result = this.deps.lookup.resolve(text, { wave: list })));
    return result;
  };

  async flows(): Promise<DialogContext> {
    if (!this.dc) {
      const { turnState } = this.context;
      if (this.memoryScopes.configuration && !turnState.has(MEMORY_SCOPES_KEY)) turnState.set(MEMORY_SCOPES_KEY, this.memoryScopes.configuration);
      this.dc = await this.flowSet.createContext(this.context);
      this.memoryScopes.configuration ??= turnState.get(MEMORY_SCOPES_KEY);
    }
    return this.dc;
  }

  async flowActive(): Promise<boolean> {
    if (this.dc) return this.dc.activeDialog !== undefined;
    // Until the flows' context exists nothing changes their stack: read its size once.
    this.size ??= await this.stackSize();
    return this.size > 0;
  }

  waitingIn(flow: FlowName): boolean {
    return this.memory.pending?.flow === flow;
  }

  /** Ends whatever flow is in progress (a new request); the contact flow says its draft is dropped. */
  async endFlows(): Promise<void> {
    if (await this.flowActive()) await (await this.flows()).cancelAllDialogs(true);
    delete this.memory.pending;
  }
}
