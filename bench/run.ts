// `npm run bench`: loopback benchmarks of the bot against a bare Bolt app, and of the monthly close.
//
// HTTP (autocannon, 50 connections, every signed body built up front and sent once):
//   bare   – a bare Bolt app (same HTTPReceiver, signing secret, Web API base) that only acks;
//   leave  – the bot's /qingjia quick form (distinct people and dates → a preview with Submit);
//   click  – approval clicks on pending steps prepared beforehand (each step clicked once);
//   deduct – the bot's /deduct quick form (inspectors, distinct targets → a preview with Confirm).
// Latency is from request to HTTP response; the bot answers after its listener has finished
// (processBeforeResponse), so its figures include its database work and Slack API calls.
// Service level (bench/service.ts, --only service): the same work without HTTP — decisions, /qingjia and
// /deduct previews a second and SQL statements each, against issue #11's targets (BENCH_SERVICE=approval
// runs one of them alone, e.g. under node --cpu-prof).
// Close: 5,000 people and 100,000 records seeded through Prisma createMany into a temp SQLite file,
// then one close in a child process (wall time and peak RSS of that process).
// Notices out (--only notices): N private notices queued as outbox rows in a fresh SQLite file, sent by
// the real outbox sender (createOutboxSender) against the strict Slack stand-in, both on one simulated
// clock (src/slack/standin/simulatedClock.ts): simulated minutes and 429s against issue #11's 10 minutes.
// Writes bench-out/results.json and bench-out/results.md (the README table).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebClient } from "@slack/web-api";
import Database from "better-sqlite3";
import { createDb } from "../src/db/client.ts";
import { applyMigrations, MIGRATIONS_DIR } from "../src/db/migrate.ts";
import { datesInRange } from "../src/domain/dates.ts";
import { createOutboxSender } from "../src/jobs/outbox.ts";
import { loadWorkCalendar } from "../src/services/calendar.ts";
import { fixedClock } from "../src/services/clock.ts";
import { importOrg, type OrgFile } from "../src/services/org.ts";
import { submitRequest } from "../src/services/requests.ts";
import { loadSettings } from "../src/services/settings.ts";
import { slackClientOptions } from "../src/slack/app.ts";
import { STEP_APPROVE } from "../src/slack/blocks/approvals.ts";
import { RATE_LIMITS, startSlackStandIn } from "../src/slack/standin/index.ts";
import { simulatedClock } from "../src/slack/standin/simulatedClock.ts";
import { ROOT, startServer } from "./child.ts";
import { captureRequests, type LoadResult, runLoad, type SignedRequest } from "./load.ts";
import { seedLargeCenter } from "./seedClose.ts";
import { type ServiceRow, serviceBenchmarks } from "./service.ts";

const SECRET = "bench-signing-secret";
const NOW = "2026-11-16T02:00:00.000Z"; // Monday 10:00 in Shanghai
const CONNECTIONS = 50;
const WINDOWS = 48;
const PER_WINDOW = 50; // the first of each window is its leader
// Saturation runs (each connection sends again as soon as it is answered), then a paced run at
// PACED_RATE requests per second (an offered load well above a county center's, without queueing).
const N = { bare: 6000, leave: 1000, click: 600, deduct: 1000 };
const WARM = { bare: 1000, leave: 300, click: 200, deduct: 300 };
const PACED = { rate: 20, count: 200 };
// --quick (CI's smoke run, not timed): every scenario with a handful of requests, so that a crash or
// a non-2xx answer fails CI within a minute.
// --centers (docs/scale.md): one center's busiest hour in the demo month (src/demo: 42 people, 9 requests
// to the bot between 09:00 and 10:00 on 11-12), scaled to 50 people; and the mix of the month's 138
// requests (79 clicks, 14 /qingjia, 8 /deduct, the rest forms and other commands, counted as the
// nearest of the three). Each step offers N centers' peak-hour rate for a bounded number of requests.
const CENTERS = {
  start: 1000,
  steps: 8,
  perCenterPerHour: (9 * 50) / 42,
  mix: { leave: 14, click: 79, deduct: 8 },
  p99LimitMs: 3000,
  maxPerStep: 600,
  minPerStep: 100,
  connections: 200,
};
const QUICK = {
  n: { bare: 20, leave: 20, click: 20, deduct: 20 },
  warm: { bare: 5, leave: 5, click: 5, deduct: 5 },
  paced: { rate: 20, count: 10 },
};
// The service-level loop (bench/service.ts): operations per scenario, one after another in this process.
const SERVICE = { count: 1000, quick: 20 };
// Notices out (issue #11): private notices after a close, sent against the stand-in's rate limits on a
// simulated clock (a few seconds of wall time); the target is all of them within 10 minutes.
// --quick sends 400: past the 300-message burst, so the workspace-wide pacing runs too.
const NOTICES = { count: 5000, quick: 400, targetMinutes: 10, start: Date.UTC(2026, 11, 1, 1, 0, 0) };
const CLOSE_MONTH = "2026-11";
// How the close grows (issue #11): records ×10 per step, people from 500 to 5,000. The targets are
// for 5,000 people / 100,000 records. 1M records / 50,000 people: seeding through Prisma alone takes
// about 7 minutes on the 2-core machine, so it runs only with --close-1m.
const CLOSE_SIZES = [
  { people: 500, records: 1_000 },
  { people: 500, records: 10_000 },
  { people: 5000, records: 100_000 },
];
const CLOSE_1M = { people: 50_000, records: 1_000_000 };
const CLOSE_QUICK = [{ people: 50, records: 500 }];
const CLOSE_TARGET = { people: 5000, records: 100_000 };
// The close inside the bot (its worker thread) while the bench clicks: `count` approval clicks at
// `rate`/s without a close (the bot's own stall), then as many while it closes the 100,000-record month.
const DURING_CLOSE = { count: 200, rate: 20 };
const TARGETS = {
  ackP99Ms: 100,
  ackVsBare: 2,
  closeMs: 5000,
  closeMb: 250,
  scoreMs: 1000,
  closeStallMs: 50,
};

