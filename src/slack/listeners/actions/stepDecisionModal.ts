// "Reject", "同意并填写意见" (and "Approve and name cover" on older messages) and "Record paper opinion"
// open a modal (reason; note and, at the window leader's opinion, cover; the paper opinion). The modal opens at once (trigger_id lives 3 s); a click that cannot decide (already decided,
// not yours, own request) gets the reason in the modal instead of a form.
import { checkDecider } from "../../../services/approvals.ts";
import type { ServiceContext } from "../../../services/context.ts";
import {
  approveModal,
  type DecisionModalMeta,
  outsideModal,
  rejectModal,
  STEP_APPROVE_NOTE,
  STEP_COVER,
  STEP_OUTSIDE,
} from "../../blocks/approvals.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { refreshStepMessage, replaceView, stepView } from "../../requestFlow.ts";
import { type ButtonArgs, buttonId, openModalFor } from "./shared.ts";

export function stepDecisionModalAction(ctx: ServiceContext) {
  return async (args: ButtonArgs) => {
    const { body, action } = args;
    const opened = await openModalFor(ctx, args);
    if (!opened) return;
    const { d, viewId, userId, lang } = opened;
    const stepId = buttonId(action);
    const check = await checkDecider(ctx.db, stepId, userId);
    if (!check.ok) {
      await replaceView(d, viewId, messageView(lang, t(lang, "common.not_possible"), errorText(lang, check)));
      if (check.code === "APPROVAL.ALREADY_DECIDED" || check.code === "APPROVAL.STALE")
        await refreshStepMessage(d, stepId);
      return;
    }
    const v = await stepView(d, stepId);
    if (!v) return;
    const meta: DecisionModalMeta = { stepId, ...(body.container?.type === "view" ? { home: true } : {}) };
    const modal =
      action.action_id === STEP_APPROVE_NOTE || action.action_id === STEP_COVER
        ? approveModal(lang, v, meta)
        : action.action_id === STEP_OUTSIDE
          ? outsideModal(lang, v, meta)
          : rejectModal(lang, v, meta);
    await replaceView(d, viewId, modal);
  };
}
