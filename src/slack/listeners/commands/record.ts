// /deduct and /bonus (RULES.md §4, §6; inspection only). Without text: the filing modal. With text:
// the quick form, answered with a preview showing every record it implies (linked window item, leader
// charge) and a Confirm button; nothing is saved before Confirm.
import { randomUUID } from "node:crypto";
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { shanghaiDate } from "../../../domain/dates.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { activeWindows, hasCenterRole } from "../../../services/org.ts";
import { isWindowId } from "../../../services/orgLookups.ts";
import { type FileRecordInput, planRecord } from "../../../services/records.ts";
import { loadingModal, messageModal, previewMessage, recordModal } from "../../blocks/records.ts";
import { errorText, type Lang, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { duplicateWarning, encodeDraft, parseQuickForm, planSummary, slackError } from "../records.ts";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function recordCommand(ctx: ServiceContext) {
  return async ({ command, ack, client, respond, logger }: Args): Promise<void> => {
    await ack();
    const sign = command.command === "/bonus" ? "bonus" : "deduction";
    const filer = command.user_id;

    if (command.text.trim() === "") {
      // A trigger_id lives 3 s: open the modal before any database or users.info work.
      let viewId: string | undefined;
      try {
        viewId = (await client.views.open({ trigger_id: command.trigger_id, view: loadingModal() })).view?.id;
      } catch (e) {
        // E.g. expired_trigger_id: say so where the command was typed instead of failing silently.
        logger.warn(`views.open for ${command.command} failed: ${slackError(e)}`);
        const lang = await userLang(client, ctx.db, filer);
        await respond({
          response_type: "ephemeral",
          text: t(lang, "error.slack_failed", { error: slackError(e) }),
        });
        return;
      }
      if (!viewId) return;
      const lang = await userLang(client, ctx.db, filer);
      if (!(await hasCenterRole(ctx.db, filer, "inspection"))) {
        await client.views.update({
          view_id: viewId,
          view: messageModal(
            lang,
            t(lang, "records.modal.refused_title"),
            errorText(lang, { code: "RECORDS.NOT_INSPECTION" }),
          ),
        });
        return;
      }
      const windows = await activeWindows(ctx.db);
      await client.views.update({
        view_id: viewId,
        view: recordModal({
          lang,
          metadata: { sign, responseUrl: command.response_url, channelId: command.channel_id },
          windows,
          today: shanghaiDate(ctx.clock.now()),
        }),
      });
      return;
    }

    const lang = await userLang(client, ctx.db, filer);
    const reply = await quickRecordReply(ctx, lang, filer, command.text, sign, command.command);
    const res = await respond({ response_type: "ephemeral", ...reply });
    if (!res.ok) logger.warn(`quick-form preview not delivered: HTTP ${res.status}`);
  };
}

/**
 * The quick form's answer (the listener's, and the bench's service-level loop, bench/service.ts): a
 * refusal worded in `lang`, or the preview with every record it implies and its Confirm button.
 */
export async function quickRecordReply(
  ctx: ServiceContext,
  lang: Lang,
  filer: string,
  text: string,
  sign: FileRecordInput["sign"],
  command: string,
): Promise<{ text: string; blocks?: ReturnType<typeof previewMessage>["blocks"] }> {
  const refuse = (e: { code: string; detail?: Record<string, unknown> }) => ({ text: errorText(lang, e) });
  if (!(await hasCenterRole(ctx.db, filer, "inspection"))) return refuse({ code: "RECORDS.NOT_INSPECTION" });
  const form = parseQuickForm(text, shanghaiDate(ctx.clock.now()));
  if (!form.ok) return refuse({ code: form.code, detail: { ...form.detail, command } });
  const q = form.value;
  let target: FileRecordInput["target"];
  if ("mention" in q.target) target = { person: q.target.mention };
  else {
    const bare = q.target.bare;
    const isWindow = await isWindowId(ctx.db, bare);
    target = isWindow || !/^[UW][A-Z0-9]{2,}$/.test(bare) ? { window: bare } : { person: bare };
  }
  const input: Omit<FileRecordInput, "filer"> = {
    target,
    code: q.code,
    sign,
    date: q.date ?? shanghaiDate(ctx.clock.now()),
    note: q.note,
    ...(q.points !== undefined ? { points: q.points } : {}),
    ...(q.count !== undefined ? { count: q.count } : {}),
  };
  const plan = await planRecord(ctx, { ...input, filer });
  if (!plan.ok) return refuse(plan);
  const summary = await planSummary(ctx.db, plan.value);
  // The same act already on record: the preview warns first, and its button files anyway.
  const { duplicate } = plan.value;
  const draft = encodeDraft(randomUUID(), duplicate ? { ...input, fileAnyway: true } : input);
  return previewMessage(
    lang,
    summary,
    draft,
    duplicate ? duplicateWarning(lang, { ...duplicate }) : undefined,
  );
}
