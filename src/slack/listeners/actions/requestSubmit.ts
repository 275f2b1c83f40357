// "Submit" under a quick-form preview (command or DM): writes the request, replaces the preview so it
// cannot be submitted twice from there, then the status message and the first approver's message follow.
import type { ServiceContext } from "../../../services/context.ts";
import { submitRequest } from "../../../services/requests.ts";
import { t } from "../../i18n/index.ts";
import { submitNotices } from "../../requestFlow.ts";
import { inputFromCarried } from "../../requestForms.ts";
import { ackAfter, type ButtonArgs, clickOf } from "./shared.ts";

/** Replaces the message the button sat in: ephemeral via response_url, a DM message via chat.update. */
export async function replaceSource(args: ButtonArgs, text: string): Promise<void> {
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
  return async (args: ButtonArgs) => {
    const click = clickOf(ctx, args);
    const input = inputFromCarried(click.userId, args.action.value ?? "");
    const r = await ackAfter(args, async () =>
      input ? submitRequest(ctx, input, submitNotices(ctx)) : undefined,
    );
    if (!r) {
      await click.tell(t(await click.lang(), "error.internal"));
      return;
    }
    if (!r.ok) {
      await click.refuse(r);
      return;
    }
    await replaceSource(args, t(await click.lang(), "req.quick.submitted", { id: r.value.request.id }));
  };
}