const OUT = path.join(ROOT, "bench-out");
const log = (line: string) => process.stdout.write(`${line}\n`);

function benchOrg(): OrgFile {
  const windows: OrgFile["windows"] = [];
  const people: OrgFile["people"] = [];
  for (let w = 0; w < WINDOWS; w++) {
    const id = `W${String(w).padStart(2, "0")}`;
    for (let i = 0; i < PER_WINDOW; i++) {
      people.push({
        slackId: personId(w, i),
        name: `人员${w}-${i}`,
        window: id,
        role: i === 0 ? "window_leader" : "staff",
        establishment: true,
        partyTransferred: true,
        joined: "2024-01-02",
        annualLeaveDays: 5,
      });
    }
    windows.push({
      id,
      name: `窗口${w}`,
      leader: personId(w, 0),
      parentUnitLeader: `U0PUL${String(w).padStart(2, "0")}`,
      profile: { leaderNotMiddle: false, leaderNotHead: false, missingItems: 0, unauthorisedItems: 0 },
    });
  }
  return {
    center: {
      name: "基准测试中心",
      channel: "C0BENCH",
      director: "U0DIR",
      deputyDirector: "U0DEP",
      inspection: ["U0INS1", "U0INS2", "U0INS3"],
    },
    windows,
    people,
  };
}

function personId(w: number, i: number): string {
  return `UB${String(w).padStart(2, "0")}${String(i).padStart(3, "0")}`;
}

const staff = () =>
  Array.from({ length: WINDOWS }, (_, w) =>
    Array.from({ length: PER_WINDOW - 1 }, (_, i) => personId(w, i + 1)),
  ).flat();

/**
 * A database with the bench org and `count` pending 婚假 requests (window_leader:opinion first). One
 * goes through submitRequest; the rest are copies of its rows (createMany), each for another person
 * and assigned to that person's window leader.
 */
async function prepareBotDb(file: string, count: number): Promise<{ stepId: number; leader: string }[]> {
  applyMigrations(file);
  const db = createDb(`file:${file}`);
  try {
    const org = benchOrg();
    const imported = await importOrg(db, org, "bench");
    if (!imported.ok)
      throw new Error(`bench org refused: ${imported.code} ${JSON.stringify(imported.detail)}`);
    const ctx = {
      db,
      clock: fixedClock(NOW),
      calendar: await loadWorkCalendar(db),
      settings: await loadSettings(db),
    };
    const [first, ...rest] = staff().slice(0, count);
    const r = await submitRequest(ctx, {
      requesterId: first!,
      kind: "marriage",
      start: { date: "2026-11-23", half: "am" },
      end: { date: "2026-11-25", half: "pm" },
      reason: "结婚",
    });
    if (!r.ok) throw new Error(`bench request refused: ${r.code} ${JSON.stringify(r.detail)}`);
    const { id: _id, requesterId: _r, ...request } = r.value.request;
    const leaderOf = new Map(org.people.map((p) => [p.slackId, personId(Number(p.window.slice(1)), 0)]));
    const copies = await db.request.createManyAndReturn({
      data: rest.map((requesterId) => ({ ...request, requesterId })),
      select: { id: true, requesterId: true },
    });
    await db.approvalStep.createMany({
      data: copies.flatMap((c) =>
        r.value.steps.map(({ id: _s, requestId: _q, ...step }) => ({
          ...step,
          requestId: c.id,
          assigneeId: step.approver === "window_leader" ? leaderOf.get(c.requesterId)! : step.assigneeId,
        })),
      ),
    });
    const pending = await db.approvalStep.findMany({
      where: { state: "pending" },
      include: { request: { select: { requesterId: true } } },
      orderBy: { id: "asc" },
    });
    if (pending.length !== count) throw new Error(`prepared ${pending.length} pending steps, not ${count}`);
    return pending.map((s) => ({ stepId: s.id, leader: s.assigneeId! }));
  } finally {
    await db.$disconnect();
  }
}

interface Row extends LoadResult {
  vsBareP50: number | null;
  vsBareP99: number | null;
  vsBareRps: number | null;
}

export interface BenchOptions {
  /** Scenarios to run (default all): bare, leave, click, deduct, service, notices, close. */
  only: Set<string>;
  /** Write the bot's CPU profile here (node --cpu-prof). */
  profileDir: string | null;
  /** Close sizes to measure (--quick: one tiny one; --close-1m adds 1M records / 50,000 people). */
  closeSizes: { people: number; records: number }[];
  /** Smoke mode: tiny counts, results in bench-out/quick/ (the full run's files stay). */
  quick: boolean;
  /** --centers [N]: replay N, 2N, 4N … centers' peak hour against the bot until p99 ≥ 3 s (docs/scale.md). */
  centers: number | null;
}

