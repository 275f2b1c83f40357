// "Withdraw" on the requester's status message or App Home (RULES.md §3 五): only the requester, only
// before final; the approvers' messages and the status update in place.
import { withdrawRequest } from "../../../services/approvals.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { t } from "../../i18n/index.ts";
import { publishHome, refreshStatus, withdrawNotices } from "../../requestFlow.ts";
import { ackAfter, type ButtonArgs, buttonId, clickOf } from "./shared.ts";

export function requestWithdrawAction(ctx: ServiceContext) {
  return async (args: ButtonArgs) => {
    const { body, action } = args;
    const click = clickOf(ctx, args);
    const { userId, d } = click;
    const requestId = buttonId(action);
    const r = await ackAfter(args, () =>
      withdrawRequest(ctx, { requestId, actorId: userId }, withdrawNotices(ctx)),
    );
    if (!r.ok) {
      await click.refuse(r);
      // A stale status message (the request ended meanwhile) shows its real state.
      if (r.code === "REQUEST.FINAL") await refreshStatus(d, requestId);
    } else {
      await click.tell(t(await click.lang(), "req.status.withdrawn_ok", { id: requestId }));
    }
    if (body.container?.type === "view") await publishHome(d, userId);
  };
}
