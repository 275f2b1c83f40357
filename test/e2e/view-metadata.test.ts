// Issue #9, findings 7 and 8: what a modal carries in private_metadata comes back in a signed
// view_submission, and a forged one must neither make the bot post somewhere else (7: only Slack's
// own response URLs — the stand-in's host here) nor close the form silently (8: a clear error in the
// person's language, nothing written). End to end: the real app on 127.0.0.1, the Slack stand-in,
// signed HTTP, and a second loopback server standing for the address an attacker put in the metadata.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ADMIN_EVALUATE_CALLBACK, ADMIN_IMPORT_CALLBACK } from "../../src/slack/blocks/admin.ts";
import {
  APPROVE_CALLBACK,
  COVER_CALLBACK,
  OUTSIDE_CALLBACK,
  REJECT_CALLBACK,
} from "../../src/slack/blocks/approvals.ts";
import { AWARDS_EDIT_CALLBACK } from "../../src/slack/blocks/awards.ts";
import { COVER_NAME_CALLBACK } from "../../src/slack/blocks/cover.ts";
import { NOTICE_QUESTION_CALLBACK } from "../../src/slack/blocks/notice.ts";
import { DUPLICATE_MODAL, RECORD_MODAL, REVOKE_MODAL } from "../../src/slack/blocks/records.ts";
import { REOPEN_CALLBACK } from "../../src/slack/blocks/reopen.ts";
import { CONFIRM_CALLBACK } from "../../src/slack/blocks/requests.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import type { ViewJson } from "../helpers/slackHttp.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { callsDuring, lastView, responses } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

const inspector = { id: ORG.inspector1 };

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);
let attacker: http.Server;
let attackerUrl = "";
/** Requests the attacker's server received. */
const stolen: string[] = [];

beforeAll(async () => {
  h = await startAppHarness({ locales: { [ORG.inspector2]: "en-US" } });
  attacker = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      stolen.push(body);
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/collect`;
});
afterAll(async () => {
  await h?.close();
  await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
});

const dmsTo = (calls: StandInCall[], user: string) =>
  calls
    .filter((c) => c.method === "chat.postMessage" && c.args.channel === user)
    .map((c) => String(c.args.text));
const button = (message: Json, actionId: string) => {
  const b = ((message.blocks as Json[]) ?? [])
    .filter((x) => x.type === "actions")
    .flatMap((x) => x.elements as Json[])
    .find((e) => e.action_id === actionId);
  if (!b) throw new Error(`no ${actionId} button`);
  return b;
};

/** What the database holds that a refused submission must not change. */
const counts = async () => ({
  records: await h.db.record.count(),
  requests: await h.db.request.count(),
  audit: await h.db.auditLog.count(),
  awards: await h.db.award.count(),
});

describe("finding 7: a carried response_url is used only when it is Slack's", () => {
  test("the filing modal: a forged URL gets nothing; the filer is answered by DM", async () => {
    const form = lastView(await during(() => h.slack.sendCommand("/deduct", "", inspector)));
    const genuine = JSON.parse(String(form.private_metadata)) as { s: string; r: string };
    expect(genuine.r.startsWith(h.standIn.url.replace(/api\/$/, ""))).toBe(true);
    const forged = { ...form, private_metadata: JSON.stringify({ ...genuine, r: attackerUrl }) };
    const before = stolen.length;
    const calls = await during(async () => {
      const res = await h.slack.sendViewSubmission(inspector, forged, {
        record_person: ORG.taxStaff1,
        record_item: "S-DIS-PHONE",
        record_points: "",
        record_count: "1",
        record_date: "2026-07-14",
        record_note: "办件时看手机",
      });
      expect(res.text).toBe(""); // filed: the modal closes
    });
    const row = await h.db.record.findFirstOrThrow({
      where: { code: "S-DIS-PHONE", personId: ORG.taxStaff1 },
    });
    expect(stolen.slice(before)).toEqual([]);
    expect(responses(calls)).toEqual([]);
    expect(dmsTo(calls, ORG.inspector1).join("\n")).toContain(`#${row.id}`);
  });

  test("the revoke modal: a forged URL gets nothing; the filer is answered by DM", async () => {
    const preview = responses(
      await during(() => h.slack.sendCommand("/deduct", `<@${ORG.taxStaff2}> S-DIS-SNACK`, inspector)),
    )[0]!;
    const filed = responses(
      await during(() =>
        h.slack.sendAction(inspector, {
          action_id: "record_confirm",
          value: String(button(preview, "record_confirm").value),
        }),
      ),
    )[0]!;
    const id = Number(button(filed, "record_revoke").value);
    const modal = lastView(
      await during(() =>
        h.slack.sendAction(
          inspector,
          { action_id: "record_revoke", value: String(id) },
          { isEphemeral: true },
        ),
      ),
    );
    const forged = { ...modal, private_metadata: JSON.stringify({ id, r: attackerUrl }) };
    const before = stolen.length;
    const calls = await during(() =>
      h.slack.sendViewSubmission(inspector, forged, { record_revoke_reason: "记错了" }),
    );
    expect((await h.db.record.findUniqueOrThrow({ where: { id } })).state).toBe("revoked");
    expect(stolen.slice(before)).toEqual([]);
    expect(responses(calls)).toEqual([]);
    expect(dmsTo(calls, ORG.inspector1).join("\n")).toContain(`已撤销记录 #${id}`);
  });
});

