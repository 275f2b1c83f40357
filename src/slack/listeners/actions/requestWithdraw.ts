// "Withdraw" on the requester's status message or App Home (RULES.md §3 五): only the requester, only
// before final; the approvers' messages and the status update in place.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { withdrawRequest } from "../../../services/approvals.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { errorText, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { afterWithdraw, publishHome, refreshStatus, tell } from "../../requestFlow.ts";

export function requestWithdrawAction(ctx: ServiceContext) {
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
    const lang = await userLang(client, ctx.db, userId);
    const reply = body.response_url ? respond : undefined;
    const requestId = Number(action.value);
    const r = await withdrawRequest(ctx, {
      requestId: Number.isSafeInteger(requestId) ? requestId : -1,
      actorId: userId,
    });
    if (!r.ok) {
      await tell(d, userId, errorText(lang, r), reply);
      // A stale status message (the request ended meanwhile) shows its real state.
      if (r.code === "REQUEST.FINAL") await refreshStatus(d, requestId);
    } else {
      await afterWithdraw(d, r.value);
      await tell(d, userId, t(lang, "req.status.withdrawn_ok", { id: requestId }), reply);
    }
    if (body.container?.type === "view") await publishHome(d, userId);
  };
}
