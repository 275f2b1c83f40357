// Fuzzing the running app over HTTP (issue #9, "Also"): random and mutated slash commands, block_actions,
// view_submissions, option requests and events, every one correctly signed, sent to the real app
// (startAppHarness: real Bolt app, real SQLite file, the strict Slack stand-in). The deliveries start
// from valid ones — the app's own buttons and modals, harvested as the run goes, so chains really move —
// and up to three mutations are applied: wrong types, null, deleted fields, huge strings, control
// characters, forged ids, negative and huge numbers, foreign URLs.
//
// Properties, checked after every delivery:
//   - the answer is 2xx or 4xx, never a 5xx or a dropped connection;
//   - a refusal (4xx, a malformed_payload reply, a modal's field errors) writes nothing: the state tables
//     and the audit log are as they were;
//   - nothing changes state without an audit row;
// and at the end: the process serves (/healthz 200, no unhandled rejection), and the database keeps its
// invariants — no half chain (every pending request has exactly one pending step, all before it decided,
// all after it waiting; a final request has no open step), every chain is the one its submission audited,
// every decision and record audited exactly once.
//
// Bounded: FUZZ_RUNS deliveries (default 300), one at a time; the seed is printed for replay
// (FUZZ_SEED=<seed> npx vitest run test/e2e/fuzz.test.ts).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STANDIN_SIGNING_SECRET } from "../../src/config.ts";
import { STEP_APPROVE, STEP_REJECT } from "../../src/slack/blocks/approvals.ts";
import { RECORD_MODAL } from "../../src/slack/blocks/records.ts";
import type { SlackDelivery, StateInput, ViewJson } from "../../src/slack/standin/slackHttp.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import { createSlackHttp } from "../helpers/slackHttp.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const STAFF = [ORG.taxStaff1, ORG.taxStaff2, ORG.estateStaff1];
const LEADERS = [ORG.taxLeader, ORG.hrssLeader, ORG.estateLeader];
const INSPECTORS = [ORG.inspector1, ORG.inspector2];
const EVERYONE = [...STAFF, ...LEADERS, ...INSPECTORS, ORG.deputy, ORG.director, ORG.outsider];
const LEAVE_KINDS = ["事假", "病假", "年休假", "婚假", "personal", "sick"];
const RECORD_CODES = ["S-ATT-LATE", "S-DIS-UNIFORM", "S-SVC-FIRSTASK", "S-DIS-PHONE", "S-BON-WORKLOAD"];
const TEXTS = ["家中有事", "a <b> & c", "看病", "", "理由".repeat(20), "培训 杭州"];

/** Working days from the harness's "now" (Wed 2026-07-15) on, for leave dates. */
const DATES = (() => {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(2026, 6, 16)); out.length < 50; d = new Date(d.getTime() + 86_400_000))
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  return out;
})();

const at = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
/** Buttons that take a preview forward (submit the request, file the record). */
const FORWARD = new Set(["req_submit", "record_confirm"]);

// ---------------------------------------------------------------------------------------------
// Mutations

const DELETE = Symbol("delete");
type Mutant = unknown;

const nasty: fc.Arbitrary<Mutant> = fc.oneof(
  fc.constant(null),
  fc.constant(DELETE),
  fc.integer(),
  fc.constantFrom(-1, 0, 2 ** 31, -(2 ** 31), 2 ** 53, 1e21, -1e21, 999_999_999, 0.5),
  fc.boolean(),
  fc.constantFrom([], {}, [null], [1, 2], { id: null }),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(
    "\u0000",
    "\u001b[31mred\u001b[0m",
    "\u202eevil",
    "a\u200bb\ufeff",
    "\r\n\t",
    "<!channel>",
    "&lt;b&gt; &amp;",
    "<@U0DIRECTOR>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "𠀀😀".repeat(10),
  ),
  fc.constantFrom(...EVERYONE, "U0FORGED", "W0FORGED", "B0BOT", "USLACKBOT", "", "U".repeat(80)),
  fc.constantFrom(
    "http://127.0.0.1:9/hook",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "https://hooks.slack.com/../x",
  ),
  fc.constantFrom(
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "2026/11/20",
    "x999999999",
    "-2",
  ),
  fc.constantFrom(1000, 20_000, 90_000).map((n) => "字".repeat(n)),
);