function parseOptions(argv: string[]): BenchOptions {
  const opts: BenchOptions = {
    only: new Set(["bare", "leave", "click", "deduct", "service", "notices", "close"]),
    profileDir: null,
    closeSizes: CLOSE_SIZES,
    quick: false,
    centers: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--only") opts.only = new Set((argv[++i] ?? "").split(",").filter(Boolean));
    else if (a === "--profile") opts.profileDir = path.join(OUT, "profiles");
    else if (a === "--close-1m") opts.closeSizes = [...CLOSE_SIZES, CLOSE_1M];
    else if (a === "--quick") opts.quick = true;
    else if (a === "--centers")
      opts.centers = /^\d+$/.test(argv[i + 1] ?? "") ? Number(argv[++i]) : CENTERS.start;
    else
      throw new Error(
        `unknown option ${a}; use --only bare,leave,click,deduct,service,notices,close  --profile  --close-1m  --quick`,
      );
  }
  if (opts.quick) opts.closeSizes = CLOSE_QUICK;
  return opts;
}

/**
 * Waits until the server has worked off what it still does after its acks (the bot answers at ack and
 * then notifies people): /healthz runs a database query, so it answers quickly only once the backlog is gone.
 */
async function settle(url: string): Promise<void> {
  const until = performance.now() + 120_000;
  let quick = 0;
  while (quick < 3 && performance.now() < until) {
    const t = performance.now();
    await fetch(`${url}/healthz`).then((r) => r.arrayBuffer());
    quick = performance.now() - t < 25 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The statements the bot has run so far (its stats server, bench/botServer.ts). */
async function statementsRun(statsUrl: string): Promise<number> {
  const body = (await (await fetch(statsUrl)).json()) as { statements: number };
  return body.statements;
}

const statsUrlOf = (banner: string): string | undefined => {
  const m = /stats (\d+)/.exec(banner);
  return m ? `http://127.0.0.1:${m[1]}` : undefined;
};

const SCENARIOS = [
  { key: "leave", name: "/qingjia quick form" },
  { key: "click", name: "approval click" },
  { key: "deduct", name: "/deduct quick form" },
] as const;

async function httpBenchmarks(tmp: string, opts: BenchOptions): Promise<Row[]> {
  const N_ = opts.quick ? QUICK.n : N;
  const WARM_ = opts.quick ? QUICK.warm : WARM;
  const PACED_ = opts.quick ? QUICK.paced : PACED;
  if (!["bare", ...SCENARIOS.map((x) => x.key)].some((k) => opts.only.has(k)) && !opts.centers) return [];
  const file = path.join(tmp, "bot.db");
  const t = performance.now();
  // --centers needs more pending steps to click (as many as there are people to ask for them).
  const pending = await prepareBotDb(
    file,
    Math.min(
      staff().length,
      N_.click +
        WARM_.click +
        PACED_.count +
        (opts.centers ? 1500 : 0) +
        (closeInBotWanted(opts) ? DURING_CLOSE.count * 2 : 0),
    ),
  );
  log(
    `prepared ${pending.length} pending approval steps in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const calendar = await (async () => {
    const db = createDb(`file:${file}`);
    try {
      return await loadWorkCalendar(db);
    } finally {
      await db.$disconnect();
    }
  })();
  const workdays = datesInRange("2026-12-01", "2026-12-31").filter((d) => calendar.isWorkingDay(d));
  const people = staff();

  const orgFile = path.join(tmp, "org.json");
  fs.writeFileSync(orgFile, JSON.stringify(benchOrg()));
  const standIn = await startServer("bench/standinServer.ts", [orgFile]);
  const apiUrl = `${standIn.url}/api/`;
  // Signed just before each run (a signature is valid for 5 minutes); response_urls issued by the
  // stand-in, as Slack issues them (it refuses one it did not issue, a 6th post, or a late one).
  const responseUrl = async () =>
    (await fetch(`${standIn.url}/standin/response_url`, { method: "POST" })).text();
  // Each scenario's signed requests: `count` of them, the i-th person/date/step from `from` on.
  const build: Record<string, (count?: number, from?: number) => Promise<SignedRequest[]>> = {
    bare: () =>
      captureRequests(SECRET, async (http) => {
        for (let i = 0; i < N_.bare + WARM_.bare + PACED_.count; i++)
          await http.sendCommand(
            "/qingjia",
            "",
            { id: people[i % people.length]! },
            { responseUrl: await responseUrl() },
          );
      }),
    leave: (count = N_.leave + WARM_.leave + PACED_.count, from = 0) =>
      captureRequests(SECRET, async (http) => {
        for (let i = from; i < from + count; i++) {
          const user = people[i % people.length]!;
          const date = workdays[Math.floor(i / people.length) % workdays.length]!;
          await http.sendCommand(
            "/qingjia",
            `事假 ${date}am 家中有事`,
            { id: user },
            { responseUrl: await responseUrl() },
          );
        }
      }),
    click: (count = N_.click + WARM_.click + PACED_.count, from = 0) =>
      captureRequests(SECRET, async (http) => {
        for (const p of pending.slice(from, from + count)) {
          await http.sendAction(
            { id: p.leader },
            { action_id: STEP_APPROVE, value: String(p.stepId) },
            { channelId: `D${p.leader.slice(1)}`, responseUrl: await responseUrl() },
          );
        }
      }),
    deduct: (count = N_.deduct + WARM_.deduct + PACED_.count, from = 0) =>
      captureRequests(SECRET, async (http) => {
        const inspectors = ["U0INS1", "U0INS2", "U0INS3"];
        for (let i = from; i < from + count; i++) {
          const target = people[i % people.length]!;
          await http.sendCommand(
            "/deduct",
            `<@${target}> S-ATT-LATE 迟到 ${1 + (i % 9)} 分钟`,
            { id: inspectors[i % inspectors.length]! },
            { responseUrl: await responseUrl() },
          );
        }
      }),
  };
  const show = (r: LoadResult) =>
    log(
      `  ${r.name.padEnd(44)} ${String(r.requests).padStart(5)} req ${r.rps.toFixed(0).padStart(5)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.errors + r.non2xx ? `  FAILED ${JSON.stringify(r.statuses)} errors ${r.errors}` : ""}`,
    );
  const measure = async (
    name: string,
    url: string,
    key: keyof typeof N,
    /** The bot's statement counter (bench/botServer.ts), to print statements per request. */
    statsUrl?: string,
  ): Promise<LoadResult[]> => {
    const all = await build[key]!();
    const warm = all.slice(0, WARM_[key]);
    const saturated = all.slice(WARM_[key], WARM_[key] + N_[key]);
    const paced = all.slice(WARM_[key] + N_[key]);
    await runLoad(`${name} (warm-up)`, url, warm, CONNECTIONS);
    await settle(url);
    const before = statsUrl ? await statementsRun(statsUrl) : 0;
    const saturation = await runLoad(name, url, saturated, CONNECTIONS);
    await settle(url);
    // Everything the requests caused, their outbox deliveries included (settle's /healthz adds a
    // statement per poll: a handful over the run, < 0.02 a request).
    if (statsUrl) {
      const perRequest = ((await statementsRun(statsUrl)) - before) / saturated.length;
      log(`  ${name}: ${perRequest.toFixed(1)} SQL statements per request (ack and deliveries)`);
    }
    const out = [
      saturation,
      await runLoad(`${name} @ ${PACED_.rate}/s`, url, paced, CONNECTIONS, PACED_.rate),
    ];
    await settle(url);
    out.forEach(show);
    return out;
  };

  /**
   * N centers' peak hour against the bot (docs/scale.md): N, 2N, 4N … centers, each step offering their
   * rate in the demo's mix for a bounded number of requests, until p99 reaches 3 s or the steps run out.
   */
  const centersRamp = async (url: string, start: number): Promise<LoadResult[]> => {
    const out: LoadResult[] = [];
    const mixTotal = CENTERS.mix.leave + CENTERS.mix.click + CENTERS.mix.deduct;
    let clicked = N_.click + WARM_.click + PACED_.count;
    let offset = 10_000; // other people/dates than the leave and deduct scenarios'
    log(
      `N centers' peak hour (${CENTERS.perCenterPerHour.toFixed(1)} requests per center), ${CENTERS.connections} connections:`,
    );
    for (let step = 0, centers = start; step < CENTERS.steps; step++, centers *= 2) {
      const rate = (centers * CENTERS.perCenterPerHour) / 3600;
      const count = Math.round(Math.min(CENTERS.maxPerStep, Math.max(CENTERS.minPerStep, rate * 10)));
      const clicks = Math.min(pending.length - clicked, Math.round((count * CENTERS.mix.click) / mixTotal));
      if (clicks <= 0) {
        log("  no pending steps left to click: stopping");
        break;
      }
      const leaves = Math.round((count * CENTERS.mix.leave) / mixTotal);
      const deducts = count - clicks - leaves;
      const parts = [
        await build.leave!(leaves, offset),
        await build.click!(clicks, clicked),
        await build.deduct!(deducts, offset),
      ];
      offset += count;
      clicked += clicks;
      // Interleaved as they would arrive: the i-th of each kind spread over the step.
      const mixed = parts
        .flatMap((reqs) => reqs.map((r, i) => ({ r, at: (i + 0.5) / reqs.length })))
        .sort((a, b) => a.at - b.at)
        .map((x) => x.r);
      const r = await runLoad(
        `bot ${centers} centers' peak hour @ ${rate.toFixed(1)}/s`,
        url,
        mixed,
        CENTERS.connections,
        Math.max(1, Math.round(rate)),
      );
      await settle(url);
      show(r);
      out.push(r);
      if (r.p99 >= CENTERS.p99LimitMs) {
        log(`  p99 ${r.p99} ms ≥ ${CENTERS.p99LimitMs} ms at ${centers} centers`);
        break;
      }
    }
    return out;
  };

  const rows: LoadResult[] = [];
  try {
    log("HTTP, 50 connections:");
    if (opts.only.has("bare")) {
      const bare = await startServer("bench/bare.ts", [SECRET, apiUrl]);
      try {
        rows.push(...(await measure("bare Bolt ack", bare.url, "bare")));
      } finally {
        await bare.stop();
      }
    }
    // Node writes a profile per thread (tsx's loader thread too); the main thread's is the largest file.
    const nodeArgs = opts.profileDir
      ? ["--cpu-prof", `--cpu-prof-dir=${path.join(opts.profileDir, "bot")}`]
      : [];
    const bot = await startServer("bench/botServer.ts", [file, apiUrl, SECRET, NOW], {}, nodeArgs);
    try {
      for (const sc of SCENARIOS)
        if (opts.only.has(sc.key))
          rows.push(...(await measure(`bot ${sc.name}`, bot.url, sc.key, statsUrlOf(bot.banner))));
      if (opts.centers) rows.push(...(await centersRamp(bot.url, opts.centers)));
      // The close inside the bot while it answers clicks (issue #11): the last pending steps.
      if (closeInBotWanted(opts)) {
        const clicks = await build.click!(DURING_CLOSE.count * 2, pending.length - DURING_CLOSE.count * 2);
        closeInBot.push(await clicksDuringClose(tmp, bot, clicks, show));
      }
    } finally {
      await bot.stop();
    }
  } finally {
    await standIn.stop();
  }
  if (opts.profileDir)
    log(`CPU profiles: ${path.relative(ROOT, opts.profileDir)}/ (open in Chrome DevTools or speedscope)`);
  // Each bot row against the bare app's row of the same kind (saturated or paced).
  const bareOf = (r: LoadResult) =>
    rows.find(
      (b) => b.name === (r.name.includes(" @ ") ? `bare Bolt ack @ ${PACED_.rate}/s` : "bare Bolt ack"),
    );
  return rows.map((r) => {
    const bare = bareOf(r);
    const vs = bare && bare !== r;
    return {
      ...r,
      vsBareP50: vs ? r.p50 / Math.max(bare.p50, 1) : null,
      vsBareP99: vs ? r.p99 / Math.max(bare.p99, 1) : null,
      vsBareRps: vs ? r.rps / bare.rps : null,
    };
  });
}

/** The hot path's work without HTTP (bench/service.ts) on a database of its own. */
async function serviceBenchmark(tmp: string, opts: BenchOptions): Promise<ServiceRow[]> {
  const count = opts.quick ? SERVICE.quick : SERVICE.count;
  const file = path.join(tmp, "service.db");
  const pending = await prepareBotDb(
    file,
    Math.min(staff().length, count + Math.max(1, Math.floor(count / 10))),
  );
  const db = createDb(`file:${file}`);
  const calendar = await loadWorkCalendar(db).finally(() => db.$disconnect());
  return serviceBenchmarks({
    file,
    now: NOW,
    pending,
    people: staff(),
    workdays: datesInRange("2026-12-01", "2026-12-31").filter((d) => calendar.isWorkingDay(d)),
    inspectors: ["U0INS1", "U0INS2", "U0INS3"],
    count,
  });
}

interface NoticesRow {
  notices: number;
  sent: number;
  simulatedMinutes: number;
  /** chat.postMessage calls the stand-in answered 429 (Retry-After). */
  ratelimited: number;
  /** The stand-in's workspace-wide chat.postMessage bound: (notices − burst) / per minute. */
  floorMinutes: number;
  workspaceLimit: { perMinute: number; burst: number };
  targetMinutes: number;
  met: boolean;
  wallSeconds: number;
}

/**
 * N private notices (one DM each) queued as outbox rows in a fresh database, sent by the real outbox
 * sender against the strict stand-in; the sender and the stand-in share one simulated clock, so the
 * stand-in's buckets refill as the sender's sleeps move it and the run takes seconds, not minutes.
 */
async function noticesBenchmark(tmp: string, opts: BenchOptions): Promise<NoticesRow> {
  const count = opts.quick ? NOTICES.quick : NOTICES.count;
  const file = path.join(tmp, "notices.db");
  applyMigrations(file);
  const db = createDb(`file:${file}`);
  const time = simulatedClock(NOTICES.start);
  const slack = await startSlackStandIn({ now: time.now });
  const wall = performance.now();
  try {
    const users = Array.from({ length: count }, (_, i) => `UN${String(i).padStart(5, "0")}`);
    for (const u of users) slack.users.set(u, {});
    await db.outboundMessage.createMany({
      data: users.map((u) => ({
        key: `close:${CLOSE_MONTH}:1:notice:${u}`,
        channel: u,
        op: "post",
        text: `notice ${u}`,
      })),
    });
    const client = new WebClient("xoxb-stand-in", slackClientOptions(slack.url));
    const sender = createOutboxSender(db, client, { sleep: time.sleep, nowMs: time.now, clock: time.now });
    const started = time.now();
    // Bounded: every drain sends or waits out a backoff; a handful is plenty.
    let sent = 0;
    for (let i = 0; i < 20 && sent < count; i++) sent += (await sender.drain()).sent;
    const simulatedMinutes = (time.now() - started) / 60_000;
    const ws = RATE_LIMITS["chat.postMessage"]!;
    const floorMinutes = Math.max(0, count - ws.burst) / ws.perMinute;
    return {
      notices: count,
      sent,
      simulatedMinutes,
      ratelimited: slack.callsTo("chat.postMessage").filter((c) => c.failed).length,
      floorMinutes,
      workspaceLimit: { perMinute: ws.perMinute, burst: ws.burst },
      targetMinutes: NOTICES.targetMinutes,
      met: sent === count && simulatedMinutes <= NOTICES.targetMinutes,
      wallSeconds: (performance.now() - wall) / 1000,
    };
  } finally {
    await slack.close();
    await db.$disconnect();
  }
}

interface CloseRun {
  /** close: in-process; score: scoring only; worker: in a worker thread; bot: inside the bot, clicked. */
  kind: "close" | "score" | "worker" | "bot";
  what: string;
  ms: number | null;
  maxRssMb: number | null;
  /** The longest event-loop stall while it ran in that process (monitorEventLoopDelay). */
  maxStallMs?: number | null;
  error?: string;
}

interface CloseResult {
  people: number;
  records: number;
  seedSeconds: number | null;
  runs: CloseRun[];
}

/** One close measurement in a fresh child process on a fresh copy of the seeded file. */
function closeRun(tmp: string, cache: string, mode: "close" | "worker" | "score", what: string): CloseRun {
  const kind = mode;
  const file = path.join(tmp, `close-${mode}.db`);
  fs.rmSync(path.join(tmp, `exports-${mode}`), { recursive: true, force: true });
  fs.copyFileSync(cache, file);
  const child = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(ROOT, "bench/closeChild.ts"),
      file,
      CLOSE_MONTH,
      path.join(tmp, `exports-${mode}`),
      mode,
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.status !== 0) {
    // The first line that says what went wrong (Prisma puts it after the code frame).
    const lines = `${child.stderr}`.split("\n").map((l) => l.trim());
    const reason =
      lines.find((l) => /exceeded|refused|timed out|out of memory|heap/i.test(l)) ??
      lines.find((l) => /Error/.test(l) && !l.startsWith("at ")) ??
      lines.find(Boolean) ??
      "";
    return { kind, what, ms: null, maxRssMb: null, error: reason.slice(0, 200) };
  }
  const r = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as {
    ms: number;
    maxRssKb: number;
    maxStallMs: number;
  };
  return { kind, what, ms: r.ms, maxRssMb: r.maxRssKb / 1024, maxStallMs: r.maxStallMs };
}

