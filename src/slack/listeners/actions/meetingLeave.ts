// "Ask for leave" on the invitation or in the App Home (RULES.md §8): the modal naming the delegate from an
// options list of the leader's window. A click that cannot ask (not invited, the meeting started, nobody
// else in the window) gets the reason in the modal instead.
import type { ServiceContext } from "../../../services/context.ts";
import { checkAnswerer } from "../../../services/meetings.ts";
import { leaveModal } from "../../blocks/meetings.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { type ButtonArgs, buttonId, openModalFor } from "./shared.ts";

export function meetingLeaveAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const opened = await openModalFor(ctx, args);
    if (!opened) return;
    const { d, viewId, userId, lang } = opened;
    const check = await checkAnswerer(ctx, buttonId(args.action), userId);
    if (!check.ok || check.value.candidates.length === 0) {
      const text = errorText(lang, check.ok ? { code: "MEETING.NO_DELEGATE_AVAILABLE" } : check);
      await replaceView(d, viewId, messageView(lang, t(lang, "common.not_possible"), text));
      return;
    }
    const { meeting, invite, candidates } = check.value;
    await replaceView(d, viewId, leaveModal(lang, meeting, candidates, invite.delegateId));
  };
}
