// Inspectors' records (RULES.md §4, §6): deductions and bonuses filed against a person or a window.
// Only inspection members file. Filing a staff item also files the window item it implies (setting
// scoring.linkWindowItems), in one transaction; a closed month refuses. The window leader's share of
// S-ATT-FALSETRIP / S-ATT-DELEGATE is not stored: scoring derives it from the person's record (§4), so
// the plan only names it (to tell the filer and the leader). Revoking (the filer or the director, with
// a reason) revokes the records filed with it. Every change lands in AuditLog.
import type { Db, Prisma } from "../db/client.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { connectionOf, periodStateRaw, recordSumsRaw, sameRecordsRaw } from "../db/hotPath.ts";
import {
  type CatalogItem,
  catalogItem,
  checkMonthlyLimit,
  type MonthHalfDays,
  type ValidatedRecord,
  validateRecordInput,
} from "../domain/catalog.ts";
import { isIsoDate, lastDayOfMonth, monthOf, shanghaiDate, yearOf } from "../domain/dates.ts";
import type { Hundredths } from "../domain/points.ts";
import { err, ok, type Result } from "../domain/result.ts";
import type { ServiceContext } from "./context.ts";
import { atMonth } from "./monthSettings.ts";
import type { Notify } from "./notify.ts";
import { hasCenterRole } from "./org.ts";
import { personWithWindow } from "./orgLookups.ts";

type Tx = Db | Prisma.TransactionClient;
export type RecordRow = Prisma.RecordModel;

/** Longest note kept with a record (it travels in a button value and a DM). */
export const MAX_NOTE_LENGTH = 500;

export type RecordTarget = { person: string } | { window: string };

export interface FileRecordInput {
  filer: string;
  target: RecordTarget;
  code: string;
  /** Points per unit; required for range items, must equal the value of fixed items. */
  points?: Hundredths;
  count?: number;
  /** The day it happened (Shanghai date); its month is the record's month. */
  date: string;
  note?: string;
  /** The filer picked this value for the linked window item instead of its fixed value / range bottom. */
  linkedPoints?: Hundredths;
  /** Which command was used: /deduct refuses bonus items and /bonus deduction items. */
  sign?: "deduction" | "bonus";
  /** Files at most once per key (a confirmation button clicked twice): RECORDS.ALREADY_FILED. */
  idempotencyKey?: string;
  /**
   * The filer saw that the same act is already on record (RECORDS.DUPLICATE) and chose "file anyway":
   * file it all the same (the AuditLog row says so).
   */
  fileAnyway?: boolean;
}

/**
 * The same act already on record: an active record of the main record's code, for the same person
 * (or window) on the same date. Two inspectors who saw the same lateness would file it twice.
 */
export interface DuplicateOf {
  person: string | null;
  window: string | null;
  windowName: string | null;
  code: string;
  date: string;
  /** The records already on file, oldest first, and who filed each. */
  ids: number[];
  filers: string[];
}

/** One record the filing would write (or wrote). */
export interface PlannedRecord {
  item: CatalogItem;
  personId: string | null;
  windowId: string | null;
  pointsHundredths: Hundredths;
  count: number;
  totalHundredths: Hundredths;
  /** "main" or the linked window item. */
  role: "main" | "linked_window";
}

/**
 * The window leader's share of the main record (§4 S-ATT-FALSETRIP, S-ATT-DELEGATE). Information only:
 * scoring charges it from the person's record, so revoking that record takes the charge away too.
 */
export interface LeaderCharge {
  leaderId: string;
  pointsHundredths: Hundredths;
  count: number;
  totalHundredths: Hundredths;
}

export type SkipReason = "no_window" | "no_leader" | "leader_is_target" | "setting_off";

export interface RecordPlan {
  month: string;
  date: string;
  note: string;
  records: PlannedRecord[];
  /** The window leader's charge that scoring derives from the main record, if any. */
  leaderCharge?: LeaderCharge;
  /** Implied records or charges not made, and why (shown to the filer). */
  skipped: Array<{ code: string; role: "linked_window" | "leader_charge"; reason: SkipReason }>;
  /** Set when the same act is already on record: filing asks "file anyway?" first. */
  duplicate?: DuplicateOf;
}

export interface FileOutcome extends RecordPlan {
  /** The rows written, in plan order (main first). */
  rows: RecordRow[];
}

