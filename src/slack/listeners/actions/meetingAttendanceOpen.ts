// "Take attendance" (App Home, /meeting list): inspection's one view of the meeting's attendance, once the
// meeting has started (RULES.md §8). Anyone else, or too early, gets the reason in the modal.
import type { ServiceContext } from "../../../services/context.ts";
import { checkAttendanceTaker } from "../../../services/meetings.ts";
import { attendanceModal } from "../../blocks/meetings.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { type ButtonArgs, buttonId, openModalFor } from "./shared.ts";

export function meetingAttendanceOpenAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const opened = await openModalFor(ctx, args);
    if (!opened) return;
    const { d, viewId, userId, lang } = opened;
    const check = await checkAttendanceTaker(ctx, buttonId(args.action), userId);
    await replaceView(
      d,
      viewId,
      check.ok
        ? attendanceModal(lang, check.value)
        : messageView(lang, t(lang, "common.not_possible"), errorText(lang, check)),
    );
  };
}
