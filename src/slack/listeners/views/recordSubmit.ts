// The filing modal's submission (/deduct, /bonus without text). Refusals are shown on the field they
// concern (response_action "errors") and nothing is saved; on success the modal closes, the filer gets
// a confirmation with a Revoke button where they typed the command, and the people concerned a DM.
import { randomUUID } from "node:crypto";
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { parseHundredths } from "../../../domain/points.ts";
import { cleanText } from "../../../domain/text.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { type FileOutcome, type FileRecordInput, fileRecord } from "../../../services/records.ts";
import { duplicateModal, filedMessage, RECORD_MODAL } from "../../blocks/records.ts";
import { errorText, type Lang } from "../../i18n/index.ts";
import {
  duplicateWarning,
  encodeDraft,
  filedNoticeWarnings,
  fileNotices,
  isSignedNumber,
  planSummary,
  replyVia,
} from "../records.ts";
import { submissionOf } from "./metadata.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Built by encodeMetadata (blocks/records.ts): the command's sign, response_url and channel. */
const METADATA = z.object({
  s: z.enum(["deduction", "bonus"]),
  r: z.string().optional(),
  c: z.string().optional(),
});
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
    "CATALOG.COUNT_TOO_HIGH": M.count.block,
    "CATALOG.MONTH_CAP": M.points.block,
    "CATALOG.POINTS_REQUIRED": M.points.block,
    "CATALOG.POINTS_OUT_OF_RANGE": detail?.code === input.code ? M.points.block : M.linkedPoints.block,
  };
  const block = byCode[code] ?? M.item.block;
  return blocks.has(block) ? block : M.item.block;
}

export function recordSubmit(ctx: ServiceContext) {
  return async ({ ack, body, view, client, logger }: Args): Promise<void> => {
    const submission = await submissionOf(ctx, { ack, body, view, client, logger }, METADATA);
    if (!submission) return;
    const { userId: filer, lang, meta: carried } = submission;
    const meta = { sign: carried.s, responseUrl: carried.r };
    const v = view.state.values as unknown as State;
    const blocks = new Set(
      view.blocks.map((b) => b.block_id).filter((id): id is string => typeof id === "string"),
    );
    const errors: Record<string, string> = {};
    // The first refusal of a field is the one shown (a sign is said before "not a number").
    const fail = (block: string, code: string, detail?: Record<string, unknown>) => {
      errors[block] ??= errorText(lang, { code, detail });
    };

    const person = v[M.person.block]?.[M.person.action]?.selected_user ?? undefined;
    const window = v[M.window.block]?.[M.window.action]?.selected_option?.value ?? undefined;
    const code = v[M.item.block]?.[M.item.action]?.selected_option?.value ?? "";
    const pointsText = (v[M.points.block]?.[M.points.action]?.value ?? "").trim();
    const linkedText = (v[M.linkedPoints.block]?.[M.linkedPoints.action]?.value ?? "").trim();
    const countText = (v[M.count.block]?.[M.count.action]?.value ?? "1").trim();
    const date = v[M.date.block]?.[M.date.action]?.selected_date ?? "";
    // Modal values arrive as typed (Slack escapes nothing in view_submission): cleanText only.
    const note = cleanText(v[M.note.block]?.[M.note.action]?.value ?? "");

    if (!person && !window) fail(M.person.block, "RECORDS.TARGET_REQUIRED");
    if (person && window) fail(M.window.block, "RECORDS.TARGET_BOTH");
    // Deduction or bonus is the command's and the item's, never a sign's (issue #9: −2 filed +2).
    for (const [block, text] of [
      [M.points.block, pointsText],
      [M.linkedPoints.block, linkedText],
      [M.count.block, countText],
    ] as const)
      if (isSignedNumber(text)) fail(block, "RECORDS.SIGNED_NUMBER", { value: text });
    const points = pointsText ? parseHundredths(pointsText) : undefined;
    if (points === null) fail(M.points.block, "RECORDS.BAD_POINTS", { points: pointsText });
    const linkedPoints = linkedText ? parseHundredths(linkedText) : undefined;
    if (linkedPoints === null) fail(M.linkedPoints.block, "RECORDS.BAD_POINTS", { points: linkedText });
    const count = /^\d+$/.test(countText) ? Number(countText) : Number.NaN;
    // A huge count is the domain's to refuse with the month's bound (CATALOG.COUNT_TOO_HIGH).
    if (!Number.isInteger(count) || count < 1)
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
    // The notices are queued with the records (fileNotices), so nothing after the ack can lose them.
    const r = await fileRecord(ctx, input, fileNotices(ctx));
    if (!r.ok && r.code === "RECORDS.DUPLICATE") {
      // The same act is already on record: ask on a modal pushed over the form, which keeps what was
      // typed; its submit files anyway, its Cancel goes back to the form (issue #9, finding 11).
      const draft = encodeDraft(randomUUID(), { ...input, fileAnyway: true });
      const carry = JSON.stringify({ d: draft, ...(meta.responseUrl ? { r: meta.responseUrl } : {}) });
      await ack({
        response_action: "push",
        view: duplicateModal(lang, duplicateWarning(lang, r.detail ?? {}), carry),
      });
      return;
    }
    if (!r.ok) {
      await ack({
        response_action: "errors",
        errors: { [blockFor(r.code, r.detail, input, blocks)]: errorText(lang, r) },
      });
      return;
    }
    await ack();
    await confirmFiled({ client, ctx, logger }, filer, lang, r.value, meta.responseUrl);
  };
}

/**
 * After a modal filed: the people concerned are told, and the filer gets the confirmation with its
 * Revoke button back where /deduct was typed (the carried response_url, if it is Slack's), else a DM.
 */
export async function confirmFiled(
  d: Pick<Args, "client" | "logger"> & { ctx: ServiceContext },
  filer: string,
  lang: Lang,
  filed: FileOutcome,
  responseUrl: string | undefined,
): Promise<void> {
  const { client, ctx, logger } = d;
  const summary = await planSummary(ctx.db, filed);
  const ids = filed.rows.map((row) => row.id);
  const message = filedMessage(lang, summary, ids[0]!, ids, await filedNoticeWarnings(ctx.db, filed, lang));
  // Back where /deduct was typed; a DM from the bot when that response_url no longer works.
  if (!(await replyVia({ client, logger }, responseUrl, { response_type: "ephemeral", ...message }))) {
    try {
      await client.chat.postMessage({ channel: filer, ...message });
    } catch (e) {
      logger.warn(`record #${ids[0]} filed; confirmation to ${filer} not delivered: ${String(e)}`);
    }
  }
}
