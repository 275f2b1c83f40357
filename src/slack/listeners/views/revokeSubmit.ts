// The revoke modal's submission: revokes the record and the records filed with it, tells the people
// concerned, and replaces the filer's confirmation so its Revoke button is gone.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import type { ServiceContext } from "../../../services/context.ts";
import { revokeRecord } from "../../../services/records.ts";
import { escapeSlackText } from "../../blocks/escape.ts";
import { REVOKE_MODAL } from "../../blocks/records.ts";
import { errorText, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { notifyRevoked, replyVia } from "../records.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const metadata = z.object({ id: z.number().int(), r: z.string().optional() });

export function revokeSubmit(ctx: ServiceContext) {
  return async ({ ack, body, view, client, logger }: Args): Promise<void> => {
    const actor = body.user.id;
    const lang = await userLang(client, ctx.db, actor);
    const meta = metadata.safeParse(JSON.parse(view.private_metadata || "{}"));
    const block = REVOKE_MODAL.reason.block;
    if (!meta.success) {
      await ack({
        response_action: "errors",
        errors: { [block]: errorText(lang, { code: "RECORDS.NOT_FOUND", detail: { id: "?" } }) },
      });
      return;
    }
    const reason = view.state.values[block]?.[REVOKE_MODAL.reason.action]?.value ?? "";
    const r = await revokeRecord(ctx, { actor, id: meta.data.id, reason });
    if (!r.ok) {
      await ack({ response_action: "errors", errors: { [block]: errorText(lang, r) } });
      return;
    }
    await ack();
    const warnings = await notifyRevoked(client, ctx.db, lang, r.value, reason);
    const text = [
      t(lang, "records.revoked", {
        ids: r.value.rows.map((row) => `#${row.id}`).join(", "),
        reason: escapeSlackText(reason.trim()),
      }),
      ...warnings,
    ].join("\n");
    if (!(await replyVia(meta.data.r, { replace_original: true, text }))) {
      try {
        await client.chat.postMessage({ channel: actor, text });
      } catch (e) {
        logger.warn(`record #${meta.data.id} revoked; confirmation to ${actor} not delivered: ${String(e)}`);
      }
    }
  };
}
