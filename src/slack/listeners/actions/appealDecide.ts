// Uphold / Revoke on the reviewer's appeal DM (RULES.md §8a): opens the modal asking the note. Someone
// who may not decide it, or an appeal already decided, is told why instead of a form.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { getAppeal } from "../../../services/appeals.ts";
import { isDirector } from "../../../services/closeMonth.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { APPEAL_REVOKE, appealDecideModal } from "../../blocks/appeals.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { buttonId, openModalFor } from "./shared.ts";

export function appealDecideAction(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    action,
    client,
    logger,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    const opened = await openModalFor(ctx, { ack, body, client, logger });
    if (!opened) return;
    const { d, viewId, userId, lang } = opened;
    const id = buttonId(action);
    const found = await getAppeal(ctx.db, id);
    const refusal = !found
      ? { code: "APPEALS.NOT_FOUND", detail: { id } }
      : found.appeal.reviewerId !== userId && !(await isDirector(ctx, userId))
        ? { code: "APPEALS.NOT_REVIEWER", detail: { id, reviewer: found.appeal.reviewerId } }
        : found.appeal.state !== "open"
          ? { code: "APPEALS.ALREADY_DECIDED", detail: { id, state: found.appeal.state } }
          : null;
    if (refusal)
      return replaceView(
        d,
        viewId,
        messageView(lang, t(lang, "common.not_possible"), errorText(lang, refusal)),
      );
    const decision = action.action_id === APPEAL_REVOKE ? "revoke" : "uphold";
    await replaceView(d, viewId, appealDecideModal(lang, id, decision));
  };
}
