// Issue #9, finding 11: two inspectors filing the same act at the same moment both succeeded silently.
// The same act already on record (same person or window, same code, same date, not revoked) is now
// warned of at the confirmation step — "<@李明> already has S-ATT-LATE for 2026-07-14 (#12, filed by
// <@何静>). File it anyway?" — with "File anyway" and "Cancel"; filing anyway files it, audited. The
// check runs in the transaction that files, so two simultaneous confirms cannot both pass silently.
// End to end: the real app on 127.0.0.1, the Slack stand-in, signed HTTP.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fileRecord, revokeRecord } from "../../src/services/records.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import type { SlackUserRef, ViewJson } from "../helpers/slackHttp.ts";
import { callsDuring, lastView, responses } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

const ins1: SlackUserRef = { id: ORG.inspector1 };
/** Reads Slack in English. */
const ins2: SlackUserRef = { id: ORG.inspector2 };

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);

beforeAll(async () => {
  h = await startAppHarness({ locales: { [ORG.inspector2]: "en-US" } });
});
afterAll(async () => {
  await h?.close();
});

const buttons = (message: Json) =>
  ((message.blocks as Json[]) ?? []).filter((b) => b.type === "actions").flatMap((b) => b.elements as Json[]);
const button = (message: Json, actionId: string) => {
  const b = buttons(message).find((e) => e.action_id === actionId);
  if (!b) throw new Error(`no ${actionId} button in ${JSON.stringify(message).slice(0, 400)}`);
  return b;
};
const buttonText = (message: Json, actionId: string) => (button(message, actionId).text as Json).text;
/** /deduct quick form: the preview the filer sees. */
async function preview(user: SlackUserRef, text: string): Promise<Json> {
  const [p] = responses(await during(() => h.slack.sendCommand("/deduct", text, user)));
  if (!p) throw new Error("no preview");
  return p;
}
/** Clicks the preview's Confirm (or File anyway): the message that replaced the preview. */
async function confirm(user: SlackUserRef, message: Json): Promise<Json> {
  // A response_url of its own, so that two clicks at once each find their own answer.
  const responseUrl = h.standIn.responseUrl();
  const value = String(button(message, "record_confirm").value);
  const calls = await during(() =>
    h.slack.sendAction(user, { action_id: "record_confirm", value }, { isEphemeral: true, responseUrl }),
  );
  const [r] = responses(calls).filter((a) => a.url === responseUrl);
  if (!r) throw new Error("no answer");
  return r;
}
const countOf = (code: string, who: { personId: string } | { windowId: string }) =>
  h.db.record.count({ where: { code, state: "active", ...who } });

