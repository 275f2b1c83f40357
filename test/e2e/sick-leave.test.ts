// Long sick leave end to end (RULES.md §3 二; issue #12 fix 4 and the certificates): the real app on
// 127.0.0.1, the Slack stand-in, signed HTTP, in Chinese and in English. A staff member asks for 32 days
// of sick leave with a cover, uploading the designated hospitals' form in the request form, and sends a
// hospital certificate to the bot in the DM; the approvers' messages link them; inspection records the
// doctor's period and checks the files at its review; the deputy director cannot approve longer than the
// doctor's and approves a shorter period; the request's dates and days change, the requester and the
// cover are told, and year to date follows.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import type { SlackUserRef, ViewJson } from "../helpers/slackHttp.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { callsDuring, lastView, textOf } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;
const u = (id: string): SlackUserRef => ({ id });

// Every person the story touches reads the language under test.
const CAST = [ORG.taxStaff2, ORG.taxStaff1, ORG.taxParent, ORG.inspector1, ORG.inspector2, ORG.deputy];

/** The words each language must show, written out by hand. */
const WORDS = {
  zh: {
    certificateOption: "我已取得县级及以上医院出具的证明",
    attached: (id: number) =>
      `已将文件“诊断证明.pdf”作为医院证明附在病假申请 #${id} 上，审批人可以在审批消息中查看。`,
    formAttached: (id: number) =>
      `已将文件“病假证明表.jpg”作为指定医院病假证明表附在病假申请 #${id} 上，审批人可以在审批消息中查看。`,
    notOwner: "文件“别人的.png”不是您上传的，请上传您自己的照片或扫描件。",
    already: (id: number) => `文件“病假证明表.jpg”已附在病假申请 #${id} 上。`,
    unchecked: "待督查科核验",
    formLink: (f: string) =>
      `• 指定医院病假证明表：<https://standin.slack.local/files/${ORG.taxStaff2}/${f}/${encodeURIComponent("病假证明表.jpg")}|病假证明表.jpg>`,
    checkedBy: `✅ <@${ORG.inspector1}> 已于`,
    beforeStart: "日期不能早于病假开始（2026-07-16 上午）。",
    doctorLine: "• 医生建议休息：2026-07-16 上午 至 2026-08-05 下午（21 天）",
    longerThanDoctor:
      "批准的期限不能长于医生建议的期限（至 2026-08-05 下午）。请点“同意并填写意见”，填写批准休息至哪一天。",
    longerThanAsked: "批准的期限不能长于申请的期限（至 2026-08-16 下午）。",
    shortened: (id: number) =>
      `分管副主任 <@${ORG.deputy}> 批准您的病假申请 #${id} 至 2026-07-31 下午（16 天），短于申请的 2026-08-16 下午（32 天）。请于 2026-07-31 下午 之后按时到岗。`,
    coverTold: (id: number) =>
      `<@${ORG.taxStaff2}>（税务窗口） 的病假（#${id}）经分管副主任批准缩短至 2026-07-31 下午：您的顶岗到那时为止。`,
    askedLine: "• 原申请至 2026-08-16 下午（32 天），分管副主任批准缩短",
    ytd: "本年已请病假 16 天（不含本次）",
    head: "病假 · 2026-07-16 上午 至 2026-07-31 下午 · 16 天",
  },
  en: {
    certificateOption: "I have a county-level or higher hospital certificate (long sick: its form)",
    attached: (id: number) =>
      `Attached “诊断证明.pdf” to sick leave #${id} as the hospital certificate; the approvers see it in their messages.`,
    formAttached: (id: number) =>
      `Attached “病假证明表.jpg” to sick leave #${id} as the designated hospital's sick-leave form; the approvers see it in their messages.`,
    notOwner: "“别人的.png” was not uploaded by you: attach your own photo or scan.",
    already: (id: number) => `“病假证明表.jpg” is already attached to sick leave #${id}.`,
    unchecked: "not yet checked by inspection",
    formLink: (f: string) =>
      `• designated hospital's sick-leave form: <https://standin.slack.local/files/${ORG.taxStaff2}/${f}/${encodeURIComponent("病假证明表.jpg")}|病假证明表.jpg>`,
    checkedBy: `✅ checked by <@${ORG.inspector1}> on`,
    beforeStart: "The date cannot be before the leave starts (2026-07-16 morning).",
    doctorLine: "• Doctor's period: 2026-07-16 morning to 2026-08-05 afternoon (21 days)",
    longerThanDoctor:
      "The approved period cannot be longer than the doctor's (until 2026-08-05 afternoon). Use “Approve with note” and set the end.",
    longerThanAsked: "The approved period cannot be longer than asked (until 2026-08-16 afternoon).",
    shortened: (id: number) =>
      `Deputy director <@${ORG.deputy}> approved your sick leave #${id} until 2026-07-31 afternoon (16 days), shorter than the 2026-08-16 afternoon (32 days) you asked for. Please be back at work after 2026-07-31 afternoon.`,
    coverTold: (id: number) =>
      `<@${ORG.taxStaff2}> (税务窗口)'s sick leave (#${id}) was shortened by the deputy director to end 2026-07-31 afternoon: your cover ends then.`,
    askedLine: "• Asked for until 2026-08-16 afternoon (32 days); shortened by the deputy director",
    ytd: "Sick leave already this year: 16 days (besides this one)",
    head: "2026-07-16 morning to 2026-07-31 afternoon · 16",
  },
} as const;

