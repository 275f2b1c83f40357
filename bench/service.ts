// The work behind the hot path, measured without HTTP (issue #11 "Work done"): a bounded loop calling
// the same functions the listeners call, one after another, on a real SQLite file (bench/run.ts
// prepares it: the bench org and pending approval steps).
//   decision – decideStep with decisionNotices (the click's listener): the step decided, the next one
//              activated, every outbox row stored, committed;
//   /qingjia – the leave quick form's preview (userLang + quickFormReply, as the listener);
//   /deduct  – the deduction quick form's preview (userLang + quickRecordReply, as the listener).
// Prints statements per operation (src/db/statements.ts) and operations per second; sequential, so the
// rate is one core's (the event loop's), which is what one bot process gets.
import { createDb } from "../src/db/client.ts";
import { statementCount } from "../src/db/statements.ts";
import { decideStep } from "../src/services/approvals.ts";
import { loadWorkCalendar } from "../src/services/calendar.ts";
import { fixedClock } from "../src/services/clock.ts";
import { loadSettings } from "../src/services/settings.ts";
import { userLang } from "../src/slack/i18n/locale.ts";
import { quickRecordReply } from "../src/slack/listeners/commands/record.ts";
import { decisionNotices } from "../src/slack/requestFlow.ts";
import { quickFormReply } from "../src/slack/requestForms.ts";

export interface ServiceRow {
  name: string;
  count: number;
  perSecond: number;
  statementsPer: number;
  /** Targets (issue #11): operations a second, statements per operation (null: none set). */
  targetPerSecond: number;
  targetStatements: number | null;
}

export interface ServiceInputs {
  file: string;
  now: string;
  /** Pending steps and who decides each (window leaders). */
  pending: readonly { stepId: number; leader: string }[];
  /** People who may ask for leave, and the working days to ask for. */
  people: readonly string[];
  workdays: readonly string[];
  inspectors: readonly string[];
  /** Operations per scenario (after a warm-up of a tenth, at least 1). */
  count: number;
}

export const SERVICE_TARGETS = { decisionsPerSecond: 500, previewsPerSecond: 500, decisionStatements: 5 };

// The client passed to userLang is never called (it reads the stored locale only).
const noClient = {} as Parameters<typeof userLang>[0];

export async function serviceBenchmarks(i: ServiceInputs): Promise<ServiceRow[]> {
  const db = createDb(`file:${i.file}`);
  try {
    const ctx = {
      db,
      clock: fixedClock(i.now),
      calendar: await loadWorkCalendar(db),
      settings: await loadSettings(db),
    };
    const warm = Math.max(1, Math.floor(i.count / 10));
    const total = warm + i.count;
    if (i.pending.length < total) throw new Error(`service bench: ${i.pending.length} steps < ${total}`);
    const notices = decisionNotices(ctx);
    const ops: { name: string; op: (n: number) => Promise<void>; target: number; stmts: number | null }[] = [
      {
        name: "approval decision (decideStep + notices, committed)",
        target: SERVICE_TARGETS.decisionsPerSecond,
        stmts: SERVICE_TARGETS.decisionStatements,
        op: async (n) => {
          const p = i.pending[n]!;
          const r = await decideStep(
            ctx,
            { stepId: p.stepId, actorId: p.leader, decision: "approve" },
            notices,
          );
          if (!r.ok) throw new Error(`decision refused: ${r.code}`);
        },
      },
      {
        name: "/qingjia preview (quickFormReply)",
        target: SERVICE_TARGETS.previewsPerSecond,
        stmts: null,
        op: async (n) => {
          const user = i.people[n % i.people.length]!;
          const date = i.workdays[Math.floor(n / i.people.length) % i.workdays.length]!;
          const lang = await userLang(noClient, db, user);
          const r = await quickFormReply(ctx, lang, user, `事假 ${date}am 家中有事`, "leave");
          if (!r.ok) throw new Error(`preview refused: ${r.text}`);
        },
      },
      {
        name: "/deduct preview (quickRecordReply)",
        target: SERVICE_TARGETS.previewsPerSecond,
        stmts: null,
        op: async (n) => {
          const filer = i.inspectors[n % i.inspectors.length]!;
          const target = i.people[n % i.people.length]!;
          const lang = await userLang(noClient, db, filer);
          const r = await quickRecordReply(
            ctx,
            lang,
            filer,
            `<@${target}> S-ATT-LATE 迟到 ${1 + (n % 9)} 分钟`,
            "deduction",
            "/deduct",
          );
          if (!r.blocks) throw new Error(`preview refused: ${r.text}`);
        },
      },
    ];
    const rows: ServiceRow[] = [];
    // BENCH_SERVICE=decision (or a comma-separated list of name prefixes): profile one scenario alone.
    const only = process.env.BENCH_SERVICE?.split(",").filter(Boolean);
    for (const o of ops.filter((x) => !only || only.some((p) => x.name.startsWith(p)))) {
      for (let n = 0; n < warm; n++) await o.op(n);
      const before = statementCount();
      const t = performance.now();
      for (let n = warm; n < total; n++) await o.op(n);
      const ms = performance.now() - t;
      rows.push({
        name: o.name,
        count: i.count,
        perSecond: (i.count * 1000) / ms,
        statementsPer: (statementCount() - before) / i.count,
        targetPerSecond: o.target,
        targetStatements: o.stmts,
      });
    }
    return rows;
  } finally {
    await db.$disconnect();
  }
}
