-- CreateTable
CREATE TABLE "Obligation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "schedule" TEXT NOT NULL DEFAULT 'DATE',
    "dueDate" DATETIME,
    "intervalMonths" INTEGER,
    "daysBeforeEnd" INTEGER,
    "responsibleId" TEXT,
    "unitId" TEXT,
    "partnerId" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "completedThrough" DATETIME,
    "doneOn" DATETIME,
    "doneNote" TEXT NOT NULL DEFAULT '',
    "waivedReason" TEXT NOT NULL DEFAULT '',
    "nextDueDate" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Obligation_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Obligation_responsibleId_fkey" FOREIGN KEY ("responsibleId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Obligation_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Obligation_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ObligationCompletion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "obligationId" TEXT NOT NULL,
    "dueDate" DATETIME,
    "doneOn" DATETIME NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "byEmail" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ObligationCompletion_obligationId_fkey" FOREIGN KEY ("obligationId") REFERENCES "Obligation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Watch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "agreementId" TEXT,
    "unitId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Watch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Watch_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Watch_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeadlineResolution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deadlineKey" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "resolvedOn" DATETIME NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "byEmail" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeadlineResolution_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReminderDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "deadlineKey" TEXT,
    "agreementId" TEXT,
    "offsetDays" INTEGER,
    "dueOn" DATETIME NOT NULL,
    "messageId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bundleId" TEXT,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" DATETIME,
    "subject" TEXT NOT NULL DEFAULT '',
    "lastError" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReminderDelivery_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageId" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL DEFAULT '',
    "raw" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "JobLock" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "acquiredAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "caughtUp" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT NOT NULL DEFAULT ''
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Agreement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "signatureDate" DATETIME,
    "startDate" DATETIME,
    "endDate" DATETIME,
    "renewalType" TEXT NOT NULL DEFAULT 'NONE',
    "noticePeriodDays" INTEGER,
    "noticePeriodMonths" INTEGER,
    "renewalTermMonths" INTEGER,
    "noticeDeadline" DATETIME,
    "valueCents" BIGINT,
    "valueDirection" TEXT NOT NULL DEFAULT 'NONE',
    "confidentiality" TEXT NOT NULL DEFAULT 'INTERNAL',
    "ownerId" TEXT,
    "htOwner" TEXT NOT NULL DEFAULT '',
    "partnerContact" TEXT NOT NULL DEFAULT '',
    "protocolNumber" TEXT,
    "protocolDate" DATETIME,
    "needsBoardApproval" BOOLEAN NOT NULL DEFAULT false,
    "details" TEXT NOT NULL DEFAULT '{}',
    "partnersLabel" TEXT NOT NULL DEFAULT '',
    "unitsLabel" TEXT NOT NULL DEFAULT '',
    "archivedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Agreement_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Agreement" ("archivedAt", "confidentiality", "createdAt", "details", "endDate", "htOwner", "id", "kind", "needsBoardApproval", "noticePeriodDays", "partnerContact", "partnersLabel", "protocolDate", "protocolNumber", "reference", "renewalType", "signatureDate", "startDate", "status", "summary", "title", "unitsLabel", "updatedAt", "valueCents", "valueDirection", "version") SELECT "archivedAt", "confidentiality", "createdAt", "details", "endDate", "htOwner", "id", "kind", "needsBoardApproval", "noticePeriodDays", "partnerContact", "partnersLabel", "protocolDate", "protocolNumber", "reference", "renewalType", "signatureDate", "startDate", "status", "summary", "title", "unitsLabel", "updatedAt", "valueCents", "valueDirection", "version" FROM "Agreement";
DROP TABLE "Agreement";
ALTER TABLE "new_Agreement" RENAME TO "Agreement";
CREATE UNIQUE INDEX "Agreement_reference_key" ON "Agreement"("reference");
CREATE INDEX "Agreement_status_endDate_idx" ON "Agreement"("status", "endDate");
CREATE INDEX "Agreement_noticeDeadline_idx" ON "Agreement"("noticeDeadline");
CREATE INDEX "Agreement_ownerId_idx" ON "Agreement"("ownerId");
CREATE INDEX "Agreement_kind_idx" ON "Agreement"("kind");
CREATE INDEX "Agreement_endDate_idx" ON "Agreement"("endDate");
CREATE INDEX "Agreement_startDate_idx" ON "Agreement"("startDate");
CREATE INDEX "Agreement_title_idx" ON "Agreement"("title");
CREATE INDEX "Agreement_updatedAt_idx" ON "Agreement"("updatedAt");
CREATE INDEX "Agreement_valueCents_idx" ON "Agreement"("valueCents");
CREATE INDEX "Agreement_partnersLabel_idx" ON "Agreement"("partnersLabel");
CREATE INDEX "Agreement_archivedAt_idx" ON "Agreement"("archivedAt");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastLoginAt" DATETIME,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "reminderOffsets" TEXT NOT NULL DEFAULT '',
    "weeklyDigest" BOOLEAN NOT NULL DEFAULT false,
    "calendarTokenHash" TEXT,
    "calendarTokenAt" DATETIME,
    "calendarUsedAt" DATETIME
);
INSERT INTO "new_User" ("active", "createdAt", "email", "id", "lastLoginAt", "name", "passwordChangedAt", "passwordHash", "role", "updatedAt", "version") SELECT "active", "createdAt", "email", "id", "lastLoginAt", "name", "passwordChangedAt", "passwordHash", "role", "updatedAt", "version" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_calendarTokenHash_key" ON "User"("calendarTokenHash");
CREATE INDEX "User_role_idx" ON "User"("role");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Obligation_agreementId_idx" ON "Obligation"("agreementId");