/** The close inside the bot (bench/botServer.ts /close) at the target size, measured while it clicks. */
const closeInBot: CloseRun[] = [];

function closeInBotWanted(opts: BenchOptions): boolean {
  return opts.only.has("close") && opts.only.has("click") && !opts.quick && !opts.centers;
}

/**
 * Approval clicks at DURING_CLOSE.rate, first without a close (the bot's own longest stall), then while
 * the bot runs the close of the seeded 5,000 people / 100,000 records in its worker thread, as the
 * scheduler and the App Home run it. The close's file is a copy of the seeded center (the clicks write
 * to the bench's own file): what is measured is the bot's event loop, not SQLite's lock between them.
 */
async function clicksDuringClose(
  tmp: string,
  bot: { banner: string; url: string },
  clicks: SignedRequest[],
  show: (r: LoadResult) => void,
): Promise<CloseRun> {
  const what = `inside the bot (worker thread) while it answers ${DURING_CLOSE.rate} approval clicks/s: the bot's stall`;
  const stats = statsUrlOf(bot.banner)!;
  const { cache } = await seededClose(CLOSE_TARGET);
  const file = path.join(tmp, "close-bot.db");
  fs.copyFileSync(cache, file);
  const stall = async () =>
    ((await (await fetch(`${stats}/loop`)).json()) as { maxStallMs: number }).maxStallMs;
  await fetch(`${stats}/loop/reset`);
  const alone = await runLoad(
    `bot approval click @ ${DURING_CLOSE.rate}/s, no close`,
    bot.url,
    clicks.slice(0, DURING_CLOSE.count),
    CONNECTIONS,
    DURING_CLOSE.rate,
  );
  const aloneStall = await stall();
  await fetch(`${stats}/loop/reset`);
  const q = new URLSearchParams({
    db: file,
    month: CLOSE_MONTH,
    now: "2026-12-01T00:30:00.000Z",
    out: path.join(tmp, "exports-bot"),
  });
  const closing = fetch(`${stats}/close?${q}`).then(
    async (r) => (await r.json()) as { ms?: number; ok: boolean; error?: string },
  );
  const during = await runLoad(
    `bot approval click @ ${DURING_CLOSE.rate}/s during the close`,
    bot.url,
    clicks.slice(DURING_CLOSE.count),
    CONNECTIONS,
    DURING_CLOSE.rate,
  );
  const closed = await closing;
  const duringStall = await stall();
  show(alone);
  show(during);
  const clicksText = `; click p99 ${alone.p99} ms without, ${during.p99} ms during; stall without a close ${fmt(aloneStall)} ms`;
  if (!closed.ok || closed.ms === undefined)
    return { kind: "bot", what, ms: null, maxRssMb: null, error: closed.error ?? JSON.stringify(closed) };
  // The clicks may end before the close: the stall is over the clicks and the close both.
  return {
    kind: "bot",
    what: `${what}${clicksText}`,
    ms: closed.ms,
    maxRssMb: null,
    maxStallMs: duringStall,
  };
}

