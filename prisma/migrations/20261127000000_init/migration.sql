-- CreateTable
CREATE TABLE "Center" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "directorId" TEXT NOT NULL,
    "deputyDirectorId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CenterRole" (
    "slackId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("slackId", "role")
);

-- CreateTable
CREATE TABLE "Window" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "leaderId" TEXT,
    "parentUnitLeaderId" TEXT,
    "leaderNotMiddle" BOOLEAN NOT NULL DEFAULT false,
    "leaderNotHead" BOOLEAN NOT NULL DEFAULT false,
    "missingItems" INTEGER NOT NULL DEFAULT 0,
    "unauthorisedItems" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "windowId" TEXT,
    "role" TEXT NOT NULL,
    "establishment" BOOLEAN NOT NULL DEFAULT true,
    "partyTransferred" BOOLEAN NOT NULL DEFAULT false,
    "partyExempt" BOOLEAN NOT NULL DEFAULT false,
    "joined" TEXT NOT NULL,
    "leftOn" TEXT,
    "leftWithoutConsent" BOOLEAN NOT NULL DEFAULT false,
    "annualLeaveHalfDays" INTEGER NOT NULL DEFAULT 0,
    "locale" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "Window" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Request" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requesterId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "startHalf" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "endHalf" TEXT NOT NULL,
    "halfDays" INTEGER NOT NULL,
    "annualOffsetHalfDays" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL,
    "coverId" TEXT,
    "purpose" TEXT,
    "place" TEXT,
    "phone" TEXT,
    "certificate" TEXT,
    "emergency" BOOLEAN NOT NULL DEFAULT false,
    "priorConsentBy" TEXT,
    "priorConsentAt" DATETIME,
    "explanation" TEXT,
    "flags" TEXT NOT NULL DEFAULT '[]',
    "rule" TEXT NOT NULL DEFAULT '',
    "statusChannelId" TEXT,
    "statusTs" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finalAt" DATETIME,
    "coverRemindedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ApprovalStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "approver" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outside" BOOLEAN NOT NULL DEFAULT false,
    "assigneeId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'waiting',
    "activatedAt" DATETIME,
    "decidedAt" DATETIME,
    "decidedBy" TEXT,
    "note" TEXT,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    CONSTRAINT "ApprovalStep_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StepMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "stepId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "userId" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "Record" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "month" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "personId" TEXT,
    "windowId" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "pointsHundredths" INTEGER NOT NULL,
    "totalHundredths" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "filedBy" TEXT NOT NULL,
    "filedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "state" TEXT NOT NULL DEFAULT 'active',
    "linkedFromId" INTEGER,
    "revokedBy" TEXT,
    "revokedAt" DATETIME,
    "revokeReason" TEXT
);

-- CreateTable
CREATE TABLE "Rating" (
    "month" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "satisfied" INTEGER NOT NULL,
    "basic" INTEGER NOT NULL,
    "unsatisfied" INTEGER NOT NULL,

    PRIMARY KEY ("month", "personId")
);

-- CreateTable
CREATE TABLE "Secondment" (
    "month" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "halfDays" INTEGER NOT NULL,
    "workingDaysHalfDays" INTEGER NOT NULL,

    PRIMARY KEY ("month", "personId")
);

-- CreateTable
CREATE TABLE "CenterEvaluation" (
    "period" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "pointsHundredths" INTEGER NOT NULL,
    "enteredBy" TEXT NOT NULL,
    "enteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("period", "targetType", "targetId")
);

-- CreateTable
CREATE TABLE "WindowMark" (
    "quarter" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "reason" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "markedBy" TEXT NOT NULL,
    "markedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("quarter", "windowId", "reason")
);

-- CreateTable
CREATE TABLE "Period" (
    "period" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "closedAt" DATETIME,
    "closedBy" TEXT,
    "reopenedAt" DATETIME,
    "reopenedBy" TEXT,
    "reopenReason" TEXT,
    "closings" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "PersonMonthResult" (
    "month" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "baseHundredths" INTEGER NOT NULL,
    "bonusHundredths" INTEGER NOT NULL,
    "scoreHundredths" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "band" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "transfer" BOOLEAN NOT NULL,
    "detail" TEXT NOT NULL,

    PRIMARY KEY ("month", "personId")
);

-- CreateTable
CREATE TABLE "WindowMonthResult" (
    "month" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "scoreHundredths" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "detail" TEXT NOT NULL,

    PRIMARY KEY ("month", "windowId")
);

-- CreateTable
CREATE TABLE "Award" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "period" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'proposed',
    "detail" TEXT NOT NULL DEFAULT '{}',
    "decidedBy" TEXT,
    "decidedAt" DATETIME
);

-- CreateTable
CREATE TABLE "JobRun" (
    "job" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "error" TEXT,
    "output" TEXT,

    PRIMARY KEY ("job", "period")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "blocks" TEXT,
    "fileName" TEXT,
    "filePath" TEXT,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" DATETIME,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "InboundDelivery" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "work" BOOLEAN NOT NULL,
    "name" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "loadedBy" TEXT NOT NULL,
    "loadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "note" TEXT
);

-- CreateIndex
CREATE INDEX "Person_windowId_idx" ON "Person"("windowId");

-- CreateIndex
CREATE INDEX "Request_requesterId_startDate_idx" ON "Request"("requesterId", "startDate");

-- CreateIndex
CREATE INDEX "Request_state_idx" ON "Request"("state");

-- CreateIndex
CREATE INDEX "ApprovalStep_state_idx" ON "ApprovalStep"("state");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalStep_requestId_seq_key" ON "ApprovalStep"("requestId", "seq");

-- CreateIndex
CREATE INDEX "StepMessage_stepId_idx" ON "StepMessage"("stepId");

-- CreateIndex
CREATE INDEX "Record_month_state_idx" ON "Record"("month", "state");

-- CreateIndex
CREATE INDEX "Record_personId_month_idx" ON "Record"("personId", "month");

-- CreateIndex
CREATE INDEX "Record_windowId_month_idx" ON "Record"("windowId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "Award_period_kind_targetId_key" ON "Award"("period", "kind", "targetId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_key_key" ON "OutboundMessage"("key");

-- CreateIndex
CREATE INDEX "OutboundMessage_state_id_idx" ON "OutboundMessage"("state", "id");

-- CreateIndex
CREATE INDEX "CalendarDay_year_idx" ON "CalendarDay"("year");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

