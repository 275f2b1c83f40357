// The quick form's Confirm: files the draft the button carries. A second click files nothing
// (the draft's key is claimed in the same transaction as the records).
import type { ServiceContext } from "../../../services/context.ts";
import { fileRecord } from "../../../services/records.ts";
import { filedMessage } from "../../blocks/records.ts";
import { decodeDraft, notifyFiled, planSummary } from "../records.ts";
import { ackAfter, type ButtonArgs, clickOf } from "./shared.ts";

export function recordConfirm(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { action, client, respond } = args;
    const click = clickOf(ctx, args);
    const filer = click.userId;
    const input = decodeDraft(action.value, filer);
    const r = await ackAfter(args, async () => (input ? fileRecord(ctx, input) : undefined));
    if (!r) {
      await click.refuse({ code: "RECORDS.QUICK_SYNTAX", detail: { command: "/deduct" } });
      return;
    }
    if (!r.ok) {
      await click.refuse(r);
      return;
    }
    const lang = await click.lang();
    const summary = await planSummary(ctx.db, r.value);
    const warnings = await notifyFiled(client, ctx.db, filer, lang, r.value);
    const ids = r.value.rows.map((row) => row.id);
    await respond({ replace_original: true, ...filedMessage(lang, summary, ids[0]!, ids, warnings) });
  };
}