interface Mutation {
  /** Pick among the fields that matter most (ids, values, metadata, text) rather than any field. */
  focused: boolean;
  at: number;
  value: Mutant;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({ focused: fc.boolean(), at: fc.nat(), value: nasty });

type Path = Array<string | number>;
const FOCUS =
  /^(user|user_id|text|command|actions|value|action_id|private_metadata|callback_id|view|state|values|selected_option|selected_user|selected_date|response_url|response_urls|trigger_id|type|team|channel|container|event)$/;

function paths(v: unknown, prefix: Path = [], out: Path[] = [], depth = 0): Path[] {
  if (depth > 7) return out;
  const children: Array<[string | number, unknown]> = Array.isArray(v)
    ? v.map((x, i) => [i, x])
    : isRecord(v)
      ? Object.entries(v)
      : [];
  for (const [k, child] of children) {
    const p = [...prefix, k];
    out.push(p);
    paths(child, p, out, depth + 1);
  }
  return out;
}

function setAt(root: unknown, path: Path, value: Mutant): void {
  let cur = root as Json;
  for (const k of path.slice(0, -1)) cur = (cur as Record<string | number, unknown>)[k] as Json;
  const last = path.at(-1)!;
  if (value === DELETE) {
    if (Array.isArray(cur)) cur.splice(Number(last), 1);
    else delete cur[last];
  } else (cur as Record<string | number, unknown>)[last] = value;
}

/** What a delivery is on the wire: form fields (commands), an interaction payload, or an event. */
type Wire =
  | { kind: "form"; fields: Record<string, string | string[]> }
  | { kind: "payload"; payload: unknown }
  | { kind: "json"; body: unknown };

function mutate(wire: Wire, mutations: Mutation[]): void {
  for (const m of mutations) {
    if (wire.kind === "form") {
      // Form fields are strings; a list is the field given more than once.
      const keys = Object.keys(wire.fields);
      const focused = keys.filter((k) => FOCUS.test(k));
      const key = at(m.focused && focused.length ? focused : keys, m.at);
      if (m.value === DELETE || m.value === null) delete wire.fields[key];
      else if (Array.isArray(m.value))
        wire.fields[key] = [String(wire.fields[key] ?? ""), ...m.value.map(String)];
      else wire.fields[key] = typeof m.value === "string" ? m.value : JSON.stringify(m.value);
      continue;
    }
    const root = { v: wire.kind === "payload" ? wire.payload : wire.body };
    const all = paths(root.v).map((p) => ["v", ...p]);
    const focused = all.filter((p) => FOCUS.test(String(p.at(-1))));
    // The root itself may be replaced too (a payload that is not an object at all).
    const candidates: Path[] = m.focused && focused.length ? focused : [["v"], ...all];
    setAt(root, at(candidates, m.at), m.value === DELETE && candidates.length === 1 ? null : m.value);
    if (wire.kind === "payload") wire.payload = root.v;
    else wire.body = root.v;
  }
}

function encode(wire: Wire): { body: string; type: string } {
  const FORM = "application/x-www-form-urlencoded";
  if (wire.kind === "form") {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(wire.fields))
      for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    return { body: params.toString(), type: FORM };
  }
  if (wire.kind === "payload")
    return { body: `payload=${encodeURIComponent(JSON.stringify(wire.payload) ?? "null")}`, type: FORM };
  return { body: JSON.stringify(wire.body) ?? "null", type: "application/json" };
}

// ---------------------------------------------------------------------------------------------
// What the app hands out as the run goes: buttons and modals, and who got them.

interface Button {
  actionId: string;
  value: string;
  user: string;
  channel?: string;
  ts?: string;
}
interface OpenView {
  view: ViewJson;
  user: string;
}

function buttonsIn(blocks: unknown): Array<{ action_id: string; value: string }> {
  if (!Array.isArray(blocks)) return [];
  const out: Array<{ action_id: string; value: string }> = [];
  for (const b of blocks) {
    if (!isRecord(b)) continue;
    const els = [...(Array.isArray(b.elements) ? b.elements : []), b.accessory];
    for (const e of els)
      if (
        isRecord(e) &&
        e.type === "button" &&
        typeof e.action_id === "string" &&
        typeof e.value === "string"
      )
        out.push({ action_id: e.action_id, value: e.value });
  }
  return out;
}

