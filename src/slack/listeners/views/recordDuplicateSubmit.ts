// "File anyway" on the modal pushed over the filing form when the same act is already on record
// (issue #9, finding 11): files the draft it carries, with fileAnyway (the AuditLog row says so), then
// closes both modals and confirms like the form does. Its Cancel just goes back to the form.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import type { ServiceContext } from "../../../services/context.ts";
import { fileRecord } from "../../../services/records.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { decodeDraft, fileNotices } from "../records.ts";
import { refuseMetadata, viewMetadata } from "./metadata.ts";
import { confirmFiled } from "./recordSubmit.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Built by recordSubmit: the draft (encodeDraft) and the command's response_url (checked before use). */
const METADATA = z.object({ d: z.string(), r: z.string().optional() });

export function recordDuplicateSubmit(ctx: ServiceContext) {
  return async ({ ack, body, view, client, logger }: Args): Promise<void> => {
    const filer = body.user.id;
    const lang = await userLang(client, ctx.db, filer);
    const meta = viewMetadata(METADATA, view);
    const input = meta && decodeDraft(meta.d, filer);
    if (!meta || !input) {
      await refuseMetadata({ ack, body, view, logger }, lang);
      return;
    }
    const r = await fileRecord(ctx, { ...input, fileAnyway: true }, fileNotices(ctx));
    if (!r.ok) {
      await ack({
        response_action: "update",
        view: messageView(lang, t(lang, "records.modal.refused_title"), errorText(lang, r)),
      });
      return;
    }
    await ack({ response_action: "clear" });
    await confirmFiled({ client, ctx, logger }, filer, lang, r.value, meta.r);
  };
}
