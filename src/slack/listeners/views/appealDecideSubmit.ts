// Submission of the reviewer's note (RULES.md §8a): the appeal is upheld or the record revoked (through
// the records' revoke, in the same transaction), and the reviewer's DM, the appellant and the filer are
// told through the outbox (src/slack/appealFlow.ts). A revoke in a closed month changes nothing: the
// director is asked to reopen the month (with the Reopen button) and the reviewer is told to revoke again
// once it is reopened.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { decideAppeal } from "../../../services/appeals.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { appealDecidedNotices, askDirectorToReopen } from "../../appealFlow.ts";
import { APPEAL_DECIDE_MODAL, appealDecidedLine } from "../../blocks/appeals.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { submissionOf } from "./metadata.ts";

const metaSchema = z.object({ a: z.number().int(), d: z.enum(["uphold", "revoke"]) });

export function appealDecideSubmission(ctx: ServiceContext) {
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
    const note = view.state.values[APPEAL_DECIDE_MODAL.block]?.[APPEAL_DECIDE_MODAL.action]?.value ?? "";
    const r = await decideAppeal(
      ctx,
      { actor: userId, appealId: meta.a, decision: meta.d, note },
      appealDecidedNotices(ctx),
    );
    if (!r.ok) {
      if (r.code === "APPEALS.NOTE_REQUIRED" || r.code === "APPEALS.TOO_LONG") {
        await ack({ response_action: "errors", errors: { [APPEAL_DECIDE_MODAL.block]: errorText(lang, r) } });
        return;
      }
      if (r.code === "APPEALS.MONTH_CLOSED") {
        await askDirectorToReopen(ctx, meta.a, userId);
        const month = String(r.detail?.month ?? "");
        await ack({
          response_action: "update",
          view: messageView(
            lang,
            t(lang, "common.not_possible"),
            t(lang, "appeals.ask_reopen_sent", { month }),
          ),
        });
        return;
      }
      await ack({
        response_action: "update",
        view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)),
      });
      return;
    }
    await ack({
      response_action: "update",
      view: messageView(
        lang,
        t(lang, "appeals.decided_title"),
        appealDecidedLine(lang, r.value.appeal, r.value.record),
      ),
    });
  };
}
