// The filing modal's submission (/deduct, /bonus without text). Refusals are shown on the field they
// concern (response_action "errors") and nothing is saved; on success the modal closes, the filer gets
// a confirmation with a Revoke button where they typed the command, and the people concerned a DM.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { parseHundredths } from "../../../domain/points.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { type FileRecordInput, fileRecord } from "../../../services/records.ts";
import { decodeMetadata, filedMessage, RECORD_MODAL } from "../../blocks/records.ts";
import { errorText, type Lang } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { notifyFiled, planSummary, replyVia } from "../records.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type State = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_user?: string | null;
      selected_date?: string | null;
      selected_option?: { value: string } | null;
    }
  >
>;

const M = RECORD_MODAL;

/** The field a refusal belongs on. */
function blockFor(
  code: string,
  detail: Record<string, unknown> | undefined,
  input: FileRecordInput,
  blocks: Set<string>,
): string {
  const targetBlock = "person" in input.target ? M.person.block : M.window.block;
  const byCode: Record<string, string> = {
    "RECORDS.UNKNOWN_PERSON": M.person.block,
    "RECORDS.PERSON_INACTIVE": M.person.block,
    "RECORDS.UNKNOWN_WINDOW": M.window.block,
    "CATALOG.LEADER_ONLY": M.person.block,
    "RECORDS.REQUIRES": targetBlock,
    "RECORDS.BAD_DATE": M.date.block,
    "RECORDS.FUTURE_DATE": M.date.block,
    "RECORDS.MONTH_CLOSED": M.date.block,
    "RECORDS.NOTE_TOO_LONG": M.note.block,
    "CATALOG.BAD_COUNT": M.count.block,
    "CATALOG.POINTS_REQUIRED": M.points.block,
    "CATALOG.POINTS_OUT_OF_RANGE": detail?.code === input.code ? M.points.block : M.linkedPoints.block,
  };
  const block = byCode[code] ?? M.item.block;
  return blocks.has(block) ? block : M.item.block;
}

export function recordSubmit(ctx: ServiceContext) {
  return async ({ ack, body, view, client, logger }: Args): Promise<void> => {
    const filer = body.user.id;
    const lang: Lang = await userLang(client, ctx.db, filer);
    const meta = decodeMetadata(view.private_metadata);
    const v = view.state.values as unknown as State;
    const blocks = new Set(
      view.blocks.map((b) => b.block_id).filter((id): id is string => typeof id === "string"),
    );
    const errors: Record<string, string> = {};
    const fail = (block: string, code: string, detail?: Record<string, unknown>) => {
      errors[block] = errorText(lang, { code, detail });
    };

    const person = v[M.person.block]?.[M.person.action]?.selected_user ?? undefined;
    const window = v[M.window.block]?.[M.window.action]?.selected_option?.value ?? undefined;
    const code = v[M.item.block]?.[M.item.action]?.selected_option?.value ?? "";
    const pointsText = (v[M.points.block]?.[M.points.action]?.value ?? "").trim();
    const linkedText = (v[M.linkedPoints.block]?.[M.linkedPoints.action]?.value ?? "").trim();
    const countText = (v[M.count.block]?.[M.count.action]?.value ?? "1").trim();
    const date = v[M.date.block]?.[M.date.action]?.selected_date ?? "";
    const note = v[M.note.block]?.[M.note.action]?.value ?? "";

    if (!person && !window) fail(M.person.block, "RECORDS.TARGET_REQUIRED");
    if (person && window) fail(M.window.block, "RECORDS.TARGET_BOTH");
    const points = pointsText ? parseHundredths(pointsText) : undefined;
    if (points === null) fail(M.points.block, "RECORDS.BAD_POINTS", { points: pointsText });
    const linkedPoints = linkedText ? parseHundredths(linkedText) : undefined;
    if (linkedPoints === null) fail(M.linkedPoints.block, "RECORDS.BAD_POINTS", { points: linkedText });
    const count = /^\d+$/.test(countText) ? Number(countText) : Number.NaN;
    if (!Number.isSafeInteger(count) || count < 1)
      fail(M.count.block, "RECORDS.BAD_COUNT_TEXT", { count: countText });
    if (Object.keys(errors).length) {
      await ack({ response_action: "errors", errors });
      return;
    }

    const input: FileRecordInput = {
      filer,
      target: person ? { person } : { window: window! },
      code,
      sign: meta.sign,
      count,
      date,
      note,
      // A view is submitted once; a refused submission rolls the key back with everything else.
      idempotencyKey: `view:${view.id}`,
      ...(points != null ? { points } : {}),
      ...(linkedPoints != null ? { linkedPoints } : {}),
    };
    const r = await fileRecord(ctx, input);
    if (!r.ok) {
      await ack({
        response_action: "errors",
        errors: { [blockFor(r.code, r.detail, input, blocks)]: errorText(lang, r) },
      });
      return;
    }
    await ack();

    const summary = await planSummary(ctx.db, r.value);
    const warnings = await notifyFiled(client, ctx.db, filer, lang, r.value);
    const ids = r.value.rows.map((row) => row.id);
    const message = filedMessage(lang, summary, ids[0]!, ids, warnings);
    // Back where /deduct was typed; a DM from the bot when that response_url no longer works.
    if (!(await replyVia(meta.responseUrl, { response_type: "ephemeral", ...message }))) {
      try {
        await client.chat.postMessage({ channel: filer, ...message });
      } catch (e) {
        logger.warn(`record #${ids[0]} filed; confirmation to ${filer} not delivered: ${String(e)}`);
      }
    }
  };
}
