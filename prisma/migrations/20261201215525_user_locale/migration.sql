-- CreateTable
CREATE TABLE "UserLocale" (
    "slackId" TEXT NOT NULL PRIMARY KEY,
    "locale" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

