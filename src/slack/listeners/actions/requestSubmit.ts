// "Submit" under a quick-form preview (command or DM): writes the request, replaces the preview so it
// cannot be submitted twice from there, then the status message and the first approver's message follow.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { submitRequest } from "../../../services/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { afterSubmit, tell } from "../../requestFlow.ts";
import { inputFromCarried } from "../../requestForms.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Replaces the message the button sat in: ephemeral via response_url, a DM message via chat.update. */
export async function replaceSource(args: Args, text: string): Promise<void> {
  const { body, client, respond } = args;
  try {
    if (body.container?.is_ephemeral) await respond({ replace_original: true, text });
    else if (body.channel?.id && body.message?.ts) {
      await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text, blocks: [] });
    }
  } catch (e) {
    args.logger.warn(`requests: replacing the preview failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function requestSubmitAction(ctx: ServiceContext) {
  return async (args: Args) => {
    const { ack, body, action, client, respond, logger } = args;
    await ack();
    const userId = body.user.id;
    const d = { client, ctx, logger };
    const lang = await userLang(client, ctx.db, userId);
    const reply = body.response_url ? respond : undefined;
    const input = inputFromCarried(userId, action.value ?? "");
    if (!input) {
      await tell(d, userId, t(lang, "error.internal"), reply);
      return;
    }
    const r = await submitRequest(ctx, input);
    if (!r.ok) {
      await tell(d, userId, errorText(lang, r), reply);
      return;
    }
    await replaceSource(args, t(lang, "req.quick.submitted", { id: r.value.request.id }));
    await afterSubmit(d, r.value);
  };
}
