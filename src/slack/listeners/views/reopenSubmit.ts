// Submission of the "Reopen month" modal (RULES.md §4(4)): the same service as the CLI's `reopen`
// (director only, with a reason, logged); then inspection is told the month is open for corrections
// and the director's App Home shows it reopened.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { cleanText } from "../../../domain/text.ts";
import { enqueue } from "../../../jobs/outbox.ts";
import { auditCount } from "../../../services/auditLog.ts";
import { type ReopenOutcome, reopenPeriod } from "../../../services/closeMonth.ts";
import type { ServiceContext } from "../../../services/context.ts";
import type { Notify } from "../../../services/notify.ts";
import { inspectionMembers } from "../../../services/org.ts";
import { periodName } from "../../blocks/close.ts";
import { reopenedNotice } from "../../blocks/reopen.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { langIn, publishHome } from "../../requestFlow.ts";
import { submissionOf } from "./metadata.ts";

const metaSchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) });

export function reopenSubmission(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    view,
    client,
    logger,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const submission = await submissionOf(ctx, { ack, body, view, client, logger }, metaSchema);
    if (!submission) return;
    const { userId, lang, meta } = submission;
    const { month } = meta;
    const reason = cleanText(view.state.values.reason?.reason?.value ?? "");
    // Inspection is told through the outbox, in the reopen's own transaction (issue #9: nothing that
    // follows a state change is sent inline). The n-th reopen of the month has its own keys.
    const tellInspection: Notify<ReopenOutcome> = async (tx, o) => {
      const reopens = await auditCount(tx, { action: "period.reopen", entity: "Period", entityId: o.period });
      for (const to of await inspectionMembers(tx)) {
        const text = reopenedNotice(await langIn(tx, to), o.period, o.actor, o.reason);
        await enqueue(tx, { key: `reopen:${o.period}:${reopens}:${to}`, channel: to, text });
      }
    };
    const r = await reopenPeriod(ctx, { period: month, actor: userId, reason }, tellInspection);
    if (!r.ok) {
      if (r.code === "CLOSE.REASON_REQUIRED")
        await ack({ response_action: "errors", errors: { reason: errorText(lang, r) } });
      else
        await ack({
          response_action: "update",
          view: messageView(
            lang,
            t(lang, "common.not_possible"),
            r.code === "CLOSE.NOT_DIRECTOR" ? t(lang, "close.reopen.not_director") : errorText(lang, r),
          ),
        });
      return;
    }
    await ack({
      response_action: "update",
      view: messageView(
        lang,
        t(lang, "close.reopen.done_title"),
        t(lang, "close.reopen.done", { month: periodName(lang, month), code: month }),
      ),
    });
    await publishHome({ client, ctx, logger }, userId);
  };
}
