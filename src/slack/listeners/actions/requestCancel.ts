// "Cancel" under a quick-form preview: nothing was written; the preview says so.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { replaceSource } from "./requestSubmit.ts";

export function requestCancelAction(ctx: ServiceContext) {
  return async (args: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await args.ack();
    const lang = await userLang(args.client, ctx.db, args.body.user.id);
    await replaceSource(args, t(lang, "req.quick.cancelled"));
  };
}
