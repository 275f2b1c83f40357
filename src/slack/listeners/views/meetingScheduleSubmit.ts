// Submission of the schedule modal (RULES.md §8): the service checks and writes the meeting and one invite
// per active window leader; the invitations and the organiser's receipt are queued with it. A refusal
// about one field is pinned to that field; any other replaces the modal with the reason.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { scheduleMeeting } from "../../../services/meetings.ts";
import { MEETING_INPUT } from "../../blocks/meetings.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { scheduledNotices } from "../../meetingFlow.ts";

/** The field a refusal is about, by code (TEXT_* name theirs in the detail). */
const FIELD_OF: Record<string, string> = {
  "MEETING.BAD_DATE": MEETING_INPUT.date,
  "MEETING.PAST": MEETING_INPUT.date,
  "MEETING.BAD_TIME": MEETING_INPUT.time,
};

export function meetingScheduleSubmission(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const userId = body.user.id;
    const lang = await userLang(client, ctx.db, userId);
    const v = view.state.values;
    const r = await scheduleMeeting(
      ctx,
      {
        actorId: userId,
        date: v[MEETING_INPUT.date]?.[MEETING_INPUT.date]?.selected_date ?? "",
        time: v[MEETING_INPUT.time]?.[MEETING_INPUT.time]?.selected_time ?? "",
        place: v[MEETING_INPUT.place]?.[MEETING_INPUT.place]?.value ?? "",
        topic: v[MEETING_INPUT.topic]?.[MEETING_INPUT.topic]?.value ?? "",
      },
      scheduledNotices(ctx),
    );
    if (r.ok) {
      await ack({ response_action: "clear" });
      return;
    }
    const field =
      FIELD_OF[r.code] ??
      (r.code.startsWith("MEETING.TEXT_")
        ? MEETING_INPUT[String(r.detail?.field) as "place" | "topic"]
        : undefined);
    if (field) await ack({ response_action: "errors", errors: { [field]: errorText(lang, r) } });
    else
      await ack({
        response_action: "update",
        view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)),
      });
  };
}
