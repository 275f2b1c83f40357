// A DM to the bot (message.im): the one-line request form as with /qingjia (出差/因公外出 … for trips),
// answered with the preview and Submit; a photo or PDF shared in the DM (subtype file_share) is attached
// to the sick leave the message names (RULES.md §3 二, ../../certificateFiles.ts); anything else gets a
// short help.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { typedText } from "../../blocks/escape.ts";
import { attachFiles } from "../../certificateFiles.ts";
import { t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { looksLikeQuickForm } from "../../quickForm.ts";
import { quickFormReply } from "../../requestForms.ts";

export function directMessageEvent(ctx: ServiceContext) {
  return async ({ event, client, logger }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs) => {
    // Only people's own new messages in the DM (and the files they share there): not the bot's posts,
    // edits or other subtypes.
    if (event.channel_type !== "im" || "bot_id" in event) return;
    if (event.subtype !== undefined && event.subtype !== "file_share") return;
    const shared = event.subtype === "file_share" ? (event.files ?? []) : null;
    const userId = event.user;
    // Message events carry & < > escaped, as slash commands do: undone once here.
    const text = typedText(event.text ?? "").trim();
    if (!userId) return;
    const lang = await userLang(client, ctx.db, userId);
    let reply: { text: string; blocks?: unknown[] };
    const fileIds = (shared ?? []).map((f) => f.id).filter((id): id is string => typeof id === "string");
    if (shared) {
      reply = {
        text:
          fileIds.length > 0
            ? await attachFiles(ctx, client, lang, userId, fileIds, text)
            : t(lang, "sick.dm.help"),
      };
    } else if (!looksLikeQuickForm(text)) reply = { text: t(lang, "req.help.dm") };
    else {
      const r = await quickFormReply(ctx, lang, userId, text, "dm");
      reply = r.ok ? { text: r.text, blocks: r.blocks } : { text: r.text };
    }
    try {
      await client.chat.postMessage({
        channel: event.channel,
        text: reply.text,
        ...(reply.blocks ? { blocks: reply.blocks as never } : {}),
      });
    } catch (e) {
      logger.warn(`requests: DM reply failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}
