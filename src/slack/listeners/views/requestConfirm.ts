// The preview's "Submit request": writes the request with its chain (one transaction), closes the
// modals, and posts the status message and the first approver's message.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { submitRequest } from "../../../services/requests.ts";
import { messageView } from "../../blocks/requests.ts";
import { attachFiles, carriedFiles } from "../../certificateFiles.ts";
import { errorText, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { submitNotices } from "../../requestFlow.ts";
import { inputFromCarried } from "../../requestForms.ts";
import { refuseMetadata } from "./metadata.ts";

export function requestConfirmSubmission(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    view,
    client,
    logger,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const userId = body.user.id;
    const lang = await userLang(client, ctx.db, userId);
    const title = t(lang, "common.not_possible");
    const input = inputFromCarried(userId, view.private_metadata);
    if (!input) {
      await refuseMetadata({ ack, body, view, logger }, lang);
      return;
    }
    const r = await submitRequest(ctx, input, submitNotices(ctx));
    if (!r.ok) {
      // E.g. a second Submit, or something changed since the preview (an overlapping request was approved).
      await ack({ response_action: "update", view: messageView(lang, title, errorText(lang, r)) });
      return;
    }
    await ack({ response_action: "clear" });
    // The certificate's photos uploaded in the form, attached once the request exists; what was
    // refused (not an image, too large …) is told in the DM, the request stands with its confirmation.
    const files = carriedFiles(view.private_metadata);
    if (files.length > 0) {
      // Long sick leave's paper is the designated hospitals' form (§3 二); the certificate otherwise.
      const kind = r.value.preview.flags.includes("designated_hospital_form")
        ? "designated_form"
        : "certificate";
      const told = await attachFiles(ctx, client, lang, userId, files, "", r.value.request.id, kind);
      try {
        await client.chat.postMessage({ channel: userId, text: told });
      } catch (e) {
        logger.warn(`requests: certificate reply failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
}
