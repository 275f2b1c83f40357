// "I'll attend" on the invitation or in the App Home (RULES.md §8): the leader's answer, changeable until
// the meeting starts. The invitation is redrawn with the answer (queued with the change, meetingFlow.ts);
// a delegate named before is told they are no longer needed.
import type { ServiceContext } from "../../../services/context.ts";
import { answerMeeting } from "../../../services/meetings.ts";
import { answerNotices } from "../../meetingFlow.ts";
import { publishHome } from "../../requestFlow.ts";
import { ackAfter, type ButtonArgs, buttonId, clickOf } from "./shared.ts";

export function meetingAttendAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = clickOf(ctx, args);
    const r = await ackAfter(args, () =>
      answerMeeting(
        ctx,
        { meetingId: buttonId(args.action), actorId: click.userId, answer: "attend" },
        answerNotices(ctx),
      ),
    );
    if (!r.ok) {
      await click.refuse(r);
      return;
    }
    if (args.body.container?.type === "view") await publishHome(click.d, click.userId);
  };
}