describe.each(["zh", "en"] as const)("long sick leave, shortened, certificates checked (%s)", (lang) => {
  const w = WORDS[lang];
  let h: AppHarness;
  const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);

  beforeAll(async () => {
    h = await startAppHarness(
      lang === "en" ? { locales: Object.fromEntries(CAST.map((id) => [id, "en-US"])) } : {},
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  const posts = (calls: StandInCall[], channel: string) =>
    calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel);
  const updates = (calls: StandInCall[], channel: string) =>
    calls.filter((c) => c.method === "chat.update" && c.args.channel === h.standIn.dmChannel(channel));
  const responses = (calls: StandInCall[]) =>
    calls.filter((c) => c.method === "response_url").map((c) => c.args);

  async function click(user: string, post: StandInCall, actionId: string) {
    const reply = (post as { response?: Json }).response ?? {};
    const value = ((post.args.blocks as Json[]) ?? [])
      .flatMap((b) => (b.elements as Json[]) ?? [])
      .find((e) => e.action_id === actionId)?.value;
    expect(value, `${actionId} in the message`).toBeDefined();
    return during(() =>
      h.slack.sendAction(
        u(user),
        { action_id: actionId, value: String(value) },
        {
          channelId: String(reply.channel),
          message: { ts: String(reply.ts), blocks: post.args.blocks as unknown[] },
        },
      ),
    );
  }

  /** A file shared in the DM with the bot (message.im, subtype file_share), as Slack sends it. */
  const shareInDm = (user: string, text: string, fileIds: string[]) =>
    during(() =>
      h.slack.sendEvent({
        type: "message",
        subtype: "file_share",
        channel_type: "im",
        channel: `D${user.slice(1)}`,
        user,
        text,
        files: fileIds.map((id) => ({ id })),
        ts: `1784000000.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`,
      }),
    );
  const dmReply = (calls: StandInCall[], user: string) =>
    textOf(posts(calls, `D${user.slice(1)}`).map((c) => c.args));

  test("form uploaded with the request, certificate sent in the DM, both checked by inspection; the deputy approves a shorter period", async () => {
    // The form: sick leave 07-16 am … 08-16 pm (32 calendar days > 30: long sick leave), cover 林一.
    const opened = await during(() => h.slack.sendCommand("/qingjia", "", u(ORG.taxStaff2)));
    const form = lastView(opened);
    const changed = await during(() =>
      h.slack.sendAction(
        u(ORG.taxStaff2),
        { action_id: "req_kind", type: "static_select", selected_option: { value: "sick" } },
        {
          view: {
            ...form,
            state: {
              values: {
                req_kind: { req_kind: { type: "static_select", selected_option: { value: "sick" } } },
                req_start_date: { req_start_date: { type: "datepicker", selected_date: "2026-07-16" } },
              },
            },
          },
        },
      ),
    );
    const sickForm = lastView(changed);
    expect(textOf(sickForm.blocks)).toContain(w.certificateOption);
    // The paper's photo, uploaded in the form's file_input (instead of ticking the box): on a long sick
    // leave, the designated hospitals' form.
    const fileInput = (sickForm.blocks ?? []).find((b) => b.block_id === "req_certificate_file");
    expect(fileInput?.element).toMatchObject({ type: "file_input", max_files: 5 });
    const photo = h.standIn.addFile({
      name: "病假证明表.jpg",
      bytes: "jpeg…",
      user: ORG.taxStaff2,
      mimetype: "image/jpeg",
    });
    const next = await h.slack.sendViewSubmission(u(ORG.taxStaff2), sickForm, {
      req_kind: "sick",
      req_start_date: "2026-07-16",
      req_start_half: "am",
      req_end_date: "2026-08-16",
      req_end_half: "pm",
      req_reason: "住院",
      req_cover: ORG.taxStaff1,
      req_certificate: [],
      req_certificate_file: [photo],
    });
    const push = next.json as { response_action: string; view: ViewJson };
    expect(push.response_action).toBe("push");
    const submitted = await during(async () => {
      const r = await h.slack.sendViewSubmission(u(ORG.taxStaff2), { ...push.view, id: "V0SICKCONFIRM" });
      expect(r.json).toEqual({ response_action: "clear" });
    });
    const request = await h.db.request.findFirstOrThrow({
      where: { requesterId: ORG.taxStaff2, kind: "sick" },
      include: { steps: { orderBy: { seq: "asc" } } },
    });
    const id = request.id;
    expect([request.halfDays, request.coverId, JSON.parse(request.flags)]).toEqual([
      64,
      ORG.taxStaff1,
      expect.arrayContaining(["long_sick", "designated_hospital_form"]),
    ]);
    expect(request.steps.map((s) => `${s.approver}:${s.action}`)).toEqual([
      "parent_unit_leader:agree",
      "inspection:review",
      "deputy_director:approve",
      "parent_unit_head:review",
      "personnel_authority:approve",
    ]);
    const [toParent] = posts(submitted, ORG.taxParent);
    expect(toParent).toBeDefined();
    // The form's photo is attached once the request exists (checked on files.info), and the requester told.
    expect(submitted.filter((c) => c.method === "files.info").map((c) => c.args.file)).toEqual([photo]);
    expect(textOf(posts(submitted, ORG.taxStaff2).map((c) => c.args))).toContain(w.formAttached(id));
    // The parent-unit leader's pending message links it (updated in place).
    const parentUpdate = updates(submitted, ORG.taxParent).at(-1);
    expect(textOf(parentUpdate!.args.blocks)).toContain(w.formLink(photo));
    expect(textOf(parentUpdate!.args.blocks)).toContain(w.unchecked);
    // The same photo sent again in the DM, naming the request: already there, nothing new.
    expect(dmReply(await shareInDm(ORG.taxStaff2, `#${id}`, [photo]), ORG.taxStaff2)).toBe(w.already(id));

    // A hospital certificate besides, sent to the bot in the DM naming the request.

    const pdf = h.standIn.addFile({
      name: "诊断证明.pdf",
      bytes: "%PDF-1.4",
      user: ORG.taxStaff2,
      mimetype: "application/pdf",
    });
    const pdfSent = await shareInDm(ORG.taxStaff2, `#${id}`, [pdf]);
    expect(dmReply(pdfSent, ORG.taxStaff2)).toBe(w.attached(id));
    // Someone else's file is refused (the file id alone proves nothing).
    const foreign = h.standIn.addFile({
      name: "别人的.png",
      bytes: "png",
      user: ORG.taxStaff1,
      mimetype: "image/png",
    });
    expect(dmReply(await shareInDm(ORG.taxStaff2, `#${id}`, [foreign]), ORG.taxStaff2)).toBe(w.notOwner);
    const rows = await h.db.attachment.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.entityId, r.kind, r.fileId, r.addedBy, r.checkedBy])).toEqual([
      [id, "designated_form", photo, ORG.taxStaff2, null],
      [id, "certificate", pdf, ORG.taxStaff2, null],
    ]);
    expect((await h.db.request.findUniqueOrThrow({ where: { id } })).certificate).toBe("attached");

    // The parent-unit leader agrees; inspection's messages show both files, not yet checked.
    const afterParent = await click(ORG.taxParent, toParent!, "step_approve");
    const [toIns] = posts(afterParent, ORG.inspector1);
    const insText = textOf(toIns!.args.blocks);
    expect(insText).toContain(w.formLink(photo));
    expect(insText).toContain("诊断证明.pdf");

    // Inspection's review: the doctor's period (not before the start), and both files checked.
    const modal = lastView(await click(ORG.inspector1, toIns!, "step_approve_note"));
    expect(modal.callback_id).toBe("step_approve_modal");
    const ids = (modal.blocks ?? []).map((b) => b.block_id);
    expect(ids).toEqual(expect.arrayContaining(["sick_doctor_date", "sick_doctor_half", "sick_checked"]));
    const early = await h.slack.sendViewSubmission(u(ORG.inspector1), modal, {
      sick_doctor_date: "2026-07-10",
      sick_doctor_half: "pm",
      sick_checked: [],
      note: null,
    });
    expect(early.json).toEqual({ response_action: "errors", errors: { sick_doctor_date: w.beforeStart } });
    const reviewed = await during(async () => {
      const r = await h.slack.sendViewSubmission(u(ORG.inspector1), modal, {
        sick_doctor_date: "2026-08-05",
        sick_doctor_half: "pm",
        sick_checked: rows.map((r) => String(r.id)),
        note: null,
      });
      expect(r.json).toEqual({ response_action: "clear" });
    });
    const recorded = await h.db.request.findUniqueOrThrow({ where: { id } });
    expect([recorded.doctorEndDate, recorded.doctorEndHalf, recorded.doctorHalfDays]).toEqual([
      "2026-08-05",
      "pm",
      42,
    ]);
    expect((await h.db.attachment.findMany()).map((a) => a.checkedBy)).toEqual([
      ORG.inspector1,
      ORG.inspector1,
    ]);
    expect(
      await h.db.auditLog.count({ where: { action: "attachment.check", actorId: ORG.inspector1 } }),
    ).toBe(2);
    const [toDeputy] = posts(reviewed, ORG.deputy);
    const deputyText = textOf(toDeputy!.args.blocks);
    expect(deputyText).toContain(w.doctorLine);
    expect(deputyText).toContain(w.checkedBy);
    expect(deputyText).not.toContain(w.unchecked);

    // The deputy's one click would approve 32 days, longer than the doctor's 21: refused, and says how.
    const oneClick = await click(ORG.deputy, toDeputy!, "step_approve");
    expect(String(responses(oneClick)[0]?.text)).toBe(w.longerThanDoctor);
    const deputyModal = lastView(await click(ORG.deputy, toDeputy!, "step_approve_note"));
    const endField = (deputyModal.blocks ?? []).find((b) => b.block_id === "sick_end_date");
    // Offered: the doctor's end, sooner than asked.
    expect(endField?.element).toMatchObject({ type: "datepicker", initial_date: "2026-08-05" });
    const tooLong = await h.slack.sendViewSubmission(u(ORG.deputy), deputyModal, {
      sick_end_date: "2026-08-10",
      sick_end_half: "pm",
      note: null,
    });
    expect(tooLong.json).toEqual({
      response_action: "errors",
      errors: { sick_end_date: w.longerThanDoctor },
    });
    const pastAsked = await h.slack.sendViewSubmission(u(ORG.deputy), deputyModal, {
      sick_end_date: "2026-08-20",
      sick_end_half: "pm",
      note: null,
    });
    expect(pastAsked.json).toEqual({
      response_action: "errors",
      errors: { sick_end_date: w.longerThanAsked },
    });
    expect((await h.db.request.findUniqueOrThrow({ where: { id } })).halfDays).toBe(64); // refused: unchanged

    const shortened = await during(async () => {
      const r = await h.slack.sendViewSubmission(u(ORG.deputy), deputyModal, {
        sick_end_date: "2026-07-31",
        sick_end_half: "pm",
        note: null,
      });
      expect(r.json).toEqual({ response_action: "clear" });
    });
    const after = await h.db.request.findUniqueOrThrow({ where: { id }, include: { steps: true } });
    expect({
      end: [after.endDate, after.endHalf, after.halfDays],
      asked: [after.askedEndDate, after.askedEndHalf, after.askedHalfDays],
      state: after.state,
    }).toEqual({ end: ["2026-07-31", "pm", 32], asked: ["2026-08-16", "pm", 64], state: "pending" });
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "request.shorten" } });
    expect([audit.actorId, JSON.parse(audit.after ?? "{}")]).toEqual([
      ORG.deputy,
      { endDate: "2026-07-31", endHalf: "pm", halfDays: 32 },
    ]);
    // The requester and the cover are told, each in their language.
    expect(textOf(posts(shortened, ORG.taxStaff2).map((c) => c.args))).toContain(w.shortened(id));
    expect(textOf(posts(shortened, ORG.taxStaff1).map((c) => c.args))).toContain(w.coverTold(id));
    // The route stays as decided: the outside steps follow, recorded by inspection.
    const [outside] = posts(shortened, ORG.inspector2);
    const outsideText = textOf(outside!.args.blocks);
    expect(outsideText).toContain(w.head);
    expect(outsideText).toContain(w.askedLine);

    // Year to date follows the approved period: a new sick day on 08-03 (inside the period asked,
    // outside the one approved) is accepted, and its approvers read 16 days already this year.
    const again = await during(() =>
      h.slack.sendMessageIm(
        u(ORG.taxStaff2),
        lang === "zh" ? "病假 2026-08-03 2026-08-03 复查" : "sick 2026-08-03 2026-08-03 check-up",
      ),
    );
    const [preview] = posts(again, `D${ORG.taxStaff2.slice(1)}`);
    const submit = await click(ORG.taxStaff2, preview!, "req_submit");
    const [toInsLater] = posts(submit, ORG.inspector1);
    expect(textOf(toInsLater!.args.blocks)).toContain(w.ytd);
  }, 60_000);
});
