// "Reopen month" in the director's App Home (RULES.md §4(4)): opens the modal asking the reason. The
// modal opens at once (a trigger_id lives 3 s); anyone but the director is told politely that only the
// director can reopen; a month no longer closed says so instead of asking.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { isMonth } from "../../../domain/dates.ts";
import { isDirector } from "../../../services/closeMonth.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { periodRow } from "../../../services/monthStates.ts";
import { reopenModal } from "../../blocks/reopen.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { openModalFor } from "./shared.ts";

export function reopenMonthAction(ctx: ServiceContext) {
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
    const refuse = (text: string) =>
      replaceView(d, viewId, messageView(lang, t(lang, "common.not_possible"), text));
    if (!(await isDirector(ctx, userId))) return refuse(t(lang, "close.reopen.not_director"));
    const month = String(action.value ?? "");
    if (!isMonth(month)) return refuse(errorText(lang, { code: "CLOSE.BAD_MONTH", detail: { month } }));
    const period = await periodRow(ctx.db, month);
    if (period?.state !== "closed")
      return refuse(errorText(lang, { code: "CLOSE.NOT_CLOSED", detail: { period: month } }));
    await replaceView(d, viewId, reopenModal(lang, month, period.closedAt));
  };
}
