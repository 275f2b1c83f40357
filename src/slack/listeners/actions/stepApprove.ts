// "Approve" on an approver's step message or App Home. The decision is idempotent in the database:
// a second click, another inspection member's click or a stale message changes nothing and says so.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { decideStep } from "../../../services/approvals.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { errorText } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { afterDecision, publishHome, refreshStepMessage, tell } from "../../requestFlow.ts";

export function stepApproveAction(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
    logger,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const userId = body.user.id;
    const d = { client, ctx, logger };
    const stepId = Number(action.value);
    const r = await decideStep(ctx, {
      stepId: Number.isSafeInteger(stepId) ? stepId : -1,
      actorId: userId,
      decision: "approve",
    });
    if (!r.ok) {
      const lang = await userLang(client, ctx.db, userId);
      await tell(d, userId, errorText(lang, r), body.response_url ? respond : undefined);
      if (r.code === "APPROVAL.ALREADY_DECIDED" || r.code === "APPROVAL.STALE")
        await refreshStepMessage(d, stepId);
    } else {
      await afterDecision(d, r.value);
    }
    if (body.container?.type === "view") await publishHome(d, userId);
  };
}
