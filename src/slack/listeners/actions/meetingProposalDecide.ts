// Confirm / Dismiss on inspection's review of a meeting's proposals (RULES.md §8: "confirmed by inspection
// like any record"): the record starts to count, or is dismissed. Every inspection member's copy is redrawn
// and a confirmed person told privately (queued with the change, meetingFlow.ts).
import type { ServiceContext } from "../../../services/context.ts";
import { decideMeetingProposal } from "../../../services/meetings.ts";
import { MEETING_PROPOSAL_CONFIRM } from "../../blocks/meetings.ts";
import { proposalNotices } from "../../meetingFlow.ts";
import { ackAfter, type ButtonArgs, buttonId, clickOf } from "./shared.ts";

export function meetingProposalDecideAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = clickOf(ctx, args);
    const r = await ackAfter(args, () =>
      decideMeetingProposal(
        ctx,
        {
          recordId: buttonId(args.action),
          actorId: click.userId,
          confirm: args.action.action_id === MEETING_PROPOSAL_CONFIRM,
        },
        proposalNotices(ctx),
      ),
    );
    if (!r.ok) await click.refuse(r);
  };
}
