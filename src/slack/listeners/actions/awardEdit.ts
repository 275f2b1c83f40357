// "Edit" / "Done" on the director's award proposal: the same message switches to (or from) the edit
// view, with Remove beside each proposed name and Add beside eligible candidates.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { isDirector } from "../../../services/closeMonth.ts";
import { loadAwardView } from "../../../services/closeQuarter.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { AWARDS_EDIT, proposalMessage } from "../../blocks/awards.ts";
import { errorText } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";

export function awardEditAction(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const lang = await userLang(client, ctx.db, body.user.id);
    if (!(await isDirector(ctx, body.user.id))) {
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: errorText(lang, { code: "AWARD.NOT_DIRECTOR" }),
      });
      return;
    }
    const view = await loadAwardView(ctx, String(action.value ?? ""));
    await respond({
      replace_original: true,
      ...proposalMessage(lang, { ...view, editing: action.action_id === AWARDS_EDIT }),
    });
  };
}