export type RecordErrorCode =
  | "RECORDS.NOT_INSPECTION"
  | "RECORDS.BAD_DATE"
  | "RECORDS.FUTURE_DATE"
  | "RECORDS.UNKNOWN_PERSON"
  | "RECORDS.PERSON_INACTIVE"
  | "RECORDS.UNKNOWN_WINDOW"
  | "RECORDS.WRONG_SIGN"
  | "RECORDS.NOTE_TOO_LONG"
  | "RECORDS.REQUIRES"
  | "RECORDS.NO_LINKED_ITEM"
  | "RECORDS.MONTH_CLOSED"
  | "RECORDS.ALREADY_FILED"
  | "RECORDS.DUPLICATE"
  | "RECORDS.NOT_FOUND"
  | "RECORDS.NOT_ALLOWED"
  | "RECORDS.REASON_REQUIRED"
  | "RECORDS.ALREADY_REVOKED";

export async function isMonthClosed(db: Tx, month: string): Promise<boolean> {
  // Prepared statements where every /deduct preview reads (src/db/hotPath.ts, issue #11).
  const raw = connectionOf(db);
  if (raw) return periodStateRaw(raw, month) === "closed";
  const p = await db.period.findUnique({ where: { period: month } });
  return p?.state === "closed";
}

/** The window leader's charge a person's record implies (§4), or why there is none. */
function leaderChargeOf(
  item: CatalogItem,
  personId: string,
  window: { leaderId: string | null } | null,
  count: number,
): LeaderCharge | "no_leader" | "leader_is_target" | undefined {
  if (item.leaderCharge === undefined) return undefined;
  const leaderId = window?.leaderId ?? null;
  if (!leaderId) return "no_leader";
  if (leaderId === personId) return "leader_is_target";
  return { leaderId, pointsHundredths: item.leaderCharge, count, totalHundredths: item.leaderCharge * count };
}

/** The month's half days for the plausible-count bound (RULES.md §8); all days when its year is not loaded. */
function monthHalfDays(ctx: ServiceContext, month: string): MonthHalfDays {
  const all = 2 * Number(lastDayOfMonth(month).slice(8));
  return {
    all,
    working: ctx.calendar.coversYear(yearOf(month)) ? 2 * ctx.calendar.workingDaysInMonth(month) : all,
  };
}

/** The filing together with what the target already has of the item that month (§8, checkMonthlyLimit). */
async function withinMonthlyLimit(
  db: Tx,
  v: ValidatedRecord,
  target: { personId: string } | { windowId: string },
  month: string,
  halfDays: MonthHalfDays,
) {
  const raw = connectionOf(db);
  if (raw) return checkMonthlyLimit(v, recordSumsRaw(raw, target, month, v.item.code), halfDays);
  const filed = await db.record.aggregate({
    where: { ...target, month, code: v.item.code, state: "active" },
    _sum: { count: true, totalHundredths: true },
  });
  return checkMonthlyLimit(
    v,
    { count: filed._sum.count ?? 0, totalHundredths: filed._sum.totalHundredths ?? 0 },
    halfDays,
  );
}

/** Active records of the same act as `main` (same code, same person or window, same date). */
async function duplicateOf(
  db: Tx,
  main: PlannedRecord,
  date: string,
  windowName: string | null,
): Promise<DuplicateOf | undefined> {
  const raw = main.personId || main.windowId ? connectionOf(db) : null;
  const target = main.personId ? { personId: main.personId } : { windowId: main.windowId ?? "" };
  const same = raw
    ? sameRecordsRaw(raw, target, main.item.code, date, 10)
    : await db.record.findMany({
        where: {
          code: main.item.code,
          date,
          state: "active",
          ...(main.personId ? { personId: main.personId } : { windowId: main.windowId }),
        },
        orderBy: { id: "asc" },
        select: { id: true, filedBy: true },
        take: 10, // enough to name; the warning stays short
      });
  if (same.length === 0) return undefined;
  return {
    person: main.personId,
    window: main.personId ? null : main.windowId,
    windowName: main.personId ? null : windowName,
    code: main.item.code,
    date,
    ids: same.map((r) => r.id),
    filers: [...new Set(same.map((r) => r.filedBy))],
  };
}

/**
 * Checks a filing and works out every record it implies, without writing. The plan names the same
 * act already on record (`duplicate`), if any; fileRecord refuses it unless the filer chose to file
 * anyway.
 */
