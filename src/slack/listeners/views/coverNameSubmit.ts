// Submission of the "Name cover" modal (RULES.md §3 五): the window leader names who covers the post;
// the service writes it with an AuditLog row, then the cover is told and the messages updated.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { COVER_PERSON_CODES } from "../../../services/absences.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { nameCover } from "../../../services/cover.ts";
import { messageView } from "../../blocks/requests.ts";
import { coverNotices } from "../../coverFlow.ts";
import { errorText, t } from "../../i18n/index.ts";
import { submissionOf } from "./metadata.ts";

/** Built by coverNameAction: the request, and the reminder message to update (a channel id and a ts). */
const metaSchema = z.object({
  requestId: z.number().int().positive(),
  channel: z
    .string()
    .regex(/^[CDG][A-Z0-9]{2,20}$/)
    .optional(),
  ts: z
    .string()
    .regex(/^\d{1,12}\.\d{1,8}$/)
    .optional(),
});

/** Codes pinned to the person picker; any other refusal replaces the modal with the reason. */
const FIELD_CODES = new Set(["COVER.REQUIRED", ...COVER_PERSON_CODES]);

export function coverNameSubmission(ctx: ServiceContext) {
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
    // The notices are queued with the change (coverFlow.ts), so nothing after the ack can lose them.
    const r = await nameCover(
      ctx,
      {
        requestId: meta.requestId,
        actorId: userId,
        coverId: view.state.values.cover?.cover?.selected_user ?? null,
      },
      coverNotices(ctx, userId, meta),
    );
    if (!r.ok) {
      if (FIELD_CODES.has(r.code))
        await ack({ response_action: "errors", errors: { cover: errorText(lang, r) } });
      else
        await ack({
          response_action: "update",
          view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)),
        });
      return;
    }
    await ack({ response_action: "clear" });
  };
}
