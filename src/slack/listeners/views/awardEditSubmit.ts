// Saving the award edit modal (RULES.md §5, §7): those selected become the proposal of that award
// kind, the others are taken out (setAwardPicks: director only, before confirmation, eligible
// candidates only, one award each; saving the same choice twice changes nothing). A refused pick is
// shown under the select; otherwise the modal closes and the proposal message is redrawn in place.
// Nothing is announced here: only the message's Confirm announces (awardConfirm.ts).
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import {
  AWARD_TARGET,
  type AwardEligibility,
  loadAwardView,
  quarterEligibility,
  setAwardPicks,
} from "../../../services/closeQuarter.ts";
import { yearEligibility } from "../../../services/closeYear.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { nameBook } from "../../../services/exports/month.ts";
import { AWARDS_PICK, proposalMessage } from "../../blocks/awards.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { EditMetaSchema } from "../actions/awardEdit.ts";
import { submissionOf } from "./metadata.ts";

export function awardEditSubmission(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    view,
    client,
    logger,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const submission = await submissionOf(ctx, { ack, body, view, client, logger }, EditMetaSchema);
    if (!submission) return;
    const { userId, lang, meta } = submission;
    const picked = (view.state.values[AWARDS_PICK]?.[AWARDS_PICK]?.selected_options ?? []).map(
      (o) => o.value,
    );
    // Eligibility needs the period's scores: computed only when someone is added (Slack waits 3 s).
    let loaded: Promise<AwardEligibility> | undefined;
    const eligible: AwardEligibility = async (kind, targetId) => {
      loaded ??= meta.p.includes("Q") ? quarterEligibility(ctx, meta.p) : yearEligibility(ctx, meta.p);
      return (await loaded)(kind, targetId);
    };
    const r = await setAwardPicks(
      ctx,
      { period: meta.p, kind: meta.k, targetIds: picked, actor: userId },
      eligible,
    );
    if (!r.ok) {
      if (r.code === "AWARD.NOT_ELIGIBLE" || r.code === "AWARD.PLACED_ELSEWHERE") {
        const id = String(r.detail?.targetId ?? "");
        const names = await nameBook(ctx);
        const name = AWARD_TARGET[meta.k] === "person" ? names.person(id) : names.window(id);
        await ack({
          response_action: "errors",
          errors: { [AWARDS_PICK]: t(lang, "awards.pick_refused", { name, reason: errorText(lang, r) }) },
        });
      } else
        await ack({
          response_action: "update",
          view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)),
        });
      return;
    }
    await ack();
    if (!meta.c || !meta.ts) return;
    try {
      const msg = proposalMessage(lang, await loadAwardView(ctx, meta.p));
      await client.chat.update({ channel: meta.c, ts: meta.ts, ...msg });
    } catch (e) {
      logger.warn(`awards: proposal update failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}