export async function planRecord(
  ctx: ServiceContext,
  input: FileRecordInput,
  db: Tx = ctx.db,
): Promise<Result<RecordPlan>> {
  if (!(await hasCenterRole(db, input.filer, "inspection"))) return err("RECORDS.NOT_INSPECTION");
  if (!isIsoDate(input.date)) return err("RECORDS.BAD_DATE", { date: input.date });
  const today = shanghaiDate(ctx.clock.now());
  if (input.date > today) return err("RECORDS.FUTURE_DATE", { date: input.date, today });
  const note = (input.note ?? "").trim();
  if (note.length > MAX_NOTE_LENGTH) return err("RECORDS.NOTE_TOO_LONG", { max: MAX_NOTE_LENGTH });

  const known = catalogItem(input.code);
  if (known && input.sign && known.sign !== input.sign)
    return err("RECORDS.WRONG_SIGN", { code: known.code, sign: known.sign });

  const month = monthOf(input.date);
  const halfDays = monthHalfDays(ctx, month);
  const records: PlannedRecord[] = [];
  const skipped: RecordPlan["skipped"] = [];
  let leaderCharge: LeaderCharge | undefined;
  let windowName: string | null = null;

  if ("person" in input.target) {
    // The person and their window in one statement (every /deduct preview reads them: issue #11).
    const person = await personWithWindow(db, input.target.person);
    if (!person) return err("RECORDS.UNKNOWN_PERSON", { person: input.target.person });
    if (!person.active) return err("RECORDS.PERSON_INACTIVE", { person: person.id, name: person.name });
    const v = validateRecordInput({
      code: input.code,
      target: "person",
      points: input.points,
      count: input.count,
      role: person.role === "window_leader" ? "window_leader" : "staff",
      month: halfDays,
    });
    if (!v.ok) return v;
    const limit = await withinMonthlyLimit(db, v.value, { personId: person.id }, month, halfDays);
    if (!limit.ok) return limit;
    const { item, count } = v.value;
    records.push({
      item,
      personId: person.id,
      windowId: null,
      pointsHundredths: v.value.pointsHundredths,
      count,
      totalHundredths: v.value.totalHundredths,
      role: "main",
    });

    // S-BON-HONOUR comes only on top of an S-BON-ACTIVITY that month (§4 再加).
    if (item.requires) {
      const base = await db.record.count({
        where: { personId: person.id, month, code: item.requires, state: "active" },
      });
      if (base === 0) return err("RECORDS.REQUIRES", { code: item.code, requires: item.requires, month });
    }

    const window = person.window;

    // §6 linked items: the window item at its fixed value or range bottom unless the filer picked another.
    if (item.linkedWindowCode) {
      if (!atMonth(ctx, month).settings.scoring.linkWindowItems) {
        skipped.push({ code: item.linkedWindowCode, role: "linked_window", reason: "setting_off" });
      } else if (!window) {
        skipped.push({ code: item.linkedWindowCode, role: "linked_window", reason: "no_window" });
      } else {
        const linkedItem = catalogItem(item.linkedWindowCode)!;
        const lv = validateRecordInput({
          code: linkedItem.code,
          target: "window",
          points: input.linkedPoints ?? linkedItem.min,
          count,
          month: halfDays,
        });
        if (!lv.ok) return lv;
        records.push({
          item: linkedItem,
          personId: null,
          windowId: window.id,
          pointsHundredths: lv.value.pointsHundredths,
          count,
          totalHundredths: lv.value.totalHundredths,
          role: "linked_window",
        });
      }
    } else if (input.linkedPoints !== undefined) {
      return err("RECORDS.NO_LINKED_ITEM", { code: item.code });
    }

    // §4 S-ATT-FALSETRIP / S-ATT-DELEGATE: also charged, per count, to the person's window leader
    // (by scoring, from this record). Not to the target itself: a leader who falsified their own trip
    // takes the person's deduction only.
    const charge = leaderChargeOf(item, person.id, window, count);
    if (typeof charge === "string") skipped.push({ code: item.code, role: "leader_charge", reason: charge });
    else leaderCharge = charge;
  } else {
    const window = await db.window.findUnique({ where: { id: input.target.window } });
    if (!window?.active) return err("RECORDS.UNKNOWN_WINDOW", { window: input.target.window });
    windowName = window.name;
    const v = validateRecordInput({
      code: input.code,
      target: "window",
      points: input.points,
      count: input.count,
      month: halfDays,
    });
    if (!v.ok) return v;
    if (input.linkedPoints !== undefined) return err("RECORDS.NO_LINKED_ITEM", { code: v.value.item.code });
    const limit = await withinMonthlyLimit(db, v.value, { windowId: window.id }, month, halfDays);
    if (!limit.ok) return limit;
    records.push({
      item: v.value.item,
      personId: null,
      windowId: window.id,
      pointsHundredths: v.value.pointsHundredths,
      count: v.value.count,
      totalHundredths: v.value.totalHundredths,
      role: "main",
    });
  }

  if (await isMonthClosed(db, month)) return err("RECORDS.MONTH_CLOSED", { month });
  const duplicate = await duplicateOf(db, records[0]!, input.date, windowName);
  return ok({
    month,
    date: input.date,
    note,
    records,
    ...(leaderCharge ? { leaderCharge } : {}),
    skipped,
    ...(duplicate ? { duplicate } : {}),
  });
}

