// The evaluation modal's "保存" (RULES.md §5, §7; CLI `evaluate`): one center evaluation entered or
// changed through the service (inspection and the director only; logged). A refusal is shown on its
// field; once saved the modal stays open, cleared, with the saved one confirmed at the top, for the next.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { formatHundredths } from "../../../domain/points.ts";
import { enterEvaluation, evaluationCount, evaluationPeriods } from "../../../services/admin.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { personWithWindowName, windowRows } from "../../../services/orgLookups.ts";
import { blockOf, stateValue } from "../../adminFlow.ts";
import { EVAL_FIELDS, evaluationModal, evaluationPeriodName } from "../../blocks/admin.ts";
import { escapeSlackText } from "../../blocks/escape.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { submissionOf } from "./metadata.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type Selected = { selected_option?: { value?: string } | null };

const metaSchema = z.object({ r: z.number().int().min(0).max(100_000) });

/** The field a refusal belongs on. */
const FIELD_OF: Record<string, string> = {
  "EVAL.BAD_PERIOD": EVAL_FIELDS.period.action,
  "EVAL.PERIOD_CLOSED": EVAL_FIELDS.period.action,
  "EVAL.BAD_TARGET": EVAL_FIELDS.target.action,
  "EVAL.UNKNOWN_TARGET": EVAL_FIELDS.target.action,
  "EVAL.QUARTER_WINDOW": EVAL_FIELDS.target.action,
  "EVAL.BAD_POINTS": EVAL_FIELDS.points.action,
};

export function adminEvaluateSubmission(ctx: ServiceContext) {
  return async ({ ack, body, view, client, logger }: Args): Promise<void> => {
    const submission = await submissionOf(ctx, { ack, body, view, client, logger }, metaSchema);
    if (!submission) return;
    const { userId, lang, meta } = submission;
    const values = view.state.values as unknown as Record<string, Record<string, unknown>>;
    const period = stateValue<Selected>(values, EVAL_FIELDS.period.action)?.selected_option?.value ?? "";
    const target = stateValue<Selected>(values, EVAL_FIELDS.target.action)?.selected_option?.value ?? "";
    const points = (
      stateValue<{ value?: string | null }>(values, EVAL_FIELDS.points.action)?.value ?? ""
    ).trim();
    const on = (actionId: string) => blockOf(view, actionId) ?? actionId;
    const [type, ...rest] = target.split(":");
    if (!target || (type !== "person" && type !== "window")) {
      await ack({
        response_action: "errors",
        errors: { [on(EVAL_FIELDS.target.action)]: t(lang, "error.ADMIN.NO_TARGET") },
      });
      return;
    }
    const r = await enterEvaluation(ctx, {
      period,
      targetType: type,
      target: rest.join(":"),
      points,
      actor: userId,
    });
    if (!r.ok) {
      const field = FIELD_OF[r.code];
      await ack(
        field
          ? { response_action: "errors", errors: { [on(field)]: errorText(lang, r) } }
          : {
              response_action: "update",
              view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)),
            },
      );
      return;
    }
    const v = r.value;
    const name =
      v.targetType === "person"
        ? await personWithWindowName(ctx.db, v.targetId).then((p) =>
            t(lang, "manage.eval.person", { name: p?.name ?? v.targetId, window: p?.windowName ?? "" }),
          )
        : ((await windowRows(ctx.db, [v.targetId]))[0]?.name ?? v.targetId);
    const saved = t(lang, "manage.eval.saved", {
      target: escapeSlackText(name),
      period: evaluationPeriodName(lang, v.period),
      points: formatHundredths(v.pointsHundredths),
      before: v.before === null ? "" : t(lang, "manage.eval.before", { points: formatHundredths(v.before) }),
    });
    const periods = await evaluationPeriods(ctx);
    await ack({
      response_action: "update",
      view: evaluationModal(lang, {
        periods: periods.length > 0 ? periods : [v.period],
        period: v.period,
        saved,
        count: await evaluationCount(ctx, v.period),
        round: meta.r + 1,
      }),
    });
  };
}
