// "Reject", "Approve and name cover" and "Record paper opinion" open a modal (reason, cover, the paper
// opinion). The modal opens at once (trigger_id lives 3 s); a click that cannot decide (already decided,
// not yours, own request) gets the reason in the modal instead of a form.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { checkDecider } from "../../../services/approvals.ts";
import type { ServiceContext } from "../../../services/context.ts";
import {
  coverModal,
  type DecisionModalMeta,
  outsideModal,
  rejectModal,
  STEP_COVER,
  STEP_OUTSIDE,
} from "../../blocks/approvals.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { openLoading, refreshStepMessage, replaceView, stepView } from "../../requestFlow.ts";

export function stepDecisionModalAction(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    action,
    client,
    logger,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const d = { client, ctx, logger };
    const viewId = await openLoading(d, body.trigger_id);
    if (!viewId) return;
    const userId = body.user.id;
    const lang = await userLang(client, ctx.db, userId);
    const stepId = Number(action.value);
    const check = await checkDecider(ctx.db, Number.isSafeInteger(stepId) ? stepId : -1, userId);
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
      action.action_id === STEP_COVER
        ? coverModal(lang, v, meta)
        : action.action_id === STEP_OUTSIDE
          ? outsideModal(lang, v, meta)
          : rejectModal(lang, v, meta);
    await replaceView(d, viewId, modal);
  };
}
