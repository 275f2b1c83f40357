// The view_submission / view_closed listeners: one named callback per file in this folder, registered here.
import type { App } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { ADMIN_CLOSE_CALLBACK, ADMIN_EVALUATE_CALLBACK, ADMIN_IMPORT_CALLBACK } from "../../blocks/admin.ts";
import { APPEAL_DECIDE_MODAL, APPEAL_MODAL } from "../../blocks/appeals.ts";
import {
  APPROVE_CALLBACK,
  COVER_CALLBACK,
  OUTSIDE_CALLBACK,
  REJECT_CALLBACK,
} from "../../blocks/approvals.ts";
import { AWARDS_EDIT_CALLBACK } from "../../blocks/awards.ts";
import { COVER_NAME_CALLBACK } from "../../blocks/cover.ts";
import {
  MEETING_ATTENDANCE_CALLBACK,
  MEETING_LEAVE_CALLBACK,
  MEETING_SCHEDULE_CALLBACK,
} from "../../blocks/meetings.ts";
import { NOTICE_QUESTION_CALLBACK } from "../../blocks/notice.ts";
import { DUPLICATE_MODAL, RECORD_MODAL, REVOKE_MODAL } from "../../blocks/records.ts";
import { REOPEN_CALLBACK } from "../../blocks/reopen.ts";
import { CONFIRM_CALLBACK, FORM_CALLBACK } from "../../blocks/requests.ts";
import { adminCloseSubmission } from "./adminCloseSubmit.ts";
import { adminEvaluateSubmission } from "./adminEvaluateSubmit.ts";
import { adminImportSubmission } from "./adminImportSubmit.ts";
import { appealDecideSubmission } from "./appealDecideSubmit.ts";
import { appealSubmission } from "./appealSubmit.ts";
import { awardEditSubmission } from "./awardEditSubmit.ts";
import { coverNameSubmission } from "./coverNameSubmit.ts";
import { meetingAttendanceSubmission } from "./meetingAttendanceSubmit.ts";
import { meetingLeaveSubmission } from "./meetingLeaveSubmit.ts";
import { meetingScheduleSubmission } from "./meetingScheduleSubmit.ts";
import { noticeQuestionSubmission } from "./noticeQuestionSubmit.ts";
import { recordDuplicateSubmit } from "./recordDuplicateSubmit.ts";
import { recordSubmit } from "./recordSubmit.ts";
import { reopenSubmission } from "./reopenSubmit.ts";
import { requestConfirmSubmission } from "./requestConfirm.ts";
import { requestFormSubmission } from "./requestForm.ts";
import { revokeSubmit } from "./revokeSubmit.ts";
import { stepDecisionSubmission } from "./stepDecision.ts";

export function registerViews(app: App, ctx: ServiceContext, opts: { exportDir?: string } = {}): void {
  app.view(RECORD_MODAL.callbackId, recordSubmit(ctx));
  app.view(REVOKE_MODAL.callbackId, revokeSubmit(ctx));
  app.view(DUPLICATE_MODAL.callbackId, recordDuplicateSubmit(ctx));
  app.view(FORM_CALLBACK, requestFormSubmission(ctx));
  app.view(CONFIRM_CALLBACK, requestConfirmSubmission(ctx));
  for (const id of [APPROVE_CALLBACK, REJECT_CALLBACK, COVER_CALLBACK, OUTSIDE_CALLBACK])
    app.view(id, stepDecisionSubmission(ctx));
  app.view(COVER_NAME_CALLBACK, coverNameSubmission(ctx));
  app.view(REOPEN_CALLBACK, reopenSubmission(ctx));
  // The question on a monthly private notice (RULES.md §8a).
  app.view(NOTICE_QUESTION_CALLBACK, noticeQuestionSubmission(ctx));
  // Appeals (申诉, RULES.md §8a): the reason, the reviewer's note.
  app.view(APPEAL_MODAL.callbackId, appealSubmission(ctx));
  app.view(APPEAL_DECIDE_MODAL.callbackId, appealDecideSubmission(ctx));
  // The director's award edit modal (RULES.md §5, §7).
  app.view(AWARDS_EDIT_CALLBACK, awardEditSubmission(ctx));
  // Monthly administration in the App Home (issue #10): uploads, evaluations, closing a month.
  app.view(ADMIN_IMPORT_CALLBACK, adminImportSubmission(ctx));
  app.view(ADMIN_EVALUATE_CALLBACK, adminEvaluateSubmission(ctx));
  app.view(ADMIN_CLOSE_CALLBACK, adminCloseSubmission(ctx, opts));
  // Window leaders' meetings (例会制度, RULES.md §8).
  app.view(MEETING_SCHEDULE_CALLBACK, meetingScheduleSubmission(ctx));
  app.view(MEETING_LEAVE_CALLBACK, meetingLeaveSubmission(ctx));
  app.view(MEETING_ATTENDANCE_CALLBACK, meetingAttendanceSubmission(ctx));
}
