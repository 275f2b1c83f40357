// "Approve" on an approver's step message or App Home. The decision is idempotent in the database:
// a second click, another inspection member's click or a stale message changes nothing and says so.
import { decideStep } from "../../../services/approvals.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { decisionNotices, publishHome, refreshStepMessage } from "../../requestFlow.ts";
import { ackAfter, type ButtonArgs, buttonId, clickOf } from "./shared.ts";

export function stepApproveAction(ctx: ServiceContext) {
  return async (args: ButtonArgs) => {
    const { body, action } = args;
    const click = clickOf(ctx, args);
    const { userId, d } = click;
    const stepId = buttonId(action);
    // The decision and every message it brings are written together, before the ack (requestFlow.ts).
    const r = await ackAfter(args, () =>
      decideStep(ctx, { stepId, actorId: userId, decision: "approve" }, decisionNotices(ctx)),
    );
    if (!r.ok) {
      await click.refuse(r);
      if (r.code === "APPROVAL.ALREADY_DECIDED" || r.code === "APPROVAL.STALE")
        await refreshStepMessage(d, stepId);
    }
    if (body.container?.type === "view") await publishHome(d, userId);
  };
}
