// The close modal's "结算" (RULES.md §4(4); CLI `close-month`): the month chosen is closed with the
// scheduler's close flow — results frozen, the channel's ranking, everyone's private notice and the
// workbooks queued in the close's transaction — by a member of inspection or the director, with the
// note logged. A close can outlast Slack's 3 seconds at a large center: the modal then says "closing"
// and shows the outcome when it is done. The App Home shows the month closed afterwards.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { DEFAULT_EXPORT_DIR } from "../../../jobs/closeFlow.ts";
import { closeMonthJob } from "../../../jobs/closeWorker.ts";
import { wakeOutbox } from "../../../jobs/outbox.ts";
import { checkCloseRequest } from "../../../services/admin.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { answerSubmission, blockOf, type SubmissionAnswer, stateValue } from "../../adminFlow.ts";
import { CLOSE_FIELDS, closeDoneView, workingView } from "../../blocks/admin.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { publishHome } from "../../requestFlow.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function adminCloseSubmission(ctx: ServiceContext, opts: { exportDir?: string } = {}) {
  return async ({ ack, body, view, client, logger }: Args): Promise<void> => {
    const userId = body.user.id;
    const lang = await userLang(client, ctx.db, userId);
    const values = view.state.values as unknown as Record<string, Record<string, unknown>>;
    const month =
      stateValue<{ selected_option?: { value?: string } | null }>(values, CLOSE_FIELDS.month.action)
        ?.selected_option?.value ?? "";
    const reason = stateValue<{ value?: string | null }>(values, CLOSE_FIELDS.reason.action)?.value ?? "";
    const on = (actionId: string) => blockOf(view, actionId) ?? actionId;
    const notPossible = (text: string) => messageView(lang, t(lang, "common.not_possible"), text);
    const c = await checkCloseRequest(ctx, { actor: userId, month, reason });
    if (!c.ok) {
      const field =
        c.code === "ADMIN.CLOSE_REASON_REQUIRED"
          ? CLOSE_FIELDS.reason.action
          : c.code === "CLOSE.BAD_MONTH"
            ? CLOSE_FIELDS.month.action
            : null;
      await ack(
        field
          ? { response_action: "errors", errors: { [on(field)]: errorText(lang, c) } }
          : { response_action: "update", view: notPossible(errorText(lang, c)) },
      );
      return;
    }
    const d = { client, ctx, logger };
    const work = (async (): Promise<SubmissionAnswer> => {
      // In a worker thread in the bot (ctx.closeWorker): other people's clicks are acked meanwhile.
      const r = await closeMonthJob(ctx, c.value.month, {
        actor: userId,
        reason: c.value.reason,
        exportDir: opts.exportDir ?? DEFAULT_EXPORT_DIR,
      });
      if (!r.ok)
        return {
          view: notPossible(errorText(lang, r)),
          errors: { [on(CLOSE_FIELDS.month.action)]: errorText(lang, r) },
        };
      if (r.value.kind !== "closed")
        return {
          view: notPossible(errorText(lang, { code: "CLOSE.ALREADY_CLOSED", detail: { period: month } })),
        };
      wakeOutbox(ctx.db);
      const closed = r.value;
      return {
        view: closeDoneView(lang, {
          month: closed.month,
          closings: closed.closings,
          corrected: closed.corrected,
          headCount: closed.headCount,
        }),
      };
    })();
    const answer = await answerSubmission(
      { ack, body, client, logger },
      d,
      workingView(lang, t(lang, "manage.close.working_title"), t(lang, "manage.close.working")),
      work,
    );
    if (!answer.errors) await publishHome(d, userId);
  };
}
