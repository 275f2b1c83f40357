// The evaluation modal's person/window search (external_select, RULES.md §5, §7): the people of the
// windows — and for a year the windows — matching what is typed, those without an evaluation for the
// chosen period first; at most 100 options in all, as Slack allows. Only for inspection and the director.
import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import { evaluationPeriods, evaluationTargets, requireAdmin } from "../../../services/admin.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { stateValue } from "../../adminFlow.ts";
import { EVAL_FIELDS, evaluationOptions } from "../../blocks/admin.ts";
import { userLang } from "../../i18n/locale.ts";

/** Slack shows at most 100 options (Block Kit reference, select menus). */
const MAX_OPTIONS = 100;

export function evaluationTargetOptions(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    client,
  }: SlackOptionsMiddlewareArgs<"block_suggestion"> & AllMiddlewareArgs) => {
    const userId = body.user.id;
    if (!(await requireAdmin(ctx, userId)).ok) {
      await ack({ options: [] });
      return;
    }
    const lang = await userLang(client, ctx.db, userId);
    // The period chosen in the same modal (the view's state comes with the suggestion request).
    const values = ((body as { view?: { state?: { values?: unknown } } }).view?.state?.values ??
      {}) as Record<string, Record<string, unknown>>;
    const chosen = stateValue<{ selected_option?: { value?: string } | null }>(
      values,
      EVAL_FIELDS.period.action,
    )?.selected_option?.value;
    const period = chosen ?? (await evaluationPeriods(ctx))[0] ?? "";
    const found = await evaluationTargets(ctx, period, String(body.value ?? "").slice(0, 100), MAX_OPTIONS);
    // People first; the windows share what is left of the 100.
    const people = found.people.slice(0, MAX_OPTIONS - Math.min(found.windows.length, MAX_OPTIONS / 2));
    const windows = found.windows.slice(0, MAX_OPTIONS - people.length);
    await ack(evaluationOptions(lang, { people, windows }) as Parameters<typeof ack>[0]);
  };
}
