// Confirm / Dismiss on a transfer recommendation (RULES.md §4(4), §8): the director or the deputy
// director decides once (idempotent in the database); a confirmed one is announced in the center's
// channel, a dismissed one never leaves the two of them.
import { enqueue, wakeOutbox } from "../../../jobs/outbox.ts";
import { decideTransfer, type TransferOutcome } from "../../../services/closeMonth.ts";
import type { ServiceContext } from "../../../services/context.ts";
import type { Notify } from "../../../services/notify.ts";
import { centerRow, personWithWindowName } from "../../../services/orgLookups.ts";
import { TRANSFER_CONFIRM, transferAnnouncement, transferDecided } from "../../blocks/close.ts";
import type { KnownBlock } from "../../blocks/requests.ts";
import { ackAfter, type ButtonArgs, buttonId, clickOf } from "./shared.ts";

/** decideTransfer's notify: a confirmed transfer is announced in the channel, queued with the decision. */
function transferNotices(ctx: ServiceContext): Notify<TransferOutcome> {
  return async (tx, o) => {
    if (!o.announce) return;
    const [center, person] = await Promise.all([centerRow(tx), personWithWindowName(tx, o.personId)]);
    if (!center) return;
    const msg = transferAnnouncement("zh", person?.name ?? o.personId, person?.windowName ?? "");
    await enqueue(tx, { key: `transfer:${o.awardId}:announce`, channel: center.channelId, ...msg });
    wakeOutbox(ctx.db);
  };
}

export function transferDecisionAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { body, action, respond } = args;
    const click = clickOf(ctx, args);
    const r = await ackAfter(args, () =>
      decideTransfer(
        ctx,
        {
          awardId: buttonId(action),
          actor: click.userId,
          decision: action.action_id === TRANSFER_CONFIRM ? "confirm" : "dismiss",
        },
        transferNotices(ctx),
      ),
    );
    if (!r.ok) {
      await click.refuse(r);
      return;
    }
    const original = ((body.message as { blocks?: KnownBlock[] } | undefined)?.blocks ?? []) as KnownBlock[];
    await respond({
      replace_original: true,
      ...transferDecided(await click.lang(), original, r.value.state === "confirmed", click.userId),
    });
  };
}
