-- CreateTable
CREATE TABLE "MessageRef" (
    "ref" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboundMessage" (
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
    "sentAt" DATETIME,
    "op" TEXT NOT NULL DEFAULT 'post',
    "ref" TEXT,
    "ts" TEXT,
    "nextAt" DATETIME
);
INSERT INTO "new_OutboundMessage" ("attempts", "blocks", "channel", "claimedAt", "createdAt", "error", "fileName", "filePath", "id", "key", "sentAt", "state", "text") SELECT "attempts", "blocks", "channel", "claimedAt", "createdAt", "error", "fileName", "filePath", "id", "key", "sentAt", "state", "text" FROM "OutboundMessage";
DROP TABLE "OutboundMessage";
ALTER TABLE "new_OutboundMessage" RENAME TO "OutboundMessage";
CREATE UNIQUE INDEX "OutboundMessage_key_key" ON "OutboundMessage"("key");
CREATE INDEX "OutboundMessage_state_id_idx" ON "OutboundMessage"("state", "id");
CREATE INDEX "OutboundMessage_channel_state_idx" ON "OutboundMessage"("channel", "state");
CREATE INDEX "OutboundMessage_ref_idx" ON "OutboundMessage"("ref");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Messages posted before this release keep being updated in place: the step messages and the requesters'
-- status messages are named in MessageRef the way the outbox names the ones it posts.
INSERT OR IGNORE INTO "MessageRef" ("ref", "channel", "ts")
SELECT 'step:' || "stepId" || ':' || CASE WHEN "userId" <> '' THEN "userId" ELSE "channelId" END, "channelId", "ts"
FROM "StepMessage" ORDER BY "id";
INSERT OR IGNORE INTO "MessageRef" ("ref", "channel", "ts")
SELECT 'status:' || "id", "statusChannelId", "statusTs"
FROM "Request" WHERE "statusChannelId" IS NOT NULL AND "statusTs" IS NOT NULL;