/** The person a bot message went to: a DM channel (user id or D…) names them; a channel does not. */
const recipientOf = (channel: unknown): string | undefined =>
  typeof channel === "string" && /^[UW]/.test(channel)
    ? channel
    : typeof channel === "string" && channel.startsWith("D")
      ? `U${channel.slice(1)}`
      : undefined;

// ---------------------------------------------------------------------------------------------
// Database state

/** The rows that make up state (bookkeeping such as message timestamps and locale caches left out). */
async function stateOf(h: AppHarness): Promise<{ state: string; audits: number }> {
  const [requests, steps, records, awards, periods, settings, audits] = await Promise.all([
    h.db.request.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        requesterId: true,
        kind: true,
        startDate: true,
        startHalf: true,
        endDate: true,
        endHalf: true,
        halfDays: true,
        reason: true,
        coverId: true,
        state: true,
        finalAt: true,
      },
    }),
    h.db.approvalStep.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        requestId: true,
        seq: true,
        state: true,
        decidedBy: true,
        note: true,
        assigneeId: true,
      },
    }),
    h.db.record.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        code: true,
        personId: true,
        windowId: true,
        count: true,
        totalHundredths: true,
        state: true,
        note: true,
      },
    }),
    h.db.award.findMany({ orderBy: { id: "asc" }, select: { id: true, state: true, targetId: true } }),
    h.db.period.findMany({ orderBy: { period: "asc" }, select: { period: true, state: true } }),
    h.db.setting.findMany({ orderBy: { key: "asc" } }),
    h.db.auditLog.count(),
  ]);
  return { state: JSON.stringify({ requests, steps, records, awards, periods, settings }), audits };
}

const DECIDED = new Set(["approved", "rejected", "filed"]);

/** Every invariant the database must keep, as a list of violations (empty when it keeps them). */
async function invariantViolations(h: AppHarness): Promise<string[]> {
  const bad: string[] = [];
  const requests = await h.db.request.findMany({ include: { steps: { orderBy: { seq: "asc" } } } });
  const audits = await h.db.auditLog.findMany();
  const count = new Map<string, number>();
  const submitted = new Map<string, unknown>();
  for (const a of audits) {
    const key = `${a.entity}:${a.entityId}:${a.action}`;
    count.set(key, (count.get(key) ?? 0) + 1);
    if (a.action === "request.submit") submitted.set(a.entityId, a.after ? JSON.parse(a.after) : null);
  }
  const audited = (entity: string, id: number, action: string) => count.get(`${entity}:${id}:${action}`) ?? 0;

  for (const r of requests) {
    const tag = `request ${r.id} (${r.state})`;
    const seqs = r.steps.map((s) => s.seq);
    if (seqs.join() !== seqs.map((_, i) => i + 1).join()) bad.push(`${tag}: steps ${seqs.join()}`);
    if (audited("Request", r.id, "request.submit") !== 1) bad.push(`${tag}: submission not audited once`);
    const chain = (submitted.get(String(r.id)) as { chain?: string[] } | null)?.chain;
    const actual = r.steps.map((s) => `${s.approver}:${s.action}`);
    if (chain && chain.join() !== actual.join())
      bad.push(`${tag}: chain ${actual} is not the audited ${chain}`);
    const pending = r.steps.filter((s) => s.state === "pending");
    if (r.state === "pending") {
      if (pending.length !== 1) bad.push(`${tag}: ${pending.length} pending steps`);
      else {
        const p = pending[0]!;
        for (const s of r.steps) {
          if (s.seq < p.seq && !DECIDED.has(s.state))
            bad.push(`${tag}: step ${s.seq} ${s.state} before the pending one`);
          if (s.seq > p.seq && s.state !== "waiting")
            bad.push(`${tag}: step ${s.seq} ${s.state} after the pending one`);
        }
      }
      if (r.finalAt) bad.push(`${tag}: finalAt set`);
    } else {
      const open = r.steps.filter((s) => s.state === "pending" || s.state === "waiting");
      if (open.length) bad.push(`${tag}: open steps ${open.map((s) => s.seq)}`);
      if (!r.finalAt) bad.push(`${tag}: no finalAt`);
      const final = {
        approved: "request.approve",
        rejected: "request.reject",
        withdrawn: "request.withdraw",
      }[r.state];
      if (!final) bad.push(`${tag}: unknown state`);
      else if (audited("Request", r.id, final) !== 1) bad.push(`${tag}: ${final} not audited once`);
    }
    for (const s of r.steps) {
      const action = { approved: "step.approve", rejected: "step.reject", filed: "step.file" }[s.state];
      const decisions = ["step.approve", "step.reject", "step.file"].reduce(
        (n, a) => n + audited("ApprovalStep", s.id, a),
        0,
      );
      if (action && audited("ApprovalStep", s.id, action) !== 1)
        bad.push(`${tag}: step ${s.seq} ${action} not audited once`);
      if (!action && decisions !== 0) bad.push(`${tag}: step ${s.seq} ${s.state} has a decision audited`);
    }
  }
  const records = await h.db.record.findMany();
  for (const r of records) {
    const tag = `record ${r.id} (${r.state})`;
    if (audited("Record", r.id, "record.file") !== 1) bad.push(`${tag}: filing not audited once`);
    if (r.state === "revoked" && audited("Record", r.id, "record.revoke") !== 1)
      bad.push(`${tag}: revocation not audited once`);
    if (r.count < 1 || r.totalHundredths !== r.pointsHundredths * r.count)
      bad.push(`${tag}: count ${r.count}, total ${r.totalHundredths}`);
  }
  return bad;
}