class Refused extends Error {
  constructor(readonly result: Result<never>) {
    super("refused");
  }
}

/**
 * Files a record and the records it implies, in one transaction. The same act already on record is
 * refused (RECORDS.DUPLICATE, with DuplicateOf as detail) unless `fileAnyway`: the check runs inside
 * the transaction that writes, so of two inspectors confirming the same act at the same moment the
 * second is asked, never silently filed twice (SQLite runs one write transaction at a time).
 */
export async function fileRecord(
  ctx: ServiceContext,
  input: FileRecordInput,
  /** Tells the people concerned, inside the transaction (src/services/notify.ts). */
  notify?: Notify<FileOutcome>,
): Promise<Result<FileOutcome>> {
  try {
    return await ctx.db.$transaction(async (tx) => {
      if (input.idempotencyKey) {
        try {
          await tx.inboundDelivery.create({
            data: { key: `record:${input.idempotencyKey}`, receivedAt: ctx.clock.now() },
          });
        } catch (e) {
          if (isUniqueViolation(e)) throw new Refused(err("RECORDS.ALREADY_FILED"));
          throw e;
        }
      }
      const plan = await planRecord(ctx, input, tx);
      if (!plan.ok) throw new Refused(plan);
      const duplicate = plan.value.duplicate;
      if (duplicate && !input.fileAnyway) throw new Refused(err("RECORDS.DUPLICATE", { ...duplicate }));
      const now = ctx.clock.now();
      const rows: RecordRow[] = [];
      for (const r of plan.value.records) {
        const row = await tx.record.create({
          data: {
            month: plan.value.month,
            date: plan.value.date,
            code: r.item.code,
            personId: r.personId,
            windowId: r.windowId,
            count: r.count,
            pointsHundredths: r.pointsHundredths,
            totalHundredths: r.totalHundredths,
            note: plan.value.note,
            filedBy: input.filer,
            filedAt: now,
            source: r.role === "main" ? "manual" : "linked",
            linkedFromId: r.role === "main" ? null : (rows[0]?.id ?? null),
          },
        });
        rows.push(row);
        await tx.auditLog.create({
          data: {
            at: now,
            actorId: input.filer,
            action: "record.file",
            entity: "Record",
            entityId: String(row.id),
            after: JSON.stringify(row),
            // Filed although the same act was on record: the filer was asked and chose to.
            note:
              duplicate && r.role === "main"
                ? `filed anyway: ${duplicate.code} ${duplicate.date} already on record as ${duplicate.ids.map((id) => `#${id}`).join(", ")}`
                : null,
          },
        });
      }
      const filed: FileOutcome = { ...plan.value, rows };
      await notify?.(tx, filed);
      return ok(filed);
    });
  } catch (e) {
    if (e instanceof Refused) return e.result as Result<never>;
    throw e;
  }
}

export interface RevokeInput {
  actor: string;
  id: number;
  reason: string;
}

export interface RevokeOutcome {
  /** The record asked for first, then the records filed with it that were still active. */
  rows: RecordRow[];
  /** The window leader's charge that went with the person's record (scoring no longer makes it). */
  leaderCharge?: LeaderCharge;
}

/**
 * Revokes a record and the records filed with it (the linked window item; a leader's charge goes with
 * the person's record, as scoring derives it). Allowed to the
 * filer and the director (decision: other inspection members ask the filer), with a reason, while the
 * month is open. Idempotent: a second revoke is RECORDS.ALREADY_REVOKED and changes nothing.
 */
