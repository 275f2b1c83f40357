// The block_actions listeners: one named callback per file in this folder, registered here.
import type { App, BlockAction, BlockButtonAction, ExternalSelectAction } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { AB_CONFIRM, AB_DISMISS } from "../../blocks/ab.ts";
import { ADMIN_CLOSE, ADMIN_EVALUATE, ADMIN_IMPORT_PATTERN, ADMIN_RETRY } from "../../blocks/admin.ts";
import { APPEAL_OPEN, APPEAL_REVOKE, APPEAL_UPHOLD } from "../../blocks/appeals.ts";
import {
  STEP_APPROVE,
  STEP_APPROVE_NOTE,
  STEP_COVER,
  STEP_OUTSIDE,
  STEP_REJECT,
} from "../../blocks/approvals.ts";
import { AWARDS_CONFIRM, AWARDS_EDIT_PATTERN } from "../../blocks/awards.ts";
import { ATTENDANCE_CONFIRM, TRANSFER_CONFIRM, TRANSFER_DISMISS } from "../../blocks/close.ts";
import { COVER_NAME } from "../../blocks/cover.ts";
import { HOME_NEW_LEAVE, HOME_NEW_TRIP } from "../../blocks/home.ts";
import {
  MEETING_ATTEND,
  MEETING_ATTENDANCE_OPEN,
  MEETING_LEAVE,
  MEETING_PROPOSAL_CONFIRM,
  MEETING_PROPOSAL_DISMISS,
  MEETING_SCHEDULE_OPEN,
} from "../../blocks/meetings.ts";
import { NOTICE_QUESTION } from "../../blocks/notice.ts";
import { RECORD_ACTIONS, RECORD_MODAL } from "../../blocks/records.ts";
import { REOPEN_MONTH } from "../../blocks/reopen.ts";
import { F, QUICK_CANCEL, QUICK_SUBMIT, RESUBMIT, WITHDRAW } from "../../blocks/requests.ts";
import { abProposalDecisionAction } from "./abProposalDecision.ts";
import { adminCloseMonthAction } from "./adminCloseMonth.ts";
import { adminEvaluateAction } from "./adminEvaluate.ts";
import { adminImportAction } from "./adminImport.ts";
import { adminRetryFailedAction } from "./adminRetryFailed.ts";
import { appealDecideAction } from "./appealDecide.ts";
import { appealOpenAction } from "./appealOpen.ts";
import { attendanceConfirmAction } from "./attendanceConfirm.ts";
import { awardConfirmAction } from "./awardConfirm.ts";
import { awardEditAction } from "./awardEdit.ts";
import { coverNameAction } from "./coverName.ts";
import { homeNewRequestAction } from "./homeNewRequest.ts";
import { meetingAttendAction } from "./meetingAttend.ts";
import { meetingAttendanceOpenAction } from "./meetingAttendanceOpen.ts";
import { meetingLeaveAction } from "./meetingLeave.ts";
import { meetingProposalDecideAction } from "./meetingProposalDecide.ts";
import { meetingScheduleOpenAction } from "./meetingScheduleOpen.ts";
import { noticeQuestionAction } from "./noticeQuestion.ts";
import { recordCancel } from "./recordCancel.ts";
import { recordConfirm } from "./recordConfirm.ts";
import { recordItemSelected } from "./recordItemSelected.ts";
import { recordRevoke } from "./recordRevoke.ts";
import { reopenMonthAction } from "./reopenMonth.ts";
import { requestCancelAction } from "./requestCancel.ts";
import { requestFormChangeAction } from "./requestFormChange.ts";
import { requestResubmitAction } from "./requestResubmit.ts";
import { requestSubmitAction } from "./requestSubmit.ts";
import { requestWithdrawAction } from "./requestWithdraw.ts";
import { stepApproveAction } from "./stepApprove.ts";
import { stepDecisionModalAction } from "./stepDecisionModal.ts";
import { transferDecisionAction } from "./transferDecision.ts";

