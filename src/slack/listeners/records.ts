// Glue shared by the record listeners (/deduct, /bonus, their buttons and modals): the quick form's
// parser, the draft a Confirm button carries, and the notices to the people concerned (RULES.md §8:
// a person's own deductions go to that person privately).
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { queuedMessageStates } from "../../db/outboxReads.ts";
import { type CatalogItem, catalogItem } from "../../domain/catalog.ts";
import { parseHundredths } from "../../domain/points.ts";
import { err, ok, type Result } from "../../domain/result.ts";
import { cleanText } from "../../domain/text.ts";
import { type DbTx, enqueue, wakeOutbox } from "../../jobs/outbox.ts";
import { appealDeadline, appellantOf } from "../../services/appeals.ts";
import type { ServiceContext } from "../../services/context.ts";
import type { Notify } from "../../services/notify.ts";
import { windowRows } from "../../services/orgLookups.ts";
import type {
  FileOutcome,
  FileRecordInput,
  RecordPlan,
  RecordRow,
  RevokeOutcome,
} from "../../services/records.ts";
import { appealNoticeBlocks } from "../blocks/appeals.ts";
import { escapeSlackText, unescapeSlackText } from "../blocks/escape.ts";
import type { PlanSummary } from "../blocks/records.ts";
import { clauseText } from "../i18n/clause.ts";
import { errorText, type Lang, t } from "../i18n/index.ts";
import { readDateWord } from "../quickForm.ts";
import { langIn } from "../requestFlow.ts";
import { isSlackResponseUrl } from "../responseUrl.ts";
import { buttonJson } from "./actions/shared.ts";

type Amounts = { pointsHundredths: number; count: number; totalHundredths: number };

// ---------------------------------------------------------------------------------------------
// Quick form: `/deduct <@U…> CODE [points] [xCOUNT] [YYYY-MM-DD] [note…]`, `/deduct <windowId> W-CODE …`.

export interface QuickForm {
  /** A mention is a person; a bare word is a window id, or a person id when no window has that id. */
  target: { mention: string } | { bare: string };
  code: string;
  points?: number;
  count?: number;
  date?: string;
  note: string;
}

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
/** + or − in front of a number (ASCII, U+2212 minus, full-width ＋ －). */
const SIGN = "[+\\-\u2212\uFF0B\uFF0D]";
const POINTS_WORD = new RegExp(`^(${SIGN})?\\d+(?:\\.\\d+)?$`);
const COUNT_WORD = new RegExp(`^[x×*](${SIGN})?(\\d+(?:\\.\\d+)?)$`, "i");
const SIGNED = new RegExp(`^\\s*${SIGN}\\s*\\d`);

/** True when a typed number starts with + or − (the modal's points and count fields). */
export function isSignedNumber(text: string): boolean {
  return SIGNED.test(text);
}

export type QuickFormCode =
  | "RECORDS.QUICK_SYNTAX"
  | "RECORDS.BAD_POINTS"
  | "RECORDS.BAD_COUNT_TEXT"
  | "RECORDS.SIGNED_NUMBER"
  | "QUICK.BAD_DATE";

/**
 * Parses the text of /deduct or /bonus as Slack sends it (& < > escaped: mentions are read before the
 * entities are undone, then undone once per word). Points and counts carry no sign: the command and the
 * item say deduction or bonus (RECORDS.SIGNED_NUMBER). A date-like word that is not a real YYYY-MM-DD
 * date is refused (QUICK.BAD_DATE, as in the leave form) rather than read as the start of the note.
 */
export function parseQuickForm(slackText: string, today: string): Result<QuickForm, QuickFormCode> {
  // Invisible and control characters out first (cleanText leaves & ; < > alone, so entities survive).
  const text = cleanText(slackText);
  const tokens = [...text.matchAll(/\S+/g)];
  if (tokens.length < 2) return err("RECORDS.QUICK_SYNTAX");
  const first = tokens[0]![0];
  const mention = MENTION.exec(first);
  const target = mention ? { mention: mention[1]! } : { bare: unescapeSlackText(first) };
  if (!mention && first.startsWith("<")) return err("RECORDS.QUICK_SYNTAX");
  const code = unescapeSlackText(tokens[1]![0]).toUpperCase();
  const form: QuickForm = { target, code, note: "" };
  let i = 2;
  for (; i < tokens.length; i++) {
    const word = tokens[i]![0];
    const countMatch = COUNT_WORD.exec(word);
    const pointsMatch = POINTS_WORD.exec(word);
    const date = form.date === undefined ? readDateWord(word, today) : undefined;
    if ((countMatch?.[1] && form.count === undefined) || (pointsMatch?.[1] && form.points === undefined))
      return err("RECORDS.SIGNED_NUMBER", { value: word });
    if (countMatch && form.count === undefined) {
      form.count = Number(countMatch[2]);
      if (!Number.isInteger(form.count) || form.count < 1)
        return err("RECORDS.BAD_COUNT_TEXT", { count: word });
    } else if (pointsMatch && form.points === undefined) {
      const h = parseHundredths(word);
      if (h === null) return err("RECORDS.BAD_POINTS", { points: word });
      form.points = h;
    } else if (date !== undefined) {
      // A record has a day, not a half: "2026-07-14pm" is refused like any other malformed date.
      if (!date.ok || date.value.half) return err("QUICK.BAD_DATE", { token: word, halves: false });
      form.date = date.value.date;
    } else break;
  }
  if (i < tokens.length) form.note = unescapeSlackText(text.slice(tokens[i]!.index).trim());
  return ok(form);
}