export async function revokeRecord(
  ctx: ServiceContext,
  input: RevokeInput,
  notify?: Notify<RevokeOutcome>,
): Promise<Result<RevokeOutcome>> {
  const reason = input.reason.trim();
  if (!reason) return err("RECORDS.REASON_REQUIRED");
  if (reason.length > MAX_NOTE_LENGTH) return err("RECORDS.NOTE_TOO_LONG", { max: MAX_NOTE_LENGTH });
  try {
    return await ctx.db.$transaction(async (tx) => ok(await revokeWithin(ctx, tx, input, reason, notify)));
  } catch (e) {
    if (e instanceof Refused) return e.result as Result<never>;
    throw e;
  }
}

/**
 * A revoke appealed against and decided "revoke" (src/services/appeals.ts): the same revoke inside the
 * appeal's transaction, by its reviewer, who need not be the filer or the director (RULES.md §8a).
 * Returns the codes revokeRecord would (a closed month: RECORDS.MONTH_CLOSED).
 */
export async function revokeOnAppeal(
  ctx: ServiceContext,
  tx: Prisma.TransactionClient,
  input: RevokeInput,
  notify?: Notify<RevokeOutcome>,
): Promise<Result<RevokeOutcome>> {
  try {
    return ok(await revokeWithin(ctx, tx, input, input.reason.trim(), notify, { byAppeal: true }));
  } catch (e) {
    if (e instanceof Refused) return e.result as Result<never>;
    throw e;
  }
}

async function revokeWithin(
  ctx: ServiceContext,
  tx: Prisma.TransactionClient,
  input: RevokeInput,
  reason: string,
  notify: Notify<RevokeOutcome> | undefined,
  opts: { byAppeal?: boolean } = {},
): Promise<RevokeOutcome> {
  const record = await tx.record.findUnique({ where: { id: input.id } });
  if (!record) throw new Refused(err("RECORDS.NOT_FOUND", { id: input.id }));
  if (!opts.byAppeal && record.filedBy !== input.actor && !(await hasCenterRole(tx, input.actor, "director")))
    throw new Refused(err("RECORDS.NOT_ALLOWED", { id: record.id, filer: record.filedBy }));
  if (await isMonthClosed(tx, record.month))
    throw new Refused(err("RECORDS.MONTH_CLOSED", { month: record.month }));
  const now = ctx.clock.now();
  const revoke = { state: "revoked", revokedBy: input.actor, revokedAt: now, revokeReason: reason };
  // Buttons cannot be disabled: only an active record changes state.
  const first = await tx.record.updateMany({ where: { id: record.id, state: "active" }, data: revoke });
  if (first.count === 0) throw new Refused(err("RECORDS.ALREADY_REVOKED", { id: record.id }));
  const linked = await tx.record.findMany({
    where: { linkedFromId: record.id, state: "active" },
    orderBy: { id: "asc" },
  });
  await tx.record.updateMany({
    where: { id: { in: linked.map((r) => r.id) }, state: "active" },
    data: revoke,
  });
  const rows = await tx.record.findMany({
    where: { id: { in: [record.id, ...linked.map((r) => r.id)] } },
    orderBy: { id: "asc" },
  });
  // Revoked by its filer or the director while under appeal (申诉, RULES.md §8a): the appeal has what it
  // asked for, and is closed as revoked (the appeal's own revoke decides it itself).
  if (!opts.byAppeal)
    await tx.appeal.updateMany({
      where: { recordId: { in: rows.map((r) => r.id) }, state: "open" },
      data: { state: "revoked", decidedBy: input.actor, decidedAt: now, note: reason },
    });
  for (const row of rows) {
    await tx.auditLog.create({
      data: {
        at: now,
        actorId: input.actor,
        action: "record.revoke",
        entity: "Record",
        entityId: String(row.id),
        before: JSON.stringify({ state: "active" }),
        after: JSON.stringify({ state: "revoked", revokedBy: input.actor }),
        note: reason,
      },
    });
  }
  const item = catalogItem(record.code);
  const person = record.personId
    ? await tx.person.findUnique({ where: { id: record.personId }, select: { windowId: true } })
    : null;
  const window = person?.windowId
    ? await tx.window.findUnique({ where: { id: person.windowId }, select: { leaderId: true } })
    : null;
  const charge =
    item && record.personId ? leaderChargeOf(item, record.personId, window, record.count) : undefined;
  const revoked: RevokeOutcome = {
    rows,
    ...(typeof charge === "object" ? { leaderCharge: charge } : {}),
  };
  await notify?.(tx, revoked);
  return revoked;
}

export async function getRecord(db: Tx, id: number): Promise<RecordRow | null> {
  return db.record.findUnique({ where: { id } });
}
