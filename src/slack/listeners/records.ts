// Glue shared by the record listeners (/deduct, /bonus, their buttons and modals): the quick form's
// parser, the draft a Confirm button carries, and the notices to the people concerned (RULES.md §8:
// a person's own deductions go to that person privately).
import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { type CatalogItem, catalogItem } from "../../domain/catalog.ts";
import { isIsoDate } from "../../domain/dates.ts";
import { parseHundredths } from "../../domain/points.ts";
import { err, ok, type Result } from "../../domain/result.ts";
import type {
  FileOutcome,
  FileRecordInput,
  RecordPlan,
  RecordRow,
  RevokeOutcome,
} from "../../services/records.ts";
import { escapeSlackText, unescapeSlackText } from "../blocks/escape.ts";
import type { PlanSummary } from "../blocks/records.ts";
import { type Lang, t } from "../i18n/index.ts";
import { userLang } from "../i18n/locale.ts";
import { buttonJson } from "./actions/shared.ts";

type WebClient = webApi.WebClient;
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

export function parseQuickForm(
  text: string,
): Result<QuickForm, "RECORDS.QUICK_SYNTAX" | "RECORDS.BAD_POINTS" | "RECORDS.BAD_COUNT_TEXT"> {
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
    const countMatch = /^[x×*](\d+)$/i.exec(word);
    if (countMatch && form.count === undefined) {
      form.count = Number(countMatch[1]);
      if (form.count < 1) return err("RECORDS.BAD_COUNT_TEXT", { count: word });
    } else if (isIsoDate(word) && form.date === undefined) form.date = word;
    else if (/^[+-]?\d+(\.\d+)?$/.test(word) && form.points === undefined) {
      const h = parseHundredths(word.replace(/^[+-]/, ""));
      if (h === null) return err("RECORDS.BAD_POINTS", { points: word });
      form.points = h;
    } else break;
  }
  if (i < tokens.length) form.note = unescapeSlackText(text.slice(tokens[i]!.index).trim());
  return ok(form);
}

// ---------------------------------------------------------------------------------------------
// The draft a quick form's Confirm button carries (Slack caps a button value at 2,000 characters; the
// note is capped at 500). `k` makes a second click file nothing (RECORDS.ALREADY_FILED).

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
  });
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
    note: d.o,
    idempotencyKey: `draft:${d.k}`,
    ...(d.p !== undefined ? { points: d.p } : {}),
    ...(d.n !== undefined ? { count: d.n } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering inputs.

async function windowNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.window.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((w) => [w.id, w.name]));
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

/** Posts to a response_url (ephemeral by default); false when Slack refused it or it expired. */
export async function replyVia(url: string | undefined, message: Record<string, unknown>): Promise<boolean> {
  if (!url) return false;
  try {
    const res = await fetch(url, {
      method: "POST",
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

/** Sends one DM per recipient; returns, in the filer's language, a line per notice that failed. */
async function sendNotices(
  client: WebClient,
  db: Db,
  filerLang: Lang,
  byRecipient: Map<string, (lang: Lang) => string[]>,
): Promise<string[]> {
  const warnings: string[] = [];
  for (const [recipient, render] of byRecipient) {
    const lang = await userLang(client, db, recipient);
    const text = render(lang).join("\n\n");
    try {
      await client.chat.postMessage({ channel: recipient, text, unfurl_links: false });
    } catch (e) {
      warnings.push(t(filerLang, "records.notice_failed", { who: `<@${recipient}>`, error: slackError(e) }));
    }
  }
  return warnings;
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

/** Tells the person (and, for window items and leader charges, the window leader) what was filed. */
export async function notifyFiled(
  client: WebClient,
  db: Db,
  filer: string,
  filerLang: Lang,
  filed: FileOutcome,
): Promise<string[]> {
  const { rows, leaderCharge } = filed;
  const leaders = await windowLeaders(db, rows);
  const map = new Map<string, (lang: Lang) => string[]>();
  /** The DM's facts about `row`'s item, with the amounts that concern the recipient. */
  const facts = (lang: Lang, row: RecordRow, item: CatalogItem, amounts: Amounts) => ({
    filer,
    code: row.code,
    name: dmName(lang, row.code),
    section: item.section,
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
  return sendNotices(client, db, filerLang, map);
}

/** Tells the same people that the records were revoked, and the window leader that their charge went with it. */
export async function notifyRevoked(
  client: WebClient,
  db: Db,
  filerLang: Lang,
  revoked: RevokeOutcome,
  reason: string,
): Promise<string[]> {
  const { rows, leaderCharge } = revoked;
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
  return sendNotices(client, db, filerLang, map);
}

async function windowLeaders(
  db: Db,
  rows: readonly RecordRow[],
): Promise<Map<string, { leaderId: string; name: string }>> {
  const ids = [...new Set(rows.map((r) => r.windowId).filter((x): x is string => x !== null))];
  if (ids.length === 0) return new Map();
  const windows = await db.window.findMany({ where: { id: { in: ids } } });
  const out = new Map<string, { leaderId: string; name: string }>();
  for (const w of windows) if (w.leaderId) out.set(w.id, { leaderId: w.leaderId, name: w.name });
  return out;
}
