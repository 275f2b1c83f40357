// "Schedule a meeting" (App Home, /meeting list): the schedule modal for inspection and the director
// (RULES.md §8); anyone else gets the reason in the modal.

import { shanghaiDate } from "../../../domain/dates.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { canOrganise } from "../../../services/meetings.ts";
import { scheduleModal } from "../../blocks/meetings.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { openLoading, replaceView } from "../../requestFlow.ts";
import { type ButtonArgs, clickOf } from "./shared.ts";

export function meetingScheduleOpenAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const click = clickOf(ctx, args);
    const viewId = await openLoading(click.d, args.body.trigger_id);
    if (!viewId) return;
    const lang = await click.lang();
    const view = (await canOrganise(ctx.db, click.userId))
      ? scheduleModal(lang, shanghaiDate(ctx.clock.now()))
      : messageView(lang, t(lang, "common.not_possible"), errorText(lang, { code: "MEETING.NOT_ORGANISER" }));
    await replaceView(click.d, viewId, view);
  };
}
