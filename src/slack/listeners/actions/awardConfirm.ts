// "Confirm" on the director's quarter/year award proposal (RULES.md §5, §7): the proposal as it
// stands becomes confirmed, the message loses its buttons, and the awards are announced in the channel.
import { confirmAwards, loadAwardView } from "../../../services/closeQuarter.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { announcementMessage, confirmedNote, proposalMessage } from "../../blocks/awards.ts";
import { ackAfter, type ButtonArgs, clickOf } from "./shared.ts";

export function awardConfirmAction(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { action, client, respond } = args;
    const click = clickOf(ctx, args);
    const period = String(action.value ?? "");
    const r = await ackAfter(args, () => confirmAwards(ctx, { period, actor: click.userId }));
    if (!r.ok) {
      await click.refuse(r);
      return;
    }
    const lang = await click.lang();
    const view = await loadAwardView(ctx, period);
    const done = proposalMessage(lang, view);
    await respond({
      replace_original: true,
      text: done.text,
      blocks: [...done.blocks, confirmedNote(lang, click.userId)],
    });
    const center = await ctx.db.center.findUnique({ where: { id: 1 } });
    if (center)
      await client.chat.postMessage({ channel: center.channelId, ...announcementMessage("zh", view) });
  };
}