describe("finding 7: a delivery's own response_url", () => {
  test("a command or click naming another address is acknowledged and goes no further", async () => {
    const preview = responses(
      await during(() => h.slack.sendCommand("/deduct", `<@${ORG.hrssLeader}> S-DIS-SNACK`, inspector)),
    )[0]!;
    const before = { stolen: stolen.length, ...(await counts()) };
    const command = await h.slack.sendCommand("/deduct", `<@${ORG.hrssLeader}> S-DIS-SNACK`, inspector, {
      responseUrl: attackerUrl,
    });
    expect(command.status).toBe(200);
    const click = await h.slack.sendAction(
      inspector,
      { action_id: "record_confirm", value: String(button(preview, "record_confirm").value) },
      { isEphemeral: true, responseUrl: attackerUrl },
    );
    expect(click.status).toBe(200);
    expect(stolen.length).toBe(before.stolen);
    const { stolen: _, ...was } = before;
    expect(await counts()).toEqual(was);
  });
});

describe("finding 8: malformed or forged metadata is answered with an error and writes nothing", () => {
  const BAD_ZH = "这个表单带的数据无效（可能已过期或被改动），没有保存任何内容。请关闭后重新打开。";
  const cases: Array<[string, string]> = [
    [RECORD_MODAL.callbackId, JSON.stringify({ s: "credit", r: "x" })],
    [REVOKE_MODAL.callbackId, JSON.stringify({ id: "1; drop table" })],
    [DUPLICATE_MODAL.callbackId, JSON.stringify({ d: "{}" })],
    [CONFIRM_CALLBACK, JSON.stringify({ kind: "holiday" })],
    [REJECT_CALLBACK, JSON.stringify({ stepId: -1 })],
    [APPROVE_CALLBACK, JSON.stringify({ stepId: "3" })],
    [COVER_CALLBACK, JSON.stringify({ step: 1 })],
    [OUTSIDE_CALLBACK, "[]"],
    [COVER_NAME_CALLBACK, JSON.stringify({ requestId: 1, channel: "<!channel>", ts: "now" })],
    [REOPEN_CALLBACK, JSON.stringify({ month: "../../etc" })],
    [AWARDS_EDIT_CALLBACK, JSON.stringify({ p: 2026 })],
    [NOTICE_QUESTION_CALLBACK, JSON.stringify({ month: "2026-7; drop" })],
    [ADMIN_IMPORT_CALLBACK, JSON.stringify({ k: "ratings", s: "confirm", f: "../../etc/passwd" })],
    [ADMIN_EVALUATE_CALLBACK, JSON.stringify({ r: "1" })],
  ];

  test.each(cases)("%s: not JSON, empty, or the wrong shape", async (callbackId, forged) => {
    const before = await counts();
    for (const metadata of ["{not json", "", "null", forged]) {
      const view = { id: "V0FORGED", callback_id: callbackId, private_metadata: metadata, blocks: [] };
      const res = await h.slack.sendViewSubmission(inspector, view, {}, { stateValues: {} });
      expect(res.status, `${callbackId} ${metadata}`).toBe(200);
      const body = res.json as { response_action?: string; view?: ViewJson } | undefined;
      expect(body?.response_action, `${callbackId} ${metadata}`).toBe("update");
      expect(JSON.stringify(body?.view?.blocks)).toContain(BAD_ZH);
    }
    expect(await counts()).toEqual(before);
  });

  test("in the person's language", async () => {
    const view = { id: "V0FORGED", callback_id: REVOKE_MODAL.callbackId, private_metadata: "{", blocks: [] };
    const res = await h.slack.sendViewSubmission({ id: ORG.inspector2 }, view, {}, { stateValues: {} });
    expect(JSON.stringify((res.json as { view: ViewJson }).view.blocks)).toContain(
      "This form's data is not valid (it may be out of date or altered); nothing was saved.",
    );
  });
});
