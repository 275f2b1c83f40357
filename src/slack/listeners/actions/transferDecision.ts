// Confirm / Dismiss on a transfer recommendation (RULES.md §4(4), §8): the director or the deputy
// director decides once (idempotent in the database); a confirmed one is announced in the center's
// channel, a dismissed one never leaves the two of them.
import { decideTransfer } from "../../../services/closeMonth.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { TRANSFER_CONFIRM, transferAnnouncement, transferDecided } from "../../blocks/close.ts";
import type { KnownBlock } from "../../blocks/requests.ts";
import { ackAfter, type ButtonArgs, buttonId, clickOf } from "./shared.ts";

export function transferDecisionAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { body, action, client, respond } = args;
    const click = clickOf(ctx, args);
    const r = await ackAfter(args, () =>
      decideTransfer(ctx, {
        awardId: buttonId(action),
        actor: click.userId,
        decision: action.action_id === TRANSFER_CONFIRM ? "confirm" : "dismiss",
      }),
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
    if (!r.value.announce) return;
    const [center, person] = await Promise.all([
      ctx.db.center.findUnique({ where: { id: 1 } }),
      ctx.db.person.findUnique({ where: { id: r.value.personId }, include: { window: true } }),
    ]);
    if (!center) return;
    const msg = transferAnnouncement("zh", person?.name ?? r.value.personId, person?.window?.name ?? "");
    await client.chat.postMessage({ channel: center.channelId, ...msg });
  };
}
