// /qingjia and /timeoff (leave requests): no text → the form (opened at once: a trigger_id lives 3 s);
// "help" → usage; otherwise the one-line form → a preview with Submit (RULES.md §3).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { typedText } from "../../blocks/escape.ts";
import { t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import type { QuickMode } from "../../quickForm.ts";
import { openRequestForm } from "../../requestFlow.ts";
import { quickFormReply } from "../../requestForms.ts";

const HELP_WORDS = new Set(["help", "帮助", "?", "？"]);

/** Shared by /qingjia, /timeoff and /trip (the mode decides the form's kind and the quick form's shape). */
export async function handleRequestCommand(
  ctx: ServiceContext,
  mode: Extract<QuickMode, "leave" | "trip">,
  { command, ack, client, respond, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs,
): Promise<void> {
  // Slack escapes & < > in command text: undone once here (the preview escapes once on the way out).
  const text = typedText(command.text).trim();
  await ack();
  const d = { client, ctx, logger };
  if (!text) {
    await openRequestForm(d, command.trigger_id, command.user_id, mode === "trip" ? "trip" : "personal");
    return;
  }
  const lang = await userLang(client, ctx.db, command.user_id);
  if (HELP_WORDS.has(text.toLowerCase())) {
    await respond({
      response_type: "ephemeral",
      text: t(lang, mode === "trip" ? "req.help.trip" : "req.help.leave"),
    });
    return;
  }
  const reply = await quickFormReply(ctx, lang, command.user_id, text, mode);
  await respond(
    reply.ok
      ? { response_type: "ephemeral", text: reply.text, blocks: reply.blocks }
      : { response_type: "ephemeral", text: reply.text },
  );
}

export function leaveCommand(ctx: ServiceContext) {
  return (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => handleRequestCommand(ctx, "leave", args);
}
