// A proposed record (state "proposed": the bot proposes, inspection decides, RULES.md §8 — W-AB here,
// services/abCover.ts) confirmed or dismissed one at a time by any inspection member. Whatever proposed
// it: the attendance import has its month-wide confirmAttendance; meetings.ts its own for a meeting's.
import { err, ok, type Result } from "../domain/result.ts";
import { audit } from "./approvals.ts";
import type { ServiceContext } from "./context.ts";
import type { Notify } from "./notify.ts";
import { hasCenterRole } from "./org.ts";
import { isMonthClosed, type RecordRow } from "./records.ts";

export interface ProposalDecision {
  record: RecordRow;
  confirmed: boolean;
  /** False when the record was already decided this way (a second click). */
  changed: boolean;
}

/**
 * Inspection confirms a proposed record (it starts to count, filed by the confirmer) or dismisses it
 * (kept as dismissed, never counted) — one record at a time, whatever proposed it (W-AB here; the
 * attendance import has its month-wide confirmAttendance). Codes: RECORDS.NOT_INSPECTION,
 * RECORDS.NOT_FOUND {id}, RECORDS.MONTH_CLOSED {month}, PROPOSAL.DECIDED {state}.
 */
export async function decideProposedRecord(
  ctx: ServiceContext,
  input: { recordId: number; actor: string; confirm: boolean },
  /** Tells the people concerned inside the decision's transaction (not called when nothing changed). */
  notify?: Notify<ProposalDecision>,
): Promise<Result<ProposalDecision>> {
  if (!(await hasCenterRole(ctx.db, input.actor, "inspection"))) return err("RECORDS.NOT_INSPECTION");
  const record = await ctx.db.record.findUnique({ where: { id: input.recordId } });
  if (!record) return err("RECORDS.NOT_FOUND", { id: input.recordId });
  const target = input.confirm ? "active" : "dismissed";
  if (record.state === target) return ok({ record, confirmed: input.confirm, changed: false });
  if (record.state !== "proposed") return err("PROPOSAL.DECIDED", { state: record.state });
  if (await isMonthClosed(ctx.db, record.month)) return err("RECORDS.MONTH_CLOSED", { month: record.month });
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const data = input.confirm
      ? { state: "active", filedBy: input.actor, filedAt: now }
      : {
          state: "dismissed",
          revokedBy: input.actor,
          revokedAt: now,
          revokeReason: "dismissed at confirmation",
        };
    const c = await tx.record.updateMany({ where: { id: record.id, state: "proposed" }, data });
    const after = await tx.record.findUniqueOrThrow({ where: { id: record.id } });
    if (c.count !== 1) {
      if (after.state === target) return ok({ record: after, confirmed: input.confirm, changed: false });
      return err("PROPOSAL.DECIDED", { state: after.state });
    }
    await audit(
      tx,
      now,
      input.actor,
      input.confirm ? "record.confirm" : "record.dismiss",
      "Record",
      record.id,
      { state: "proposed" },
      { state: after.state },
    );
    const decided: ProposalDecision = { record: after, confirmed: input.confirm, changed: true };
    await notify?.(tx, decided);
    return ok(decided);
  });
}