// ---------------------------------------------------------------------------------------------

describe("fuzz: mutated signed deliveries at the running app", () => {
  let h: AppHarness;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    h = await startAppHarness();
  });
  afterAll(async () => {
    await h?.close();
    process.off("unhandledRejection", onRejection);
  });

  it(`${RUNS} deliveries: answered 2xx/4xx, refusals write nothing, invariants hold`, {
    timeout: 240_000,
  }, async () => {
    process.stdout.write(
      `fuzz seed ${SEED}, ${RUNS} runs (replay: FUZZ_SEED=${SEED} npx vitest run test/e2e/fuzz.test.ts)\n`,
    );
    const started = Date.now();

    // Builds deliveries exactly as createSlackHttp sends them (fresh trigger ids, response URLs the
    // stand-in issued), but hands them back instead of sending, to be mutated first.
    let built: SlackDelivery | undefined;
    const builder = createSlackHttp({
      appUrl: h.url,
      signingSecret: STANDIN_SIGNING_SECRET,
      standIn: h.standIn,
      deliver: async (d) => {
        built = d;
        return { status: 0, text: "", json: undefined };
      },
    });
    const build = async (send: () => Promise<unknown>): Promise<Wire> => {
      built = undefined;
      await send();
      const d = built as SlackDelivery | undefined;
      if (!d) throw new Error("nothing built");
      if (d.type === "slash_commands") return { kind: "form", fields: { ...d.payload } };
      if (d.type === "interactive") return { kind: "payload", payload: structuredClone(d.payload) };
      return { kind: "json", body: structuredClone(d.payload) };
    };

    const buttons: Button[] = [];
    const views: OpenView[] = [];
    let seenCalls = 0;
    /** Collects the buttons and modals the app handed out since the last look. */
    const harvest = (sender: string) => {
      const calls: StandInCall[] = h.standIn.calls.slice(seenCalls);
      seenCalls = h.standIn.calls.length;
      for (const c of calls) {
        if (c.failed) continue;
        if (
          c.method === "response_url" ||
          c.method === "chat.postMessage" ||
          c.method === "chat.postEphemeral" ||
          c.method === "chat.update"
        ) {
          const user =
            c.method === "response_url"
              ? sender
              : c.method === "chat.postEphemeral"
                ? String(c.args.user)
                : recipientOf(c.args.channel);
          const ts = typeof c.response?.ts === "string" ? c.response.ts : undefined;
          const channel = typeof c.response?.channel === "string" ? c.response.channel : undefined;
          for (const b of buttonsIn(c.args.blocks))
            buttons.push({ actionId: b.action_id, value: b.value, user: user ?? sender, channel, ts });
        }
        const view = c.response?.view;
        const modal = c.method === "views.open" || c.method === "views.push" || c.method === "views.update";
        if (modal && isRecord(view) && typeof view.callback_id === "string" && view.callback_id !== "")
          views.push({ view: view as ViewJson, user: sender });
      }
      if (buttons.length > 400) buttons.splice(0, buttons.length - 400);
      if (views.length > 100) views.splice(0, views.length - 100);
    };

    /** Values for a modal's inputs, chosen by `n` among valid and invalid ones. */
    const fillInputs = (view: ViewJson, n: number): Record<string, StateInput> => {
      const inputs: Record<string, StateInput> = {};
      let i = n;
      for (const block of view.blocks ?? []) {
        const el = block.element as Json | undefined;
        if (!isRecord(el) || typeof el.action_id !== "string") continue;
        i = Math.floor(i / 3) + 7;
        const opts = (Array.isArray(el.options) ? el.options : []) as Array<{ value: string }>;
        switch (el.type) {
          case "datepicker":
            inputs[el.action_id] = at(DATES, i);
            break;
          case "static_select":
          case "radio_buttons":
            inputs[el.action_id] = opts.length ? at(opts, i).value : null;
            break;
          case "external_select":
            inputs[el.action_id] = { selected_option: { value: at(RECORD_CODES, i) } };
            break;
          case "users_select":
            inputs[el.action_id] = at(EVERYONE, i);
            break;
          case "multi_users_select":
          case "checkboxes":
          case "multi_static_select":
            inputs[el.action_id] = [];
            break;
          case "number_input":
            inputs[el.action_id] = at(["1", "2", "0", "-1"], i);
            break;
          case "timepicker":
            inputs[el.action_id] = "09:00";
            break;
          default:
            inputs[el.action_id] = at(TEXTS, i);
        }
      }
      return inputs;
    };

    type Template = (n: number) => Promise<{ wire: Wire; sender: string }>;
    const click = async (b: Button) => ({
      wire: await build(() =>
        builder.sendAction(
          { id: b.user },
          { action_id: b.actionId, value: b.value },
          b.ts ? { channelId: b.channel, message: { ts: b.ts } } : { isEphemeral: true },
        ),
      ),
      sender: b.user,
    });
    const TEMPLATES: Template[] = [
      // A quick-form leave request (preview only), or a trip.
      async (n) => {
        const user = at([...STAFF, ...LEADERS], n);
        const d1 = at(DATES, n >> 3);
        const d2 = at(DATES, (n >> 3) + (n % 4));
        const text =
          n % 5 === 0
            ? `培训 ${d1} ${d2} 杭州 13800001234 省厅培训`
            : `${at(LEAVE_KINDS, n >> 2)} ${d1} ${d2} ${at(TEXTS, n)}`;
        const command = n % 5 === 0 ? "/trip" : at(["/qingjia", "/timeoff"], n >> 1);
        return { wire: await build(() => builder.sendCommand(command, text, { id: user })), sender: user };
      },
      // A command that opens a modal.
      async (n) => {
        const user = at(EVERYONE, n);
        const command = at(["/qingjia", "/deduct", "/bonus", "/trip", "/timeoff"], n >> 2);
        return { wire: await build(() => builder.sendCommand(command, "", { id: user })), sender: user };
      },
      // A deduction or bonus by inspection (or by someone who may not).
      async (n) => {
        const user = n % 4 === 0 ? at(EVERYONE, n >> 2) : at(INSPECTORS, n);
        const person = at([...STAFF, ...LEADERS], n >> 1);
        const code = at(RECORD_CODES, n >> 3);
        const command = code.startsWith("S-BON") ? "/bonus" : "/deduct";
        const text = `<@${person}|p> ${code}${n % 3 === 0 ? " x2" : ""} ${at(TEXTS, n >> 5)}`;
        return { wire: await build(() => builder.sendCommand(command, text, { id: user })), sender: user };
      },
      // /score, and commands nobody knows.
      async (n) => {
        const user = at(EVERYONE, n);
        const command = at(["/score", "/nope", "/qingjia"], n >> 3);
        return {
          wire: await build(() => builder.sendCommand(command, at(["", "help", "2026-07"], n), { id: user })),
          sender: user,
        };
      },
      // The person just shown a preview submits it (or files the record): chains get going.
      async (n) => {
        const forward = buttons.filter((b) => FORWARD.has(b.actionId));
        const newest = forward.slice(-3);
        return click(
          newest.length ? at(newest, n) : { actionId: "no_button", value: "1", user: at(EVERYONE, n) },
        );
      },
      // A click on any button the app handed out (a Submit, an Approve, a Withdraw, a Cancel …).
      async (n) =>
        click(buttons.length ? at(buttons, n) : { actionId: "no_button", value: "1", user: at(EVERYONE, n) }),
      // The approver of a pending step clicks Approve (or Reject).
      async (n) => {
        const steps = await h.db.approvalStep.findMany({
          where: { state: "pending" },
          orderBy: { id: "asc" },
        });
        const step = steps.length ? at(steps, n) : undefined;
        const user =
          step?.assigneeId ?? (step?.approver === "inspection" ? at(INSPECTORS, n) : at(EVERYONE, n));
        const actionId = n % 5 === 0 ? STEP_REJECT : STEP_APPROVE;
        const wire = await build(() =>
          builder.sendAction({ id: user }, { action_id: actionId, value: String(step?.id ?? n) }),
        );
        return { wire, sender: user };
      },
      // A modal the app opened, submitted with values valid or not.
      async (n) => {
        const v = views.length ? at(views, n) : undefined;
        const user = v?.user ?? at(EVERYONE, n);
        const view: ViewJson = v?.view ?? { id: "V0NONE", callback_id: "req_form", blocks: [] };
        return {
          wire: await build(() => builder.sendViewSubmission({ id: user }, view, fillInputs(view, n))),
          sender: user,
        };
      },
      // Typing in the catalog search of the filing modal.
      async (n) => {
        const user = at(INSPECTORS, n);
        const wire = await build(() =>
          builder.sendOptions({ id: user }, RECORD_MODAL.item.action, at(["迟到", "S-", "", "x"], n)),
        );
        return { wire, sender: user };
      },
      // A direct message with a request, or the Home tab opened.
      async (n) => {
        const user = at(EVERYONE, n);
        const wire =
          n % 2
            ? await build(() =>
                builder.sendMessageIm({ id: user }, `事假 ${at(DATES, n >> 1)} ${at(TEXTS, n)}`),
              )
            : await build(() => builder.sendAppHomeOpened({ id: user }));
        return { wire, sender: user };
      },
    ];

    // How often each template is drawn: the ones that move chains forward more often.
    const WEIGHTS = [4, 1, 3, 1, 3, 2, 1, 3, 1, 1];
    expect(WEIGHTS).toHaveLength(TEMPLATES.length);
    const caseArb = fc.record({
      template: fc.constantFrom(...WEIGHTS.flatMap((w, i) => Array<number>(w).fill(i))),
      n: fc.nat({ max: 1_000_000 }),
      mutations: fc.oneof(
        { weight: 2, arbitrary: fc.constant([] as Mutation[]) },
        { weight: 3, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) },
      ),
    });

    const tally = { refused: 0, changed: 0, answered: 0 };
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const { wire, sender } = await TEMPLATES[c.template]!(c.n);
        mutate(wire, c.mutations);
        const { body, type } = encode(wire);
        const before = await stateOf(h);
        const res = await h.slack.post(body, type);
        harvest(sender);
        const after = await stateOf(h);
        const json = isRecord(res.json) ? res.json : {};
        const refused =
          res.status >= 400 || json.error === "malformed_payload" || json.response_action === "errors";
        const what = `${c.template}/${c.n} → ${res.status} ${res.text.slice(0, 200)}\n${body.slice(0, 8000)}`;
        expect(res.status, what).toBeGreaterThanOrEqual(200);
        expect(res.status, what).toBeLessThan(500);
        if (refused) {
          tally.refused += 1;
          expect(after.state, `a refusal wrote: ${what}`).toBe(before.state);
          expect(after.audits, `a refusal audited: ${what}`).toBe(before.audits);
        } else tally.answered += 1;
        if (after.state !== before.state) {
          tally.changed += 1;
          expect(after.audits, `a change without an audit row: ${what}`).toBeGreaterThan(before.audits);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );

    await h.app.idle();
    expect(await invariantViolations(h)).toEqual([]);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect(rejections).toEqual([]);
    process.stdout.write(
      `fuzz: ${RUNS} runs in ${((Date.now() - started) / 1000).toFixed(1)} s — ${tally.refused} refused, ` +
        `${tally.answered} answered, ${tally.changed} changed state; ${await h.db.request.count()} requests, ` +
        `${await h.db.record.count()} records\n`,
    );
  });
});
