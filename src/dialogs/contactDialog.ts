import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { OperatorId } from '../knowledge/types';
import type { DialogDeps } from './deps';
import { InterruptibleDialog } from './interruptible';

export const CONTACT_DIALOG = 'contactDialog';

export interface ContactDialogOptions {
  operator?: OperatorId;
}

/** Placeholder until the contact flow lands: says the feature is coming, stores nothing. */
export class ContactDialog extends InterruptibleDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CONTACT_DIALOG);
    this.addDialog(new WaterfallDialog('contactWaterfall', [this.step.bind(this)]));
    this.initialDialogId = 'contactWaterfall';
  }

  private async step(step: WaterfallStepContext): Promise<DialogTurnResult> {
    void this.deps;
    return step.endDialog();
  }
}

/** Answers "où en est ma demande ?". */
export async function answerRequestStatus(step: WaterfallStepContext, deps: DialogDeps): Promise<void> {
  void step;
  void deps;
}
