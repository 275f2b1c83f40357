-- CreateTable
CREATE TABLE "UserName" (
    "slackId" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL
);

