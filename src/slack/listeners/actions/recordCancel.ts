// The quick form's Cancel: nothing was saved; the preview is replaced so it cannot be confirmed later.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export function recordCancel(ctx: ServiceContext) {
  return async ({ ack, body, client, respond }: Args): Promise<void> => {
    await ack();
    const lang = await userLang(client, ctx.db, body.user.id);
    await respond({ replace_original: true, text: t(lang, "records.cancelled") });
  };
}