-- CreateIndex
CREATE INDEX "Obligation_status_nextDueDate_idx" ON "Obligation"("status", "nextDueDate");

-- CreateIndex
CREATE INDEX "Obligation_responsibleId_idx" ON "Obligation"("responsibleId");

-- CreateIndex
CREATE INDEX "Obligation_unitId_idx" ON "Obligation"("unitId");

-- CreateIndex
CREATE INDEX "Obligation_partnerId_idx" ON "Obligation"("partnerId");

-- CreateIndex
CREATE INDEX "ObligationCompletion_obligationId_idx" ON "ObligationCompletion"("obligationId");

-- CreateIndex
CREATE INDEX "Watch_agreementId_idx" ON "Watch"("agreementId");

-- CreateIndex
CREATE INDEX "Watch_unitId_idx" ON "Watch"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Watch_userId_agreementId_key" ON "Watch"("userId", "agreementId");

-- CreateIndex
CREATE UNIQUE INDEX "Watch_userId_unitId_key" ON "Watch"("userId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineResolution_deadlineKey_key" ON "DeadlineResolution"("deadlineKey");

-- CreateIndex
CREATE INDEX "DeadlineResolution_agreementId_idx" ON "DeadlineResolution"("agreementId");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderDelivery_key_key" ON "ReminderDelivery"("key");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderDelivery_messageId_key" ON "ReminderDelivery"("messageId");

-- CreateIndex
CREATE INDEX "ReminderDelivery_status_idx" ON "ReminderDelivery"("status");

-- CreateIndex
CREATE INDEX "ReminderDelivery_userId_createdAt_idx" ON "ReminderDelivery"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ReminderDelivery_bundleId_idx" ON "ReminderDelivery"("bundleId");

-- CreateIndex
CREATE INDEX "ReminderDelivery_createdAt_idx" ON "ReminderDelivery"("createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- Backfill (derived data; tests/unit/deadline-backfill.test.ts checks it agrees with app/domain/deadlines.ts).
-- The HT owner's account, where exactly one active account has the name recorded; the name stays as the label.
UPDATE "Agreement" SET "ownerId" = (
    SELECT MIN(u."id") FROM "User" u
    WHERE u."active" = 1 AND lower(trim(u."name")) = lower(trim("Agreement"."htOwner"))
    GROUP BY lower(trim(u."name")) HAVING COUNT(*) = 1
) WHERE trim("htOwner") <> '';

-- The notice deadline: the end date minus the notice period in days (months did not exist before this
-- migration), or the end date for an express renewal without notice; a Saturday or Sunday moves to the Friday before.
UPDATE "Agreement" SET "noticeDeadline" = strftime(
    '%Y-%m-%dT00:00:00.000+00:00', "endDate", '-' || COALESCE("noticePeriodDays", 0) || ' days',
    CASE strftime('%w', "endDate", '-' || COALESCE("noticePeriodDays", 0) || ' days') WHEN '6' THEN '-1 days' WHEN '0' THEN '-2 days' ELSE '+0 days' END
) WHERE "endDate" IS NOT NULL AND ("renewalType" = 'EXPRESS' OR ("renewalType" = 'TACIT' AND "noticePeriodDays" IS NOT NULL));

-- Redefining "Agreement" above dropped the search index's triggers on it
-- (20261201152105_documents_approvals_search): re-create them as they were.
CREATE TRIGGER "search_agreement_ai" AFTER INSERT ON "Agreement" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', NEW."id");
END;
CREATE TRIGGER "search_agreement_au" AFTER UPDATE ON "Agreement" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', NEW."id");
END;
CREATE TRIGGER "search_agreement_ad" AFTER DELETE ON "Agreement" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', OLD."id");
END;
