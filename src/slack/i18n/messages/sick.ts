// Sick leave's paperwork (RULES.md §3 二): the doctor's period inspection records on a long sick leave,
// the shorter period the deputy director may approve, and the certificates attached and checked.
// Keys: sick.* and error.<CODE> for src/services/sickLeave.ts and attachments.ts.
import type { AreaMessages, Params } from "../index.ts";

type HalfPoint = { date: string; half: "am" | "pm" };
const halves = { zh: { am: "上午", pm: "下午" }, en: { am: "morning", pm: "afternoon" } } as const;
const point = (p: unknown, lang: "zh" | "en") => {
  const { date, half } = (p ?? {}) as Partial<HalfPoint>;
  return `${date ?? "?"} ${half ? halves[lang][half] : ""}`.trim();
};
const days = (halfDays: unknown) => String(Number(halfDays) / 2);
const zhKind = (k: unknown) => (k === "designated_form" ? "指定医院病假证明表" : "医院证明");
const enKind = (k: unknown) =>
  k === "designated_form" ? "designated hospital's sick-leave form" : "hospital certificate";

export const sick: AreaMessages = {
  zh: {
    "sick.kind.certificate": "医院证明",
    "sick.kind.designated_form": "指定医院病假证明表",
    "sick.attachments": "附件：",
    "sick.attachment.line": (p: Params) =>
      `• ${zhKind(p.kind)}：${p.link}（${p.at} 上传）· ${p.checkedBy ? `✅ ${p.checkedBy} 已于 ${p.checkedAt} 核验` : "待督查科核验"}`,
    "sick.attachments.none_long": "• 尚未上传指定医院病假证明表（申请人可把照片发给我并注明申请编号）",
    "sick.doctor.line": (p: Params) =>
      `• 医生建议休息：${point(p.start, "zh")} 至 ${point(p.end, "zh")}（${days(p.halfDays)} 天）`,
    "sick.doctor.none": "• 督查科审核时未记录医生建议的休息期限",
    "sick.asked.line": (p: Params) =>
      `• 原申请至 ${point(p.end, "zh")}（${days(p.halfDays)} 天），分管副主任批准缩短`,
    // The decision modal
    "sick.modal.doctor_date": "医生建议休息至（病假证明表）",
    "sick.modal.doctor_hint":
      "按指定医院病假证明表填写医生建议休息期限的最后一天；自申请开始之日起算。分管副主任批准的期限不能超过它。",
    "sick.modal.doctor_half": "至当天",
    "sick.modal.end_date": "批准休息至",
    "sick.modal.end_hint":
      "不超过医生建议的期限，也不超过申请的期限；早于申请结束则缩短请假，天数随之变更并通知申请人和顶岗人。",
    "sick.modal.end_half": "至当天",
    "sick.modal.asked": (p: Params) =>
      `申请：${point(p.start, "zh")} 至 ${point(p.end, "zh")}（${days(p.halfDays)} 天）`,
    "sick.modal.doctor": (p: Params) => `医生建议休息至 ${point(p.end, "zh")}（${days(p.halfDays)} 天）`,
    "sick.modal.doctor_none": "督查科未记录医生建议的期限：只能按申请的期限批准。",
    "sick.modal.check": "已核验附件",
    "sick.modal.check_option": (p: Params) => `${zhKind(p.kind)}：${p.name}`,
    // Notices
    "sick.notify.shortened": (p: Params) =>
      `分管副主任 ${p.who} 批准您的病假申请 #${p.id} 至 ${point(p.end, "zh")}（${days(p.halfDays)} 天），短于申请的 ${point(p.asked, "zh")}（${days(p.askedHalfDays)} 天）。请于 ${point(p.end, "zh")} 之后按时到岗。`,
    "sick.notify.shortened_cover": (p: Params) =>
      `${p.requester} 的病假（#${p.id}）经分管副主任批准缩短至 ${point(p.end, "zh")}：您的顶岗到那时为止。`,
    // The DM with a file
    "sick.dm.attached": (p: Params) =>
      `已将文件“${p.name}”作为${zhKind(p.kind)}附在病假申请 #${p.id} 上，审批人可以在审批消息中查看。`,
    "sick.dm.already": (p: Params) => `文件“${p.name}”已附在病假申请 #${p.id} 上。`,
    "sick.dm.help":
      "要附上病假证明，请把照片或 PDF 发给我，并在消息里写上申请编号，例如“#12”；若是长病假的《机关、事业单位人员病假证明表》，请写“#12 证明表”。",
    "sick.form.file": "医院证明照片或扫描件",
    "sick.form.file_hint":
      "图片或 PDF；长病假为指定医院的《机关、事业单位人员病假证明表》。也可以提交后把照片发给我并注明申请编号。",
    // Errors
    "error.SICK.NOT_LONG_SICK": "这不是长病假：医生建议期限和缩短只适用于长病假。",
    "error.SICK.NOT_THIS_STEP": (p: Params) =>
      p.step === "doctor"
        ? "医生建议的休息期限由督查科在审核步骤记录。"
        : "只有分管副主任在审批步骤可以缩短病假期限。",
    "error.SICK.BEFORE_START": (p: Params) => `日期不能早于病假开始（${point(p.start, "zh")}）。`,
    "error.SICK.DOCTOR_NOT_RECORDED":
      "督查科审核时没有记录医生建议的休息期限，不能缩短；请按申请的期限批准，或退回。",
    "error.SICK.LONGER_THAN_ASKED": (p: Params) =>
      `批准的期限不能长于申请的期限（至 ${point(p.asked, "zh")}）。`,
    "error.SICK.LONGER_THAN_DOCTOR": (p: Params) =>
      `批准的期限不能长于医生建议的期限（至 ${point(p.doctor, "zh")}）。请点“同意并填写意见”，填写批准休息至哪一天。`,
    "error.SICK.ATTACHMENT_NOT_FOUND": "所选附件已不存在，请重新打开。",
    "error.SICK.NOT_INSPECTION_STEP": "附件由督查科在其审核/审批步骤核验。",
    "error.ATTACH.REQUEST_NOT_FOUND": (p: Params) => `找不到申请 #${p.requestId}。`,
    "error.ATTACH.NO_SICK_LEAVE":
      "您没有待审批或已批准的病假申请；请先提交病假申请，或在消息里写上申请编号（如“#12”）。",
    "error.ATTACH.NOT_YOURS": "只能给自己的申请附证明。",
    "error.ATTACH.NOT_SICK": (p: Params) => `申请 #${p.id} 不是病假，不需要医院证明。`,
    "error.ATTACH.NOT_LONG_SICK": (p: Params) =>
      `申请 #${p.id} 不是长病假，不需要指定医院病假证明表；请作为医院证明附上。`,
    "error.ATTACH.FINAL": (p: Params) =>
      `申请 #${p.id} 已结束（${p.state === "rejected" ? "未批准" : "已撤回"}），不能再附文件。`,
    "error.ATTACH.NOT_OWNER": (p: Params) => `文件“${p.name}”不是您上传的，请上传您自己的照片或扫描件。`,
    "error.ATTACH.BAD_TYPE": (p: Params) => `文件“${p.name}”不是图片或 PDF。`,
    "error.ATTACH.TOO_LARGE": (p: Params) => `文件“${p.name}”约 ${p.sizeMb} MB，超过 ${p.maxMb} MB 的上限。`,
    "error.ATTACH.TOO_MANY": (p: Params) => `同一类附件最多 ${p.max} 个。`,
    "error.ATTACH.FILE_NOT_FOUND": "找不到这个文件（可能已被删除），请重新上传。",
    "error.ATTACH.FILE_UNREADABLE": "暂时无法从 Slack 读取文件信息（{reason}），请稍后再试。",
  },
  en: {
    "sick.kind.certificate": "Hospital certificate",
    "sick.kind.designated_form": "Designated hospital's sick-leave form",
    "sick.attachments": "Attachments:",
    "sick.attachment.line": (p: Params) =>
      `• ${enKind(p.kind)}: ${p.link} (uploaded ${p.at}) · ${p.checkedBy ? `✅ checked by ${p.checkedBy} on ${p.checkedAt}` : "not yet checked by inspection"}`,
    "sick.attachments.none_long":
      "• The designated hospital's sick-leave form is not attached yet (the requester can send me a photo naming the request)",
    "sick.doctor.line": (p: Params) =>
      `• Doctor's period: ${point(p.start, "en")} to ${point(p.end, "en")} (${days(p.halfDays)} days)`,
    "sick.doctor.none": "• Inspection recorded no doctor's period at its review",
    "sick.asked.line": (p: Params) =>
      `• Asked for until ${point(p.end, "en")} (${days(p.halfDays)} days); shortened by the deputy director`,
    "sick.modal.doctor_date": "Doctor's period ends (sick-leave form)",
    "sick.modal.doctor_hint":
      "The last day of rest the designated hospital's form gives, counted from the request's start. The deputy director cannot approve longer.",
    "sick.modal.doctor_half": "Until the end of the",
    "sick.modal.end_date": "Approve until",
    "sick.modal.end_hint":
      "No later than the doctor's period nor than asked; an earlier end shortens the leave, its days change and the requester and cover are told.",
    "sick.modal.end_half": "Until the end of the",
    "sick.modal.asked": (p: Params) =>
      `Asked: ${point(p.start, "en")} to ${point(p.end, "en")} (${days(p.halfDays)} days)`,
    "sick.modal.doctor": (p: Params) =>
      `Doctor's period until ${point(p.end, "en")} (${days(p.halfDays)} days)`,
    "sick.modal.doctor_none":
      "Inspection recorded no doctor's period: only the period asked can be approved.",
    "sick.modal.check": "Attachments checked",
    "sick.modal.check_option": (p: Params) => `${enKind(p.kind)}: ${p.name}`,
    "sick.notify.shortened": (p: Params) =>
      `Deputy director ${p.who} approved your sick leave #${p.id} until ${point(p.end, "en")} (${days(p.halfDays)} days), shorter than the ${point(p.asked, "en")} (${days(p.askedHalfDays)} days) you asked for. Please be back at work after ${point(p.end, "en")}.`,
    "sick.notify.shortened_cover": (p: Params) =>
      `${p.requester}'s sick leave (#${p.id}) was shortened by the deputy director to end ${point(p.end, "en")}: your cover ends then.`,
    "sick.dm.attached": (p: Params) =>
      `Attached “${p.name}” to sick leave #${p.id} as the ${enKind(p.kind)}; the approvers see it in their messages.`,
    "sick.dm.already": (p: Params) => `“${p.name}” is already attached to sick leave #${p.id}.`,
    "sick.dm.help":
      "To attach a sick-leave certificate, send me a photo or PDF with the request number in the message, e.g. “#12”; for long sick leave's designated hospital form write “#12 form”.",
    "sick.form.file": "Photo or scan of the hospital certificate",
    "sick.form.file_hint":
      "An image or a PDF; for long sick leave, the designated hospital's sick-leave form. You can also send me the photo later, naming the request.",
    "error.SICK.NOT_LONG_SICK":
      "This is not long sick leave: the doctor's period and shortening apply to long sick leave only.",
    "error.SICK.NOT_THIS_STEP": (p: Params) =>
      p.step === "doctor"
        ? "Inspection records the doctor's period at its review step."
        : "Only the deputy director, at the approval step, can shorten sick leave.",
    "error.SICK.BEFORE_START": (p: Params) =>
      `The date cannot be before the leave starts (${point(p.start, "en")}).`,
    "error.SICK.DOCTOR_NOT_RECORDED":
      "Inspection recorded no doctor's period at its review, so the leave cannot be shortened: approve the period asked, or reject.",
    "error.SICK.LONGER_THAN_ASKED": (p: Params) =>
      `The approved period cannot be longer than asked (until ${point(p.asked, "en")}).`,
    "error.SICK.LONGER_THAN_DOCTOR": (p: Params) =>
      `The approved period cannot be longer than the doctor's (until ${point(p.doctor, "en")}). Use “Approve with note” and set the end.`,
    "error.SICK.ATTACHMENT_NOT_FOUND": "An attachment you ticked is gone; open the form again.",
    "error.SICK.NOT_INSPECTION_STEP": "Inspection checks attachments at its own step.",
    "error.ATTACH.REQUEST_NOT_FOUND": (p: Params) => `There is no request #${p.requestId}.`,
    "error.ATTACH.NO_SICK_LEAVE":
      "You have no pending or approved sick leave: submit one first, or name the request in the message (e.g. “#12”).",
    "error.ATTACH.NOT_YOURS": "You can attach files to your own requests only.",
    "error.ATTACH.NOT_SICK": (p: Params) => `Request #${p.id} is not sick leave: no certificate is needed.`,
    "error.ATTACH.NOT_LONG_SICK": (p: Params) =>
      `Request #${p.id} is not long sick leave: no designated hospital form is needed; attach it as the certificate.`,
    "error.ATTACH.FINAL": (p: Params) =>
      `Request #${p.id} has ended (${p.state === "rejected" ? "not approved" : "withdrawn"}): no more files can be attached.`,
    "error.ATTACH.NOT_OWNER": (p: Params) =>
      `“${p.name}” was not uploaded by you: attach your own photo or scan.`,
    "error.ATTACH.BAD_TYPE": (p: Params) => `“${p.name}” is not an image or a PDF.`,
    "error.ATTACH.TOO_LARGE": (p: Params) =>
      `“${p.name}” is about ${p.sizeMb} MB, over the ${p.maxMb} MB limit.`,
    "error.ATTACH.TOO_MANY": (p: Params) => `At most ${p.max} files of one kind.`,
    "error.ATTACH.FILE_NOT_FOUND": "That file is gone (it may have been deleted); upload it again.",
    "error.ATTACH.FILE_UNREADABLE":
      "Slack's file details cannot be read right now ({reason}); try again later.",
  },
};
