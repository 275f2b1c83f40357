// "Schedule a meeting" (App Home, /meeting list): the schedule modal for inspection and the director
// (RULES.md §8); anyone else gets the reason in the modal.

import { shanghaiDate } from "../../../domain/dates.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { canOrganise } from "../../../services/meetings.ts";
import { scheduleModal } from "../../blocks/meetings.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { type ButtonArgs, openModalFor } from "./shared.ts";

export function meetingScheduleOpenAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const opened = await openModalFor(ctx, args);
    if (!opened) return;
    const { d, viewId, userId, lang } = opened;
    const view = (await canOrganise(ctx.db, userId))
      ? scheduleModal(lang, shanghaiDate(ctx.clock.now()))
      : messageView(lang, t(lang, "common.not_possible"), errorText(lang, { code: "MEETING.NOT_ORGANISER" }));
    await replaceView(d, viewId, view);
  };
}
