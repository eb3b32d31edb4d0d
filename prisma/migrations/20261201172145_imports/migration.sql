-- AlterTable
ALTER TABLE "Agreement" ADD COLUMN "sourceReference" TEXT;

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdById" TEXT,
    "createdByEmail" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSize" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "readAs" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "failedStep" TEXT,
    "error" TEXT NOT NULL DEFAULT '',
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER NOT NULL DEFAULT 0,
    "stepStartedAt" DATETIME,
    "headers" TEXT NOT NULL DEFAULT '[]',
    "headerLine" INTEGER NOT NULL DEFAULT 1,
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "mapping" TEXT NOT NULL DEFAULT '',
    "identifierLabel" TEXT NOT NULL DEFAULT 'ID',
    "totals" TEXT NOT NULL DEFAULT '',
    "committedAt" DATETIME,
    "auditMark" INTEGER,
    "undoneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ImportRow" (
    "jobId" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "cells" TEXT NOT NULL,

    PRIMARY KEY ("jobId", "line"),
    CONSTRAINT "ImportRow_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportOrganisation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL DEFAULT '',
    "identifier" TEXT NOT NULL DEFAULT '',
    "country" TEXT NOT NULL DEFAULT '',
    "city" TEXT NOT NULL DEFAULT '',
    "kindHint" TEXT NOT NULL DEFAULT '',
    "variants" TEXT NOT NULL DEFAULT '',
    "agreements" INTEGER NOT NULL DEFAULT 0,
    "lines" TEXT NOT NULL DEFAULT '[]',
    "confidence" TEXT NOT NULL,
    "needsReview" BOOLEAN NOT NULL DEFAULT false,
    "candidates" TEXT NOT NULL DEFAULT '[]',
    "decision" TEXT NOT NULL,
    "partnerId" TEXT,
    "parentId" TEXT,
    "newName" TEXT NOT NULL DEFAULT '',
    "newKind" TEXT NOT NULL DEFAULT '',
    "reviewed" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ImportOrganisation_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportLine" (
    "jobId" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "agreementKey" TEXT NOT NULL DEFAULT '',
    "reference" TEXT NOT NULL DEFAULT '',
    "agreementId" TEXT,
    "title" TEXT NOT NULL DEFAULT '',
    "messages" TEXT NOT NULL DEFAULT '[]',
    "hasWarning" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("jobId", "line"),
    CONSTRAINT "ImportLine_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportRecord" (
    "jobId" INTEGER NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "before" TEXT NOT NULL DEFAULT '{}',

    PRIMARY KEY ("jobId", "entity", "entityId"),
    CONSTRAINT "ImportRecord_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "mapping" TEXT NOT NULL,
    "createdByEmail" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ImportJob_createdAt_idx" ON "ImportJob"("createdAt");

-- CreateIndex
CREATE INDEX "ImportJob_status_idx" ON "ImportJob"("status");

-- CreateIndex
CREATE INDEX "ImportOrganisation_jobId_needsReview_idx" ON "ImportOrganisation"("jobId", "needsReview");

-- CreateIndex
CREATE UNIQUE INDEX "ImportOrganisation_jobId_key_key" ON "ImportOrganisation"("jobId", "key");

-- CreateIndex
CREATE INDEX "ImportLine_jobId_outcome_idx" ON "ImportLine"("jobId", "outcome");

-- CreateIndex
CREATE INDEX "ImportRecord_entity_entityId_idx" ON "ImportRecord"("entity", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "ImportTemplate_name_key" ON "ImportTemplate"("name");

-- CreateIndex
CREATE INDEX "Agreement_sourceReference_idx" ON "Agreement"("sourceReference");

