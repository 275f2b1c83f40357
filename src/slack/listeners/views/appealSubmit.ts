// Submission of the appeal modal (RULES.md §8a): the appeal is filed and, in the same transaction, the
// reviewer's DM (with Uphold / Revoke) and the filer's notice are queued (src/slack/appealFlow.ts). An
// empty or long reason is an error on the field; any other refusal replaces the modal with why.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { fileAppeal } from "../../../services/appeals.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { appealFiledNotices } from "../../appealFlow.ts";
import { APPEAL_MODAL } from "../../blocks/appeals.ts";
import { mention, messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { publishHome } from "../../requestFlow.ts";
import { submissionOf } from "./metadata.ts";

const metaSchema = z.object({ r: z.number().int() });

export function appealSubmission(ctx: ServiceContext) {
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
    // The service cleans the reason (cleanText) and bounds it.
    const reason = view.state.values[APPEAL_MODAL.block]?.[APPEAL_MODAL.action]?.value ?? "";
    const r = await fileAppeal(ctx, { actor: userId, recordId: meta.r, reason }, appealFiledNotices(ctx));
    if (!r.ok) {
      if (r.code === "APPEALS.REASON_REQUIRED" || r.code === "APPEALS.TOO_LONG")
        await ack({ response_action: "errors", errors: { [APPEAL_MODAL.block]: errorText(lang, r) } });
      else
        await ack({
          response_action: "update",
          view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)),
        });
      return;
    }
    const { appeal, record } = r.value;
    await ack({
      response_action: "update",
      view: messageView(
        lang,
        t(lang, "appeals.filed_title"),
        t(lang, "appeals.filed", { id: record.id, appeal: appeal.id, reviewer: mention(appeal.reviewerId) }),
      ),
    });
    await publishHome({ client, ctx, logger }, userId);
  };
}
