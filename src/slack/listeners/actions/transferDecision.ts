// Confirm / Dismiss on a transfer recommendation (RULES.md §4(4), §8): the director or the deputy
// director decides once (idempotent in the database); a confirmed one is announced in the center's
// channel, a dismissed one never leaves the two of them.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { decideTransfer } from "../../../services/closeMonth.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { TRANSFER_CONFIRM, transferAnnouncement, transferDecided } from "../../blocks/close.ts";
import type { KnownBlock } from "../../blocks/requests.ts";
import { errorText } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";

export function transferDecisionAction(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const lang = await userLang(client, ctx.db, body.user.id);
    const awardId = Number(action.value);
    const r = await decideTransfer(ctx, {
      awardId: Number.isSafeInteger(awardId) ? awardId : -1,
      actor: body.user.id,
      decision: action.action_id === TRANSFER_CONFIRM ? "confirm" : "dismiss",
    });
    if (!r.ok) {
      await respond({ response_type: "ephemeral", replace_original: false, text: errorText(lang, r) });
      return;
    }
    const original = ((body.message as { blocks?: KnownBlock[] } | undefined)?.blocks ?? []) as KnownBlock[];
    await respond({
      replace_original: true,
      ...transferDecided(lang, original, r.value.state === "confirmed", body.user.id),
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
