// The quick form's Confirm: files the draft the button carries. A second click files nothing
// (the draft's key is claimed in the same transaction as the records). The same act already on
// record is not filed silently: the preview returns with the warning and a "File anyway" button.
import type { ServiceContext } from "../../../services/context.ts";
import { fileRecord, planRecord } from "../../../services/records.ts";
import { filedMessage, previewMessage } from "../../blocks/records.ts";
import {
  decodeDraft,
  draftKey,
  duplicateWarning,
  encodeDraft,
  filedNoticeWarnings,
  fileNotices,
  planSummary,
} from "../records.ts";
import { ackAfter, type ButtonArgs, clickOf } from "./shared.ts";

export function recordConfirm(ctx: ServiceContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { action, respond } = args;
    const click = clickOf(ctx, args);
    const filer = click.userId;
    const input = decodeDraft(action.value, filer);
    const r = await ackAfter(args, async () =>
      input ? fileRecord(ctx, input, fileNotices(ctx)) : undefined,
    );
    if (!r) {
      await click.refuse({ code: "RECORDS.QUICK_SYNTAX", detail: { command: "/deduct" } });
      return;
    }
    if (!r.ok) {
      // The same act was filed since the preview (another inspector, maybe at the same moment): the
      // preview comes back with the warning, and its button files anyway (issue #9, finding 11).
      if (r.code === "RECORDS.DUPLICATE" && input && !input.fileAnyway) {
        const plan = await planRecord(ctx, input);
        if (plan.ok) {
          const lang = await click.lang();
          const draft = encodeDraft(draftKey(input), { ...input, fileAnyway: true });
          const warning = duplicateWarning(lang, r.detail ?? {});
          await respond({
            replace_original: true,
            ...previewMessage(lang, await planSummary(ctx.db, plan.value), draft, warning),
          });
          return;
        }
      }
      await click.refuse(r);
      return;
    }
    const lang = await click.lang();
    const summary = await planSummary(ctx.db, r.value);
    const warnings = await filedNoticeWarnings(ctx.db, r.value, lang);
    const ids = r.value.rows.map((row) => row.id);
    await respond({ replace_original: true, ...filedMessage(lang, summary, ids[0]!, ids, warnings) });
  };
}