export function registerActions(app: App, ctx: ServiceContext): void {
  app.action<BlockButtonAction>(RECORD_ACTIONS.confirm, recordConfirm(ctx));
  app.action<BlockButtonAction>(RECORD_ACTIONS.cancel, recordCancel(ctx));
  app.action<BlockButtonAction>(RECORD_ACTIONS.revoke, recordRevoke(ctx));
  app.action<BlockAction<ExternalSelectAction>>(RECORD_MODAL.item.action, recordItemSelected(ctx));
  app.action<BlockButtonAction>(QUICK_SUBMIT, requestSubmitAction(ctx));
  app.action<BlockButtonAction>(QUICK_CANCEL, requestCancelAction(ctx));
  app.action<BlockButtonAction>(WITHDRAW, requestWithdrawAction(ctx));
  app.action<BlockButtonAction>(STEP_APPROVE, stepApproveAction(ctx));
  for (const id of [STEP_APPROVE_NOTE, STEP_REJECT, STEP_COVER, STEP_OUTSIDE])
    app.action<BlockButtonAction>(id, stepDecisionModalAction(ctx));
  app.action<BlockButtonAction>(RESUBMIT, requestResubmitAction(ctx));
  for (const id of [F.kind, F.startDate]) app.action<BlockAction>(id, requestFormChangeAction(ctx));
  for (const id of [HOME_NEW_LEAVE, HOME_NEW_TRIP])
    app.action<BlockButtonAction>(id, homeNewRequestAction(ctx));
  // Close, awards and attendance (src/jobs, RULES.md §4(4), §5, §7).
  for (const id of [TRANSFER_CONFIRM, TRANSFER_DISMISS])
    app.action<BlockButtonAction>(id, transferDecisionAction(ctx));
  app.action<BlockButtonAction>(AWARDS_CONFIRM, awardConfirmAction(ctx));
  app.action<BlockButtonAction>(AWARDS_EDIT_PATTERN, awardEditAction(ctx));
  app.action<BlockButtonAction>(ATTENDANCE_CONFIRM, attendanceConfirmAction(ctx));
  // Cover reminder (RULES.md §3 五).
  app.action<BlockButtonAction>(COVER_NAME, coverNameAction(ctx));
  // Reopen a closed month from the director's App Home (RULES.md §4(4)).
  app.action<BlockButtonAction>(REOPEN_MONTH, reopenMonthAction(ctx));
  // Monthly administration in the App Home (inspection and the director, issue #10).
  app.action<BlockButtonAction>(ADMIN_IMPORT_PATTERN, adminImportAction(ctx));
  app.action<BlockButtonAction>(ADMIN_EVALUATE, adminEvaluateAction(ctx));
  app.action<BlockButtonAction>(ADMIN_CLOSE, adminCloseMonthAction(ctx));
  app.action<BlockButtonAction>(ADMIN_RETRY, adminRetryFailedAction(ctx));
  // "对此有疑问" on the monthly private notice (RULES.md §8a).
  app.action<BlockButtonAction>(NOTICE_QUESTION, noticeQuestionAction(ctx));
  // Window leaders' meetings (例会制度, RULES.md §8).
  app.action<BlockButtonAction>(MEETING_SCHEDULE_OPEN, meetingScheduleOpenAction(ctx));
  app.action<BlockButtonAction>(MEETING_ATTEND, meetingAttendAction(ctx));
  app.action<BlockButtonAction>(MEETING_LEAVE, meetingLeaveAction(ctx));
  app.action<BlockButtonAction>(MEETING_ATTENDANCE_OPEN, meetingAttendanceOpenAction(ctx));
  for (const id of [MEETING_PROPOSAL_CONFIRM, MEETING_PROPOSAL_DISMISS])
    app.action<BlockButtonAction>(id, meetingProposalDecideAction(ctx));
  // W-AB proposed for an absence nobody covered (RULES.md §8 AB岗).
  for (const id of [AB_CONFIRM, AB_DISMISS]) app.action<BlockButtonAction>(id, abProposalDecisionAction(ctx));
  // Appeals (申诉, RULES.md §8a): the Appeal button, the reviewer's Uphold / Revoke.
  app.action<BlockButtonAction>(APPEAL_OPEN, appealOpenAction(ctx));
  for (const id of [APPEAL_UPHOLD, APPEAL_REVOKE]) app.action<BlockButtonAction>(id, appealDecideAction(ctx));
}