/** The seeded large center's file (cached across runs) and how long seeding it took (null: cached). */
async function seededClose(CLOSE: {
  people: number;
  records: number;
}): Promise<{ cache: string; seedSeconds: number | null }> {
  // Seeding 100,000 rows through Prisma takes a while; the seeded file is kept for the next run, under a
  // name that changes with the schema and the seeding code.
  const hash = createHash("sha256");
  const migrations = fs
    .readdirSync(MIGRATIONS_DIR)
    .sort()
    .map((d) => path.join(MIGRATIONS_DIR, d, "migration.sql"))
    .filter((f) => fs.existsSync(f));
  for (const f of [...migrations, path.join(ROOT, "bench/seedClose.ts")]) hash.update(fs.readFileSync(f));
  const cache = path.join(
    OUT,
    "cache",
    `close-${CLOSE_MONTH}-${CLOSE.people}x${CLOSE.records}-${hash.digest("hex").slice(0, 10)}.db`,
  );
  let seedSeconds: number | null = null;
  if (!fs.existsSync(cache)) {
    fs.mkdirSync(path.dirname(cache), { recursive: true });
    const partial = `${cache}.partial`;
    fs.rmSync(partial, { force: true });
    applyMigrations(partial);
    const db = createDb(`file:${partial}`);
    const t = performance.now();
    try {
      await seedLargeCenter(db, await loadWorkCalendar(db), CLOSE_MONTH, CLOSE.people, CLOSE.records);
    } finally {
      await db.$disconnect();
    }
    seedSeconds = (performance.now() - t) / 1000;
    // Fold the WAL into the file so the cached copy is one self-contained file.
    const raw = new Database(partial);
    raw.pragma("wal_checkpoint(TRUNCATE)");
    raw.pragma("journal_mode = DELETE");
    raw.close();
    fs.renameSync(partial, cache);
    log(
      `seeded ${CLOSE.people} people and ${CLOSE.records} records in ${seedSeconds.toFixed(1)} s (cached in ${path.relative(ROOT, cache)})`,
    );
  }
  return { cache, seedSeconds };
}

