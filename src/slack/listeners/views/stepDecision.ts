// Submissions of the decision modals: reject (reason), approve with a note (审批意见, optional) and, at
// the window leader's opinion, the cover (RULES.md §3 五), and an outside approver's paper opinion
// recorded by inspection (§1).
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { cleanText } from "../../../domain/text.ts";
import { COVER_PERSON_CODES } from "../../../services/absences.ts";
import { type DecideInput, decideStep } from "../../../services/approvals.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { APPROVE_CALLBACK, COVER_CALLBACK, OUTSIDE_CALLBACK } from "../../blocks/approvals.ts";
import { messageView } from "../../blocks/requests.ts";
import { sickDecisionInput, sickErrorField } from "../../blocks/sick.ts";
import { errorText, t } from "../../i18n/index.ts";
import { decisionNotices, publishHome, refreshStepMessage } from "../../requestFlow.ts";
import { submissionOf } from "./metadata.ts";

const metaSchema = z.object({ stepId: z.number().int().positive(), home: z.boolean().optional() });

const NOTE_CODES = new Set(["APPROVAL.REASON_REQUIRED", "APPROVAL.NOTE_REQUIRED", "APPROVAL.NOTE_TOO_LONG"]);
const COVER_CODES = new Set(["APPROVAL.COVER_NOT_ALLOWED", ...COVER_PERSON_CODES]);

export function stepDecisionSubmission(ctx: ServiceContext) {
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
    const d = { client, ctx, logger };
    const v = view.state.values;
    const typed = v.note?.note?.value;
    const note = typed == null ? null : cleanText(typed);
    const input: DecideInput = { stepId: meta.stepId, actorId: userId, decision: "reject", note };
    // COVER_CALLBACK: a cover modal opened before approveModal replaced it (same fields).
    const approving = view.callback_id === APPROVE_CALLBACK || view.callback_id === COVER_CALLBACK;
    if (approving) {
      input.decision = "approve";
      input.coverId = v.cover?.cover?.selected_user ?? null;
      // A sick leave: the doctor's period, the period approved, the certificates checked (§3 二).
      input.sick = sickDecisionInput(v);
    } else if (view.callback_id === OUTSIDE_CALLBACK) {
      input.decision = v.decision?.decision?.selected_option?.value === "reject" ? "reject" : "approve";
    }
    const r = await decideStep(ctx, input, decisionNotices(ctx));
    if (!r.ok) {
      if (NOTE_CODES.has(r.code)) {
        await ack({ response_action: "errors", errors: { note: errorText(lang, r) } });
      } else if (COVER_CODES.has(r.code) && approving) {
        await ack({ response_action: "errors", errors: { cover: errorText(lang, r) } });
      } else if (approving && input.sick && sickErrorField(r.code, input.sick)) {
        const field = sickErrorField(r.code, input.sick) as string;
        await ack({ response_action: "errors", errors: { [field]: errorText(lang, r) } });
      } else {
        await ack({
          response_action: "update",
          view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)),
        });
        if (r.code === "APPROVAL.ALREADY_DECIDED" || r.code === "APPROVAL.STALE")
          await refreshStepMessage(d, meta.stepId);
      }
      return;
    }
    await ack({ response_action: "clear" });
    if (meta.home) await publishHome(d, userId);
  };
}
