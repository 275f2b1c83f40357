// The form's "Next": every check runs now (refusals pinned to their field); a clean request is shown
// as a preview (days, annual-leave offset, chain, rule) pushed on top — "Back" returns to the form.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { validateRequest } from "../../../services/requests.ts";
import { confirmView, F } from "../../blocks/requests.ts";
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
    const r = await validateRequest(ctx, inputFromDraft(userId, draft, today));
    if (!r.ok) {
      const present = new Set(view.blocks.map((b) => b.block_id));
      let block = fieldOf(r.code, r.detail);
      if (!present.has(block)) block = F.startDate;
      await ack({ response_action: "errors", errors: { [block]: errorText(lang, r) } });
      return;
    }
    const confirm = confirmView(lang, r.value, ctx.settings.routing.dayBasis[r.value.input.kind]);
    // The preview carries the request in private_metadata (Slack: at most 3,000 characters).
    if ((confirm.private_metadata ?? "").length > 3000) {
      const tooLong = { code: "REQUEST.TEXT_TOO_LONG", detail: { field: "explanation", max: 1000 } };
      await ack({ response_action: "errors", errors: { [F.explanation]: errorText(lang, tooLong) } });
      return;
    }
    await ack({ response_action: "push", view: confirm });
  };
}