// ---------------------------------------------------------------------------------------------
// The draft a quick form's Confirm button carries (Slack caps a button value at 2,000 characters; the
// note is capped at 500). `k` makes a second click file nothing (RECORDS.ALREADY_FILED); `a` is the
// filer's "file anyway" after the same act was found on record (RECORDS.DUPLICATE); `lp` the linked
// window item's points picked in the modal (the draft also carries a modal's filing past that warning).

const draftSchema = z.object({
  k: z.string().min(8),
  s: z.enum(["deduction", "bonus"]),
  tp: z.string().optional(),
  tw: z.string().optional(),
  c: z.string(),
  p: z.number().int().optional(),
  n: z.number().int().optional(),
  d: z.string(),
  o: z.string(),
  a: z.literal(true).optional(),
  lp: z.number().int().optional(),
});

export function encodeDraft(key: string, input: Omit<FileRecordInput, "filer">): string {
  return JSON.stringify({
    k: key,
    s: input.sign ?? "deduction",
    ...("person" in input.target ? { tp: input.target.person } : { tw: input.target.window }),
    c: input.code,
    ...(input.points !== undefined ? { p: input.points } : {}),
    ...(input.count !== undefined ? { n: input.count } : {}),
    d: input.date,
    o: input.note ?? "",
    ...(input.fileAnyway ? { a: true } : {}),
    ...(input.linkedPoints !== undefined ? { lp: input.linkedPoints } : {}),
  });
}

/** The key a decoded draft was encoded with (its idempotency key without the "draft:" prefix). */
export function draftKey(input: FileRecordInput): string {
  return (input.idempotencyKey ?? "").replace(/^draft:/, "");
}

/** "李明 already has S-ATT-LATE for 2026-11-20 (#12, filed by 何静). File it anyway?" */
export function duplicateWarning(lang: Lang, duplicate: Record<string, unknown>): string {
  const sep = lang === "zh" ? "" : " ";
  return `${errorText(lang, { code: "RECORDS.DUPLICATE", detail: duplicate })}${sep}${t(lang, "records.duplicate.ask")}`;
}

