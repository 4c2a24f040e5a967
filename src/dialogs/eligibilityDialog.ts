import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from './deps';
import { InterruptibleDialog } from './interruptible';

export const ELIGIBILITY_DIALOG = 'eligibilityDialog';

export interface EligibilityDialogOptions {
  /** The user's message, when it already describes the firm. */
  text?: string;
}

/** Placeholder until the eligibility flow lands. */
export class EligibilityDialog extends InterruptibleDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ELIGIBILITY_DIALOG);
    this.addDialog(new WaterfallDialog('eligibilityWaterfall', [this.step.bind(this)]));
    this.initialDialogId = 'eligibilityWaterfall';
  }

  private async step(step: WaterfallStepContext): Promise<DialogTurnResult> {
    void this.deps;
    return step.endDialog();
  }
}
