// Submission of the "Reopen month" modal (RULES.md §4(4)): the same service as the CLI's `reopen`
// (director only, with a reason, logged); then inspection is told the month is open for corrections
// and the director's App Home shows it reopened.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { reopenPeriod } from "../../../services/closeMonth.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { inspectionMembers } from "../../../services/org.ts";
import { periodName } from "../../blocks/close.ts";
import { reopenedNotice } from "../../blocks/reopen.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { publishHome } from "../../requestFlow.ts";

const metaSchema = z.object({ month: z.string() });

export function reopenSubmission(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    view,
    client,
    logger,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const userId = body.user.id;
    const lang = await userLang(client, ctx.db, userId);
    let month: string;
    try {
      month = metaSchema.parse(JSON.parse(view.private_metadata)).month;
    } catch {
      await ack({
        response_action: "update",
        view: messageView(lang, t(lang, "common.not_possible"), t(lang, "error.internal")),
      });
      return;
    }
    const reason = view.state.values.reason?.reason?.value ?? "";
    const r = await reopenPeriod(ctx, { period: month, actor: userId, reason });
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
    const d = { client, ctx, logger };
    const tellInspector = async (to: string) => {
      try {
        const l = await userLang(client, ctx.db, to);
        await client.chat.postMessage({ channel: to, text: reopenedNotice(l, month, userId, reason.trim()) });
      } catch (e) {
        logger.warn(`reopen: DM to ${to} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    await Promise.all([...(await inspectionMembers(ctx.db)).map(tellInspector), publishHome(d, userId)]);
  };
}
