-- AlterTable
ALTER TABLE "Person" ADD COLUMN "backupId" TEXT;

-- AlterTable
ALTER TABLE "Request" ADD COLUMN "askedEndDate" TEXT;
ALTER TABLE "Request" ADD COLUMN "askedEndHalf" TEXT;
ALTER TABLE "Request" ADD COLUMN "askedHalfDays" INTEGER;
ALTER TABLE "Request" ADD COLUMN "doctorEndDate" TEXT;
ALTER TABLE "Request" ADD COLUMN "doctorEndHalf" TEXT;
ALTER TABLE "Request" ADD COLUMN "doctorHalfDays" INTEGER;

-- AlterTable
ALTER TABLE "Record" ADD COLUMN "sourceKey" TEXT;

-- CreateTable
CREATE TABLE "Attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entity" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "mimetype" TEXT NOT NULL DEFAULT '',
    "permalink" TEXT NOT NULL DEFAULT '',
    "addedBy" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedBy" TEXT,
    "checkedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "scheduledBy" TEXT NOT NULL,
    "scheduledAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" TEXT NOT NULL DEFAULT 'scheduled',
    "remindedAt" DATETIME,
    "attendanceBy" TEXT,
    "attendanceAt" DATETIME
);

-- CreateTable
CREATE TABLE "MeetingInvite" (
    "meetingId" INTEGER NOT NULL,
    "leaderId" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "response" TEXT NOT NULL DEFAULT 'pending',
    "delegateId" TEXT,
    "respondedAt" DATETIME,
    "leaderPresent" BOOLEAN,
    "delegatePresent" BOOLEAN,

    PRIMARY KEY ("meetingId", "leaderId"),
    CONSTRAINT "MeetingInvite_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Appeal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "recordId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "appellantId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "filedAt" DATETIME NOT NULL,
    "deadline" DATETIME NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "note" TEXT,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Setting" (
    "key" TEXT NOT NULL,
    "fromMonth" TEXT NOT NULL DEFAULT '0000-00',
    "value" TEXT NOT NULL,

    PRIMARY KEY ("key", "fromMonth")
);
INSERT INTO "new_Setting" ("key", "value") SELECT "key", "value" FROM "Setting";
DROP TABLE "Setting";
ALTER TABLE "new_Setting" RENAME TO "Setting";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Attachment_entity_entityId_idx" ON "Attachment"("entity", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_recordId_key" ON "Appeal"("recordId");

-- CreateIndex
CREATE INDEX "Appeal_state_idx" ON "Appeal"("state");

-- CreateIndex
CREATE INDEX "Appeal_month_idx" ON "Appeal"("month");

-- CreateIndex
CREATE UNIQUE INDEX "Record_sourceKey_key" ON "Record"("sourceKey");

