// "对此有疑问" on the monthly private notice (RULES.md §8a): opens the question modal with the person's
// records of that month. The modal opens at once (a trigger_id lives 3 s); the notice is the clicker's
// own (the button carries the month only), and after the deadline, or for someone without a result,
// the answer is a message saying why instead of a form.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { questionableNotice } from "../../../services/noticeQuestions.ts";
import { questionModal } from "../../blocks/notice.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { openModalFor } from "./shared.ts";

export function noticeQuestionAction(ctx: ServiceContext) {
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
    const r = await questionableNotice(ctx, ctx.db, { month: String(action.value ?? ""), personId: userId });
    if (!r.ok)
      return replaceView(d, viewId, messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)));
    await replaceView(d, viewId, questionModal(lang, r.value));
  };
}