export function decodeDraft(value: string | undefined, filer: string): FileRecordInput | undefined {
  const d = buttonJson(draftSchema, value);
  const target = d?.tp ? { person: d.tp } : d?.tw ? { window: d.tw } : undefined;
  if (!d || !target) return undefined;
  return {
    filer,
    target,
    code: d.c,
    sign: d.s,
    date: d.d,
    // The value comes back as sent, but a signed request can carry anything: cleaned again.
    note: cleanText(d.o),
    idempotencyKey: `draft:${d.k}`,
    ...(d.p !== undefined ? { points: d.p } : {}),
    ...(d.n !== undefined ? { count: d.n } : {}),
    ...(d.lp !== undefined ? { linkedPoints: d.lp } : {}),
    ...(d.a ? { fileAnyway: true } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering inputs.

async function windowNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  return new Map((await windowRows(db, wanted)).map((w) => [w.id, w.name]));
}

export async function planSummary(db: Db, plan: RecordPlan): Promise<PlanSummary> {
  const names = await windowNames(
    db,
    plan.records.map((r) => r.windowId),
  );
  const main = plan.records[0]!;
  return {
    date: plan.date,
    note: plan.note,
    records: [
      ...plan.records.map((r) => ({ ...r, windowName: r.windowId ? names.get(r.windowId) : undefined })),
      // Shown to the filer as a line of its own, though scoring derives it from the main record (§4).
      ...(plan.leaderCharge
        ? [
            {
              item: main.item,
              personId: plan.leaderCharge.leaderId,
              windowId: null,
              pointsHundredths: plan.leaderCharge.pointsHundredths,
              count: plan.leaderCharge.count,
              totalHundredths: plan.leaderCharge.totalHundredths,
              role: "leader_charge" as const,
            },
          ]
        : []),
    ],
    skipped: plan.skipped,
  };
}

// ---------------------------------------------------------------------------------------------
// Replies and notices.

/**
 * Posts to a response_url carried through a modal's private_metadata (ephemeral by default); false when
 * there is none, when it is not Slack's (isSlackResponseUrl: nothing is sent, the refusal is logged),
 * or when Slack refused it or it expired. The caller then falls back to a DM.
 */
export async function replyVia(
  slack: { client: { slackApiUrl: string }; logger: { warn(message: string): void } },
  url: string | undefined,
  message: Record<string, unknown>,
): Promise<boolean> {
  if (!url) return false;
  if (!isSlackResponseUrl(url, slack.client.slackApiUrl)) {
    slack.logger.warn(
      `refused to post to a carried response_url that is not Slack's: ${JSON.stringify(url.slice(0, 100))}`,
    );
    return false;
  }
  try {
    const res = await fetch(url, {
      method: "POST",
      // Slack answers a response_url itself; a redirect would lead the post somewhere unchecked.
      redirect: "error",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** The Slack error code of a failed Web API call (channel_not_found …), else the message. */
export function slackError(e: unknown): string {
  const data = (e as { data?: { error?: unknown } }).data;
  if (data && typeof data.error === "string") return data.error;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Queues one DM per recipient in the transaction that filed or revoked (the service's notify,
 * src/services/notify.ts): the outbox delivers it, retrying until Slack takes it (src/jobs/outbox.ts).
 */
async function queueNotices(
  tx: DbTx,
  because: string,
  byRecipient: Map<string, (lang: Lang) => string[]>,
  /** The deductions each recipient may appeal from this notice, and until when (RULES.md §8a). */
  appeal?: { ids: Map<string, number[]>; deadline: string },
): Promise<void> {
  for (const [recipient, render] of byRecipient) {
    const lang = await langIn(tx, recipient);
    const text = render(lang).join("\n\n");
    const ids = appeal?.ids.get(recipient) ?? [];
    const blocks =
      appeal && ids.length > 0 ? appealNoticeBlocks(lang, text, ids, appeal.deadline) : undefined;
    await enqueue(tx, {
      key: `${because}:${recipient}`,
      channel: recipient,
      text,
      ...(blocks ? { blocks } : {}),
    });
  }
}

/** How long the filer's confirmation waits for the notices' first delivery, to name one that failed. */
const NOTICE_WAIT_MS = 2000;

/**
 * The filer's warnings for notices Slack refused for good (e.g. channel_not_found): waits, bounded, for
 * the outbox's first try at the notices `because` queued. A notice still being retried is not reported
 * (the outbox keeps at it). The notices themselves never wait for this: they were queued with the change.
 */
async function noticeWarnings(db: Db, because: string, filerLang: Lang): Promise<string[]> {
  const deadline = performance.now() + NOTICE_WAIT_MS;
  for (;;) {
    const rows = await queuedMessageStates(db, `${because}:`);
    const tried = rows.every((r) => r.state !== "sending" && (r.state !== "queued" || r.attempts > 0));
    if (tried || performance.now() >= deadline)
      return rows
        .filter((r) => r.state === "failed")
        .map((r) => t(filerLang, "records.notice_failed", { who: `<@${r.channel}>`, error: r.error ?? "" }));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Warnings for the filer about the notices of a filing (see noticeWarnings). */
export function filedNoticeWarnings(db: Db, filed: FileOutcome, filerLang: Lang): Promise<string[]> {
  return noticeWarnings(db, `record:${filed.rows[0]?.id}:filed`, filerLang);
}

/** Warnings for the revoker about the notices of a revocation (see noticeWarnings). */
export function revokedNoticeWarnings(db: Db, revoked: RevokeOutcome, lang: Lang): Promise<string[]> {
  return noticeWarnings(db, `record:${revoked.rows[0]?.id}:revoked`, lang);
}

function dmName(lang: Lang, code: string): string {
  const item = catalogItem(code);
  if (!item) return code;
  return lang === "en" ? `${item.en} / ${item.zh}` : item.zh;
}

function addFor(map: Map<string, (lang: Lang) => string[]>, who: string, render: (lang: Lang) => string) {
  const prev = map.get(who);
  map.set(who, (lang) => [...(prev ? prev(lang) : []), render(lang)]);
}

/** fileRecord's notify: the person (and, for window items and leader charges, the window leader) is told. */
export function fileNotices(ctx: ServiceContext): Notify<FileOutcome> {
  return async (tx, filed) => {
    await queueNotices(tx, `record:${filed.rows[0]?.id}:filed`, await filedNotices(tx, filed), {
      ids: await appealableIds(tx, filed.rows),
      deadline: filed.rows[0] ? appealDeadline(ctx, filed.rows[0].filedAt).day : "",
    });
    wakeOutbox(ctx.db);
  };
}

/** Who may appeal which of the deductions just filed: the person, or a window record's leader (§8a). */
async function appealableIds(db: DbTx, rows: readonly RecordRow[]): Promise<Map<string, number[]>> {
  const ids = new Map<string, number[]>();
  for (const row of rows) {
    if (catalogItem(row.code)?.sign !== "deduction") continue;
    const who = await appellantOf(db, row);
    if (who) ids.set(who, [...(ids.get(who) ?? []), row.id]);
  }
  return ids;
}

async function filedNotices(db: DbTx, filed: FileOutcome): Promise<Map<string, (lang: Lang) => string[]>> {
  const { rows, leaderCharge } = filed;
  const filer = rows[0]?.filedBy ?? "";
  const leaders = await windowLeaders(db, rows);
  const map = new Map<string, (lang: Lang) => string[]>();
  /** The DM's facts about `row`'s item, with the amounts that concern the recipient. */
  const facts = (lang: Lang, row: RecordRow, item: CatalogItem, amounts: Amounts) => ({
    filer,
    code: row.code,
    name: dmName(lang, row.code),
    section: clauseText(lang, item.section),
    points: t(lang, `records.points.${item.sign}`, {
      points: amounts.pointsHundredths,
      count: amounts.count,
      total: amounts.totalHundredths,
    }),
    date: row.date,
    note: row.note ? t(lang, "records.dm.note", { note: escapeSlackText(row.note) }) : "",
  });
  rows.forEach((row, i) => {
    const { item } = filed.records[i]!;
    if (row.personId) {
      addFor(map, row.personId, (lang) => t(lang, "records.dm.person", facts(lang, row, item, row)));
    } else if (row.windowId) {
      const leader = leaders.get(row.windowId);
      if (leader)
        addFor(map, leader.leaderId, (lang) =>
          t(lang, "records.dm.window", {
            ...facts(lang, row, item, row),
            window: escapeSlackText(leader.name),
          }),
        );
    }
  });
  // The leader's share is not a row of its own (scoring derives it from the main record, §4).
  const main = rows[0];
  if (main && leaderCharge) {
    const { item } = filed.records[0]!;
    addFor(map, leaderCharge.leaderId, (lang) =>
      t(lang, "records.dm.leader_charge", {
        ...facts(lang, main, item, leaderCharge),
        person: main.personId,
      }),
    );
  }
  return map;
}

/** revokeRecord's notify: the same people are told, and the window leader that their charge went with it. */
export function revokeNotices(ctx: ServiceContext): Notify<RevokeOutcome> {
  return async (tx, revoked) => {
    await queueNotices(tx, `record:${revoked.rows[0]?.id}:revoked`, await revokedNotices(tx, revoked));
    wakeOutbox(ctx.db);
  };
}

async function revokedNotices(
  db: DbTx,
  revoked: RevokeOutcome,
): Promise<Map<string, (lang: Lang) => string[]>> {
  const { rows, leaderCharge } = revoked;
  const reason = (rows[0]?.revokeReason ?? "").trim();
  const leaders = await windowLeaders(db, rows);
  const map = new Map<string, (lang: Lang) => string[]>();
  const facts = (lang: Lang, row: RecordRow) => ({
    id: row.id,
    code: row.code,
    name: dmName(lang, row.code),
    date: row.date,
    reason: escapeSlackText(reason),
  });
  for (const row of rows) {
    if (row.personId) addFor(map, row.personId, (lang) => t(lang, "records.dm.revoked", facts(lang, row)));
    else if (row.windowId) {
      const leader = leaders.get(row.windowId);
      if (leader)
        addFor(map, leader.leaderId, (lang) =>
          t(lang, "records.dm.window_revoked", { ...facts(lang, row), window: escapeSlackText(leader.name) }),
        );
    }
  }
  const main = rows[0];
  if (main && leaderCharge)
    addFor(map, leaderCharge.leaderId, (lang) =>
      t(lang, "records.dm.leader_charge_revoked", { ...facts(lang, main), person: main.personId }),
    );
  return map;
}

async function windowLeaders(
  db: DbTx,
  rows: readonly RecordRow[],
): Promise<Map<string, { leaderId: string; name: string }>> {
  const ids = [...new Set(rows.map((r) => r.windowId).filter((x): x is string => x !== null))];
  if (ids.length === 0) return new Map();
  const windows = await windowRows(db, ids);
  const out = new Map<string, { leaderId: string; name: string }>();
  for (const w of windows) if (w.leaderId) out.set(w.id, { leaderId: w.leaderId, name: w.name });
  return out;
}