async function closeBenchmark(tmp: string, CLOSE: { people: number; records: number }): Promise<CloseResult> {
  const { cache, seedSeconds } = await seededClose(CLOSE);
  const runs = [
    closeRun(
      tmp,
      cache,
      "close",
      "monthly close in this thread (runMonthClose; the CLI's way; stall = this thread's)",
    ),
    closeRun(tmp, cache, "score", "of which: scoring from the database only (scoreMonthFromDb)"),
    closeRun(
      tmp,
      cache,
      "worker",
      "the same close in a worker thread, as the bot runs it (stall = the calling thread's)",
    ),
  ];
  return { people: CLOSE.people, records: CLOSE.records, seedSeconds, runs };
}

const fmt = (n: number | null, digits = 0) => (n === null ? "—" : n.toFixed(digits));

function markdown(
  rows: Row[],
  closes: CloseResult[],
  loadavg: number,
  service: ServiceRow[] = [],
  notices: NoticesRow | null = null,
): string {
  const lines = [
    `Loopback, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? "cpu"}), Node ${process.version}, ${CONNECTIONS} connections; latency = request → HTTP response; 1-minute load average at the start ${loadavg.toFixed(1)}. Rows without a rate: each connection sends again as soon as it is answered (saturation); "@ ${PACED.rate}/s": that offered load spread over the connections.`,
  ];
  if (rows.length)
    lines.push(
      "",
      "| scenario | requests | req/s | p50 ms | p99 ms | p99 vs bare | target | met |",
      "|---|---:|---:|---:|---:|---:|---|---|",
    );
  for (const r of rows) {
    const bare = r.name.startsWith("bare Bolt ack");
    const target = bare ? "—" : `p99 < ${TARGETS.ackP99Ms} ms, ≤ ${TARGETS.ackVsBare}× bare`;
    const met = bare
      ? ""
      : r.p99 < TARGETS.ackP99Ms && (r.vsBareP99 ?? Number.POSITIVE_INFINITY) <= TARGETS.ackVsBare
        ? "yes"
        : "**no**";
    lines.push(
      `| ${r.name} | ${r.requests}${r.errors + r.non2xx ? ` (${r.errors + r.non2xx} failed)` : ""} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${r.vsBareP99 === null ? "—" : `${fmt(r.vsBareP99, 2)}×`} | ${target} | ${met} |`,
    );
  }
  if (service.length > 0)
    lines.push(
      "",
      "Service level (bench/service.ts: the functions the listeners call, one after another in one process, on a SQLite file; statements counted by src/db/statements.ts, BEGIN and COMMIT included):",
      "",
      "| operation | count | per second | SQL statements each | target | met |",
      "|---|---:|---:|---:|---|---|",
      ...service.map((r) => {
        const target = `≥ ${r.targetPerSecond}/s${r.targetStatements === null ? "" : `, ≤ ${r.targetStatements} statements`}`;
        const met =
          r.perSecond >= r.targetPerSecond &&
          (r.targetStatements === null || r.statementsPer <= r.targetStatements);
        return `| ${r.name} | ${r.count} | ${fmt(r.perSecond)} | ${fmt(r.statementsPer, 1)} | ${target} | ${met ? "yes" : "**no**"} |`;
      }),
    );
  if (notices)
    lines.push(
      "",
      "Notices out (private notices as outbox rows in a SQLite file, sent by the outbox sender against the strict Slack stand-in; the sender and the stand-in share one simulated clock, so Retry-After and pacing cost simulated time, not wall time):",
      "",
      "| notices | simulated minutes | 429s | stand-in's workspace-wide floor | target | met |",
      "|---:|---:|---:|---:|---|---|",
      `| ${notices.notices}${notices.sent < notices.notices ? ` (${notices.notices - notices.sent} not sent)` : ""} | ${fmt(notices.simulatedMinutes, 1)} | ${notices.ratelimited} | ${fmt(notices.floorMinutes, 1)} min | ≤ ${notices.targetMinutes} min | ${notices.met ? "yes" : "**no**"} |`,
      "",
      `Why: chat.postMessage's workspace-wide bound in the stand-in is ${notices.workspaceLimit.perMinute} a minute with a burst of ${notices.workspaceLimit.burst} (Slack documents "several hundred messages per minute" workspace-wide and gives no number; the per-conversation limit, about one a second, is not reached with one notice per DM), so ${notices.notices} notices ${notices.notices <= notices.workspaceLimit.burst ? "fit in its burst" : `cannot take less than (${notices.notices} − ${notices.workspaceLimit.burst}) / ${notices.workspaceLimit.perMinute} = ${fmt(notices.floorMinutes, 1)} minutes against it`}${notices.floorMinutes > notices.targetMinutes ? `: the ${notices.targetMinutes}-minute target is out of reach at that bound, whatever the sender does` : ""}.`,
    );
  if (closes.length > 0)
    lines.push(
      "",
      `Monthly close (seeded with Prisma createMany; each run in its own process; the stall is the longest event-loop delay of the thread named, sampled every 10 ms). Targets at ${CLOSE_TARGET.people} people / ${CLOSE_TARGET.records} records: the whole close < ${TARGETS.closeMs} ms and < ${TARGETS.closeMb} MB peak RSS, scoring < ${TARGETS.scoreMs} ms, inside the bot no stall over ${TARGETS.closeStallMs} ms:`,
      "",
      "| people | records | run | wall time | peak RSS | longest stall | target | met |",
      "|---:|---:|---|---:|---:|---:|---|---|",
    );
  for (const close of closes) {
    const targeted = close.people === CLOSE_TARGET.people && close.records === CLOSE_TARGET.records;
    for (const r of close.runs) {
      // The in-process close: time and memory (its stall is what a bot would suffer without the worker);
      // the worker: time, memory and the calling thread's stall; inside the bot: the bot's stall.
      const ms = r.ms ?? Number.POSITIVE_INFINITY;
      const mb = r.maxRssMb ?? Number.POSITIVE_INFINITY;
      const stall = r.maxStallMs ?? Number.POSITIVE_INFINITY;
      const yes = (ok: boolean) => (ok ? "yes" : "**no**");
      const [target, met] = !targeted
        ? ["—", ""]
        : r.kind === "score"
          ? [`< ${TARGETS.scoreMs} ms`, yes(ms < TARGETS.scoreMs)]
          : r.kind === "close"
            ? [
                `< ${TARGETS.closeMs} ms, < ${TARGETS.closeMb} MB`,
                yes(ms < TARGETS.closeMs && mb < TARGETS.closeMb),
              ]
            : r.kind === "worker"
              ? [
                  `< ${TARGETS.closeMs} ms, < ${TARGETS.closeMb} MB, stall < ${TARGETS.closeStallMs} ms`,
                  yes(ms < TARGETS.closeMs && mb < TARGETS.closeMb && stall < TARGETS.closeStallMs),
                ]
              : [`stall < ${TARGETS.closeStallMs} ms`, yes(stall < TARGETS.closeStallMs)];
      const size = `| ${close.people} | ${close.records} | ${r.what}`;
      lines.push(
        r.error
          ? `${size} | — | — | — | ${target} | **failed**: ${r.error.replaceAll("|", "\\|")} |`
          : `${size} | ${fmt(r.ms)} ms | ${fmt(r.maxRssMb)} MB | ${fmt(r.maxStallMs ?? null)} ms | ${target} | ${met} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const loadStart = os.loadavg()[0];
  // --quick and --centers write beside the full run's files, not over them (the README quotes those).
  // So does a run of some scenarios only (--only), in bench-out/partial/.
  const partial = opts.only.size < parseOptions([]).only.size;
  const out = opts.quick
    ? path.join(OUT, "quick")
    : opts.centers
      ? path.join(OUT, "centers")
      : partial
        ? path.join(OUT, "partial")
        : OUT;
  fs.mkdirSync(out, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shb-bench-"));
  try {
    const rows = await httpBenchmarks(tmp, opts);
    const service: ServiceRow[] = [];
    if (opts.only.has("service")) {
      log("service level (no HTTP):");
      for (const r of await serviceBenchmark(tmp, opts)) {
        service.push(r);
        log(
          `  ${r.name.padEnd(52)} ${r.count} × ${r.perSecond.toFixed(0).padStart(5)}/s (target ≥ ${r.targetPerSecond})  ${r.statementsPer.toFixed(1)} statements each${r.targetStatements === null ? "" : ` (target ≤ ${r.targetStatements})`}`,
        );
      }
    }
    let notices: NoticesRow | null = null;
    if (opts.only.has("notices")) {
      log("notices out (simulated clock):");
      notices = await noticesBenchmark(tmp, opts);
      log(
        `  ${notices.sent}/${notices.notices} notices in ${notices.simulatedMinutes.toFixed(1)} simulated minutes, ${notices.ratelimited} × 429 (workspace-wide floor ${notices.floorMinutes.toFixed(1)} min, target ≤ ${notices.targetMinutes} min: ${notices.met ? "met" : "not met"}; ${notices.wallSeconds.toFixed(1)} s wall)`,
      );
    }
    const close: CloseResult[] = [];
    if (opts.only.has("close")) {
      log("monthly close:");
      // --quick (the smoke mode, not timed): the close at 50 people / 500 records only.
      for (const size of opts.quick ? CLOSE_QUICK : opts.closeSizes) {
        const c = await closeBenchmark(tmp, size);
        // The close inside the bot, measured during the HTTP runs, belongs to the target size's rows.
        if (size.people === CLOSE_TARGET.people && size.records === CLOSE_TARGET.records)
          c.runs.push(...closeInBot);
        close.push(c);
        for (const r of c.runs)
          log(
            `  ${c.people} people / ${c.records} records, ${r.what}: ${r.error ? `FAILED: ${r.error}` : `${fmt(r.ms)} ms, peak RSS ${fmt(r.maxRssMb)} MB, longest stall ${fmt(r.maxStallMs ?? null)} ms`}`,
          );
      }
    }
    const md = markdown(rows, close, loadStart ?? 0, service, notices);
    const results = {
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model.trim(),
        node: process.version,
        // Other work on the machine skews every figure: the 1-minute load average before and after.
        loadavg: { start: loadStart, end: os.loadavg()[0] },
      },
      connections: CONNECTIONS,
      targets: TARGETS,
      http: rows,
      service,
      notices,
      close,
      seconds: (performance.now() - started) / 1000,
    };
    fs.writeFileSync(path.join(out, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(path.join(out, "results.md"), md);
    log(`\n${md}`);
    log(`${path.relative(ROOT, out)}/results.json and results.md written (${results.seconds.toFixed(0)} s)`);
    const failed =
      rows.some((r) => r.errors + r.non2xx > 0) ||
      close.some((c) => c.runs.some((r) => r.error)) ||
      (notices !== null && notices.sent < notices.notices);
    return failed ? 1 : 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