describe("the same act filed twice", () => {
  test("the second inspector is warned before anything is saved, and may file anyway (audited)", async () => {
    const first = await confirm(ins1, await preview(ins1, `<@${ORG.taxStaff1}> S-ATT-LATE 2026-07-14 迟到`));
    const firstId = Number(button(first, "record_revoke").value);

    const warned = await preview(ins2, `<@${ORG.taxStaff1}> S-ATT-LATE 2026-07-14 late again`);
    expect(String(warned.text)).toContain(
      `<@${ORG.taxStaff1}> already has *Late or left early (S-ATT-LATE)* for 2026-07-14 (#${firstId}, filed by <@${ORG.inspector1}>). File it anyway?`,
    );
    expect(buttonText(warned, "record_confirm")).toBe("File anyway");
    expect(buttonText(warned, "record_cancel")).toBe("Cancel");
    expect(await countOf("S-ATT-LATE", { personId: ORG.taxStaff1 })).toBe(1);

    const filed = await confirm(ins2, warned);
    const secondId = Number(button(filed, "record_revoke").value);
    expect(await countOf("S-ATT-LATE", { personId: ORG.taxStaff1 })).toBe(2);
    const audit = await h.db.auditLog.findFirstOrThrow({
      where: { action: "record.file", entityId: String(secondId) },
    });
    expect([audit.actorId, audit.note]).toEqual([
      ORG.inspector2,
      `filed anyway: S-ATT-LATE 2026-07-14 already on record as #${firstId}`,
    ]);
    expect(
      (await h.db.auditLog.findFirstOrThrow({ where: { action: "record.file", entityId: String(firstId) } }))
        .note,
    ).toBeNull();

    // A third time, in Chinese: both records and both filers are named.
    const third = await preview(ins1, `<@${ORG.taxStaff1}> S-ATT-LATE 2026-07-14`);
    expect(String(third.text)).toContain(
      `<@${ORG.taxStaff1}> 在 2026-07-14 已有 *迟到早退（S-ATT-LATE）* 记录（#${firstId}、#${secondId}，由 <@${ORG.inspector1}>、<@${ORG.inspector2}> 记录）。仍要再记录一次吗？`,
    );
    expect(buttonText(third, "record_confirm")).toBe("仍然记录");
    // Cancel saves nothing.
    await h.slack.sendAction(ins1, { action_id: "record_cancel", value: "x" }, { isEphemeral: true });
    expect(await countOf("S-ATT-LATE", { personId: ORG.taxStaff1 })).toBe(2);
  });

  test("two inspectors confirming the same act at the same moment: one files, the other is asked", async () => {
    const text = `<@${ORG.estateStaff1}> S-DIS-SNACK 2026-07-14`;
    const p1 = await preview(ins1, text);
    const p2 = await preview(ins2, text);
    // Neither preview knew of the other: both offer the plain Confirm.
    expect([buttonText(p1, "record_confirm"), buttonText(p2, "record_confirm")]).toEqual([
      "确认记录",
      "File it",
    ]);

    const [a1, a2] = await Promise.all([confirm(ins1, p1), confirm(ins2, p2)]);
    expect(await countOf("S-DIS-SNACK", { personId: ORG.estateStaff1 })).toBe(1);
    const answers = [a1, a2];
    const filedIndex = answers.findIndex((a) => buttons(a).some((b) => b.action_id === "record_revoke"));
    expect(filedIndex).toBeGreaterThanOrEqual(0);
    const asked = answers[1 - filedIndex]!;
    const askedUser = filedIndex === 0 ? ins2 : ins1;
    const filedId = Number(button(answers[filedIndex]!, "record_revoke").value);
    expect(asked.replace_original).toBe(true);
    expect(String(asked.text)).toContain(`#${filedId}`);
    expect(buttonText(asked, "record_confirm")).toBe(filedIndex === 0 ? "File anyway" : "仍然记录");

    // Filing anyway files it, once: a second click on the same button files nothing more.
    await confirm(askedUser, asked);
    expect(await countOf("S-DIS-SNACK", { personId: ORG.estateStaff1 })).toBe(2);
    await confirm(askedUser, asked);
    expect(await countOf("S-DIS-SNACK", { personId: ORG.estateStaff1 })).toBe(2);
  });

  test("many filings of one act at once through the service: exactly one passes silently", async () => {
    const input = {
      filer: ORG.inspector1,
      target: { person: ORG.taxLeader },
      code: "S-DIS-DROWSY",
      date: "2026-07-13",
    };
    const results = await Promise.all(Array.from({ length: 6 }, () => fileRecord(h.ctx, input)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.code))).toEqual(
      Array(5).fill("RECORDS.DUPLICATE"),
    );
    expect(await countOf("S-DIS-DROWSY", { personId: ORG.taxLeader })).toBe(1);
  });

  test("the filing modal asks on a modal pushed over the form; File anyway files it", async () => {
    const values = {
      record_person: ORG.hrssLeader,
      record_item: "S-DIS-PHONE",
      record_points: "",
      record_count: "1",
      record_date: "2026-07-14",
      record_note: "看手机",
    };
    const form1 = lastView(await during(() => h.slack.sendCommand("/deduct", "", ins1)));
    expect((await h.slack.sendViewSubmission(ins1, form1, values)).text).toBe("");
    const firstId = (
      await h.db.record.findFirstOrThrow({ where: { code: "S-DIS-PHONE", personId: ORG.hrssLeader } })
    ).id;

    const form2 = lastView(await during(() => h.slack.sendCommand("/deduct", "", ins1)));
    const res = await h.slack.sendViewSubmission(ins1, form2, values);
    const pushed = res.json as { response_action: string; view: ViewJson };
    expect(pushed.response_action).toBe("push");
    expect(pushed.view.callback_id).toBe("record_duplicate");
    expect(JSON.stringify(pushed.view.blocks)).toContain(
      `<@${ORG.hrssLeader}> 在 2026-07-14 已有 *长时间看手机（S-DIS-PHONE）* 记录（#${firstId}，由 <@${ORG.inspector1}> 记录）。仍要再记录一次吗？`,
    );
    expect([(pushed.view.submit as Json).text, (pushed.view.close as Json).text]).toEqual([
      "仍然记录",
      "取消",
    ]);
    expect(await countOf("S-DIS-PHONE", { personId: ORG.hrssLeader })).toBe(1);

    const commandUrl = (JSON.parse(String(form2.private_metadata)) as { r: string }).r;
    const done = await during(async () => {
      const r = await h.slack.sendViewSubmission(ins1, { ...pushed.view, id: "V0DUPLICATE" });
      expect(r.json).toEqual({ response_action: "clear" });
    });
    const rows = await h.db.record.findMany({
      where: { code: "S-DIS-PHONE", personId: ORG.hrssLeader },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.note, r.filedBy])).toEqual([
      ["看手机", ORG.inspector1],
      ["看手机", ORG.inspector1],
    ]);
    expect(
      (
        await h.db.auditLog.findFirstOrThrow({
          where: { action: "record.file", entityId: String(rows[1]!.id) },
        })
      ).note,
    ).toBe(`filed anyway: S-DIS-PHONE 2026-07-14 already on record as #${firstId}`);
    const [confirmation] = responses(done);
    expect(confirmation!.url).toBe(commandUrl);
    expect(button(confirmation!, "record_revoke").value).toBe(String(rows[1]!.id));
  });

  test("a revoked record is not on record; a window's act is warned of too", async () => {
    const first = await confirm(ins1, await preview(ins1, "estate W-SITE 1 2026-07-13"));
    const id = Number(button(first, "record_revoke").value);
    const revoked = await revokeRecord(h.ctx, { actor: ORG.inspector1, id, reason: "记错了窗口" });
    expect(revoked.ok).toBe(true);
    const again = await preview(ins1, "estate W-SITE 1 2026-07-13");
    expect(buttonText(again, "record_confirm")).toBe("确认记录");
    expect(String(again.text)).not.toContain(":warning:");
    const second = await confirm(ins1, again);
    const secondId = Number(button(second, "record_revoke").value);
    // Another day is another act.
    expect(buttonText(await preview(ins1, "estate W-SITE 1 2026-07-14"), "record_confirm")).toBe("确认记录");
    const third = await preview(ins1, "estate W-SITE 1 2026-07-13");
    expect(String(third.text)).toContain(
      `窗口「不动产窗口」 在 2026-07-13 已有 *违反现场管理服务制度（W-SITE）* 记录（#${secondId}，由 <@${ORG.inspector1}> 记录）。`,
    );
  });
});
