// The quick form's Confirm: files the draft the button carries. A second click files nothing
// (the draft's key is claimed in the same transaction as the records).
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { fileRecord } from "../../../services/records.ts";
import { filedMessage } from "../../blocks/records.ts";
import { errorText } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { decodeDraft, notifyFiled, planSummary } from "../records.ts";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export function recordConfirm(ctx: ServiceContext) {
  return async ({ ack, body, action, client, respond }: Args): Promise<void> => {
    await ack();
    const filer = body.user.id;
    const lang = await userLang(client, ctx.db, filer);
    const input = decodeDraft(action.value, filer);
    if (!input) {
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: errorText(lang, { code: "RECORDS.QUICK_SYNTAX", detail: { command: "/deduct" } }),
      });
      return;
    }
    const r = await fileRecord(ctx, input);
    if (!r.ok) {
      await respond({ response_type: "ephemeral", replace_original: false, text: errorText(lang, r) });
      return;
    }
    const summary = await planSummary(ctx.db, r.value);
    const warnings = await notifyFiled(client, ctx.db, filer, lang, r.value.rows, summary.records);
    const ids = r.value.rows.map((row) => row.id);
    await respond({ replace_original: true, ...filedMessage(lang, summary, ids[0]!, ids, warnings) });
  };
}
