// Submission of the attendance modal (RULES.md §8): who came (the ticked leaders and delegates of every
// checkbox group) and the minutes file, if one was put in. The service marks the invites, proposes
// S-ATT-LEADERMEET / S-ATT-DELEGATE for inspection to confirm, and the attendance goes to the channel
// (meetingFlow.ts, queued with the change). The minutes are kept by Slack file id (Attachment).
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import type { ServiceContext } from "../../../services/context.ts";
import { takeAttendance } from "../../../services/meetings.ts";
import { MEETING_INPUT } from "../../blocks/meetings.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { attendanceNotices } from "../../meetingFlow.ts";
import { publishHome } from "../../requestFlow.ts";
import { submissionOf } from "./metadata.ts";

const metaSchema = z.object({ meetingId: z.number().int().positive() });

export function meetingAttendanceSubmission(ctx: ServiceContext) {
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
    const present: string[] = [];
    let minutes: { fileId: string; name?: string; mimetype?: string } | null = null;
    for (const [blockId, block] of Object.entries(view.state.values)) {
      if (blockId.startsWith(`${MEETING_INPUT.present}_`))
        for (const o of block[MEETING_INPUT.present]?.selected_options ?? []) present.push(o.value);
      if (blockId === MEETING_INPUT.minutes) {
        const f = block[MEETING_INPUT.minutes]?.files?.[0];
        if (f?.id) minutes = { fileId: f.id, name: f.name ?? "", mimetype: f.mimetype ?? "" };
      }
    }
    const r = await takeAttendance(
      ctx,
      { meetingId: meta.meetingId, actorId: userId, present, minutes },
      attendanceNotices(ctx),
    );
    if (!r.ok) {
      await ack({
        response_action: "update",
        view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)),
      });
      return;
    }
    await ack({ response_action: "clear" });
    await publishHome({ client, ctx, logger }, userId);
  };
}
