// The revoke modal's submission: revokes the record and the records filed with it, tells the people
// concerned, and replaces the filer's confirmation so its Revoke button is gone.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { cleanText } from "../../../domain/text.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { revokeRecord } from "../../../services/records.ts";
import { escapeSlackText } from "../../blocks/escape.ts";
import { REVOKE_MODAL } from "../../blocks/records.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replyVia, revokedNoticeWarnings, revokeNotices } from "../records.ts";
import { submissionOf } from "./metadata.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Built by revokeModal: the record's id and the confirmation's response_url (checked before use). */
const metadata = z.object({ id: z.number().int().positive(), r: z.string().optional() });

export function revokeSubmit(ctx: ServiceContext) {
  return async ({ ack, body, view, client, logger }: Args): Promise<void> => {
    const submission = await submissionOf(ctx, { ack, body, view, client, logger }, metadata);
    if (!submission) return;
    const { userId: actor, lang, meta } = submission;
    const block = REVOKE_MODAL.reason.block;
    const reason = cleanText(view.state.values[block]?.[REVOKE_MODAL.reason.action]?.value ?? "");
    const r = await revokeRecord(ctx, { actor, id: meta.id, reason }, revokeNotices(ctx));
    if (!r.ok) {
      await ack({ response_action: "errors", errors: { [block]: errorText(lang, r) } });
      return;
    }
    await ack();
    const text = [
      t(lang, "records.revoked", {
        ids: r.value.rows.map((row) => `#${row.id}`).join(", "),
        reason: escapeSlackText(reason.trim()),
      }),
      ...(await revokedNoticeWarnings(ctx.db, r.value, lang)),
    ].join("\n");
    if (!(await replyVia({ client, logger }, meta.r, { replace_original: true, text }))) {
      try {
        await client.chat.postMessage({ channel: actor, text });
      } catch (e) {
        logger.warn(`record #${meta.id} revoked; confirmation to ${actor} not delivered: ${String(e)}`);
      }
    }
  };
}
