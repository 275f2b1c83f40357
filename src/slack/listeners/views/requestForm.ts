// The form's "Next": every check runs now (refusals pinned to their field); a clean request is shown
// as a preview (days, annual-leave offset, chain, rule) pushed on top — "Back" returns to the form.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { atMonth } from "../../../services/monthSettings.ts";
import { validateRequest } from "../../../services/requests.ts";
import { confirmView, F } from "../../blocks/requests.ts";
import { certificateFileIds } from "../../blocks/sick.ts";
import { errorText } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { draftFromState, fieldOf, inputFromDraft, todayIn } from "../../requestForms.ts";

export function requestFormSubmission(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const userId = body.user.id;
    const lang = await userLang(client, ctx.db, userId);
    const today = todayIn(ctx);
    const draft = draftFromState(view.state.values, "personal");
    // A certificate photo uploaded in the form is the certificate attached (§3 二 "attach or confirm").
    const files = draft.kind === "sick" ? certificateFileIds(view.state.values) : [];
    if (files.length > 0) draft.certificate = true;
    const r = await validateRequest(ctx, inputFromDraft(userId, draft, today));
    if (!r.ok) {
      const present = new Set(view.blocks.map((b) => b.block_id));
      let block = fieldOf(r.code, r.detail);
      if (!present.has(block)) block = F.startDate;
      await ack({ response_action: "errors", errors: { [block]: errorText(lang, r) } });
      return;
    }
    // The start month's day basis, as the request is routed (RULES.md §8a).
    const { start, kind } = r.value.input;
    const confirm = confirmView(
      lang,
      r.value,
      atMonth(ctx, start.date.slice(0, 7)).settings.routing.dayBasis[kind],
    );
    // The files go with the request to Submit, which attaches them (../../certificateFiles.ts).
    if (files.length > 0)
      confirm.private_metadata = JSON.stringify({ ...JSON.parse(confirm.private_metadata ?? "{}"), files });
    // The preview carries the request in private_metadata (Slack: at most 3,000 characters).
    if ((confirm.private_metadata ?? "").length > 3000) {
      const tooLong = { code: "REQUEST.TEXT_TOO_LONG", detail: { field: "explanation", max: 1000 } };
      await ack({ response_action: "errors", errors: { [F.explanation]: errorText(lang, tooLong) } });
      return;
    }
    await ack({ response_action: "push", view: confirm });
  };
}
