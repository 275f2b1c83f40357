// "Confirm" on the director's quarter/year award proposal (RULES.md §5, §7): the proposal as it
// stands becomes confirmed, the message loses its buttons, and the awards are announced in the channel.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { confirmAwards, loadAwardView } from "../../../services/closeQuarter.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { announcementMessage, confirmedNote, proposalMessage } from "../../blocks/awards.ts";
import { errorText } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";

export function awardConfirmAction(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const lang = await userLang(client, ctx.db, body.user.id);
    const period = String(action.value ?? "");
    const r = await confirmAwards(ctx, { period, actor: body.user.id });
    if (!r.ok) {
      await respond({ response_type: "ephemeral", replace_original: false, text: errorText(lang, r) });
      return;
    }
    const view = await loadAwardView(ctx, period);
    const done = proposalMessage(lang, { ...view, editing: false });
    await respond({
      replace_original: true,
      text: done.text,
      blocks: [...done.blocks, confirmedNote(lang, body.user.id)],
    });
    const center = await ctx.db.center.findUnique({ where: { id: 1 } });
    if (center)
      await client.chat.postMessage({ channel: center.channelId, ...announcementMessage("zh", view) });
  };
}
