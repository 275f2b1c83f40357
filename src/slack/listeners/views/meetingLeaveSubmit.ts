// Submission of the leave modal (RULES.md §8): the leader asks for leave naming a delegate of their own
// window, before the meeting starts. The invitation is redrawn and the delegate told (queued with the
// change, meetingFlow.ts). A refusal about the delegate is pinned to the picker.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import type { ServiceContext } from "../../../services/context.ts";
import { answerMeeting } from "../../../services/meetings.ts";
import { MEETING_INPUT } from "../../blocks/meetings.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { answerNotices } from "../../meetingFlow.ts";
import { publishHome } from "../../requestFlow.ts";
import { submissionOf } from "./metadata.ts";

const metaSchema = z.object({ meetingId: z.number().int().positive() });

const DELEGATE_CODES = new Set([
  "MEETING.DELEGATE_REQUIRED",
  "MEETING.DELEGATE_SELF",
  "MEETING.DELEGATE_OTHER_WINDOW",
]);

export function meetingLeaveSubmission(ctx: ServiceContext) {
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
    const delegateId =
      view.state.values[MEETING_INPUT.delegate]?.[MEETING_INPUT.delegate]?.selected_option?.value ?? null;
    const r = await answerMeeting(
      ctx,
      { meetingId: meta.meetingId, actorId: userId, answer: "leave", delegateId },
      answerNotices(ctx),
    );
    if (!r.ok) {
      if (DELEGATE_CODES.has(r.code))
        await ack({ response_action: "errors", errors: { [MEETING_INPUT.delegate]: errorText(lang, r) } });
      else
        await ack({
          response_action: "update",
          view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)),
        });
      return;
    }
    await ack({ response_action: "clear" });
    // Opened from the App Home: it shows the answer (a no-op for a Home the person never opened).
    await publishHome({ client, ctx, logger }, userId);
  };
}
