-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Document_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DocumentVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mimeType" TEXT NOT NULL,
    "uploadedById" TEXT,
    "uploadedByEmail" TEXT NOT NULL,
    "uploadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signedContentSha256" TEXT,
    "signedContentType" TEXT,
    "signatures" TEXT NOT NULL DEFAULT '[]',
    "textStatus" TEXT NOT NULL DEFAULT 'PENDING',
    "textPagesDone" INTEGER NOT NULL DEFAULT 0,
    "pageCount" INTEGER,
    "textError" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "DocumentVersion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DocumentPage" (
    "versionId" TEXT NOT NULL,
    "page" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    PRIMARY KEY ("versionId", "page"),
    CONSTRAINT "DocumentPage_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "bodyName" TEXT NOT NULL DEFAULT '',
    "decisionDate" DATETIME NOT NULL,
    "resolutionNumber" TEXT NOT NULL DEFAULT '',
    "documentId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Approval_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Approval_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SearchKey" (
    "key" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SearchQueue" (
    "kind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("kind", "entityId")
);

-- CreateTable
CREATE TABLE "SearchMatch" (
    "queryKey" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,

    PRIMARY KEY ("queryKey", "agreementId"),
    CONSTRAINT "SearchMatch_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SearchQuery" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "generation" INTEGER NOT NULL,
    "usedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SearchState" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "generation" INTEGER NOT NULL DEFAULT 0
);

-- AlterTable
ALTER TABLE "Partner" ADD COLUMN "aliases" TEXT NOT NULL DEFAULT '';

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
    "valueCents" BIGINT,
    "valueDirection" TEXT NOT NULL DEFAULT 'NONE',
    "confidentiality" TEXT NOT NULL DEFAULT 'INTERNAL',
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
    "updatedAt" DATETIME NOT NULL
);
-- Board approvals become records of their own (Approval): carry the old column's values over.
INSERT INTO "Approval" ("id", "agreementId", "body", "decisionDate", "note")
SELECT 'apr_' || lower(hex(randomblob(12))), "id", 'BOARD', "boardApprovalDate", 'Recorded before approvals had their own records'
FROM "Agreement" WHERE "boardApprovalDate" IS NOT NULL;
INSERT INTO "new_Agreement" ("archivedAt", "confidentiality", "createdAt", "details", "endDate", "htOwner", "id", "kind", "noticePeriodDays", "partnerContact", "partnersLabel", "protocolNumber", "reference", "renewalType", "signatureDate", "startDate", "status", "summary", "title", "unitsLabel", "updatedAt", "valueCents", "valueDirection", "version") SELECT "archivedAt", "confidentiality", "createdAt", "details", "endDate", "htOwner", "id", "kind", "noticePeriodDays", "partnerContact", "partnersLabel", "protocolNumber", "reference", "renewalType", "signatureDate", "startDate", "status", "summary", "title", "unitsLabel", "updatedAt", "valueCents", "valueDirection", "version" FROM "Agreement";
DROP TABLE "Agreement";
ALTER TABLE "new_Agreement" RENAME TO "Agreement";
CREATE UNIQUE INDEX "Agreement_reference_key" ON "Agreement"("reference");
CREATE INDEX "Agreement_status_endDate_idx" ON "Agreement"("status", "endDate");
CREATE INDEX "Agreement_kind_idx" ON "Agreement"("kind");
CREATE INDEX "Agreement_endDate_idx" ON "Agreement"("endDate");
CREATE INDEX "Agreement_startDate_idx" ON "Agreement"("startDate");
CREATE INDEX "Agreement_title_idx" ON "Agreement"("title");
CREATE INDEX "Agreement_updatedAt_idx" ON "Agreement"("updatedAt");
CREATE INDEX "Agreement_valueCents_idx" ON "Agreement"("valueCents");
CREATE INDEX "Agreement_partnersLabel_idx" ON "Agreement"("partnersLabel");
CREATE INDEX "Agreement_archivedAt_idx" ON "Agreement"("archivedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Document_agreementId_idx" ON "Document"("agreementId");

-- CreateIndex
CREATE INDEX "DocumentVersion_sha256_idx" ON "DocumentVersion"("sha256");

-- CreateIndex
CREATE INDEX "DocumentVersion_signedContentSha256_idx" ON "DocumentVersion"("signedContentSha256");

-- CreateIndex
CREATE INDEX "DocumentVersion_textStatus_idx" ON "DocumentVersion"("textStatus");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentVersion_documentId_number_key" ON "DocumentVersion"("documentId", "number");

-- CreateIndex
CREATE INDEX "Approval_agreementId_decisionDate_idx" ON "Approval"("agreementId", "decisionDate");

-- CreateIndex
CREATE INDEX "Approval_documentId_idx" ON "Approval"("documentId");

-- CreateIndex
CREATE UNIQUE INDEX "SearchKey_kind_entityId_key" ON "SearchKey"("kind", "entityId");

-- CreateIndex
CREATE INDEX "SearchMatch_agreementId_idx" ON "SearchMatch"("agreementId");

-- CreateIndex
CREATE INDEX "SearchQuery_usedAt_idx" ON "SearchQuery"("usedAt");


-- ---------------------------------------------------------------------------
-- Search (docs/decisions/052, app/models/search-index.server.ts).
-- Prisma cannot declare virtual tables: the FTS5 indexes live here. They are
-- contentless (the text stays in its own tables) and keyed by SearchKey.key.

-- One row per agreement: its record (reference, title, parties, terms...) and
-- the text of its documents' current versions.
CREATE VIRTUAL TABLE "agreement_fts" USING fts5(
  record, documents,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);

-- Partners (with acronyms, other names and departments), HT units, research lines.
CREATE VIRTUAL TABLE "directory_fts" USING fts5(
  name, body,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);

-- Names and titles, also written without spaces, for partial words ("raffa", "sanraffaele"):
-- agreements' (reference, title, parties) and the directory's, each beside its table.
CREATE VIRTUAL TABLE "agreement_names" USING fts5(
  name,
  content='', contentless_delete=1,
  tokenize='trigram remove_diacritics 1'
);
CREATE VIRTUAL TABLE "directory_names" USING fts5(
  name,
  content='', contentless_delete=1,
  tokenize='trigram remove_diacritics 1'
);

INSERT INTO "SearchState" ("id", "generation") VALUES (1, 0);

-- Every record whose text the index holds queues itself when it changes.
-- Any writer (the app, an import, raw SQL) keeps the index in step; the
-- indexer rebuilds queued entries before each search. A migration that
-- redefines one of these tables drops its triggers: re-create them
-- (tests/unit/search-index.test.ts lists them).
CREATE TRIGGER "search_agreement_ai" AFTER INSERT ON "Agreement" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', NEW."id");
END;
CREATE TRIGGER "search_agreement_au" AFTER UPDATE ON "Agreement" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', NEW."id");
END;
CREATE TRIGGER "search_agreement_ad" AFTER DELETE ON "Agreement" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', OLD."id");
END;

CREATE TRIGGER "search_party_ai" AFTER INSERT ON "AgreementParty" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', NEW."agreementId");
END;
CREATE TRIGGER "search_party_au" AFTER UPDATE ON "AgreementParty" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', OLD."agreementId"), ('agreement', NEW."agreementId");
END;
CREATE TRIGGER "search_party_ad" AFTER DELETE ON "AgreementParty" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', OLD."agreementId");
END;

CREATE TRIGGER "search_agreement_line_ai" AFTER INSERT ON "AgreementResearchLine" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', NEW."agreementId");
END;
CREATE TRIGGER "search_agreement_line_ad" AFTER DELETE ON "AgreementResearchLine" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', OLD."agreementId");
END;

-- A partner's name is part of its agreements' text, and of its departments'.
-- A department's name is part of its parent's text too.
CREATE TRIGGER "search_partner_ai" AFTER INSERT ON "Partner" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('partner', NEW."id");
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") SELECT 'partner', NEW."parentId" WHERE NEW."parentId" IS NOT NULL;
END;
CREATE TRIGGER "search_partner_au" AFTER UPDATE ON "Partner" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('partner', NEW."id");
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") SELECT 'partner', NEW."parentId" WHERE NEW."parentId" IS NOT NULL;
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") SELECT 'partner', OLD."parentId" WHERE OLD."parentId" IS NOT NULL;
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") SELECT 'partner', "id" FROM "Partner" WHERE "parentId" = NEW."id";
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId")
    SELECT 'agreement', p."agreementId" FROM "AgreementParty" p
    WHERE p."partnerId" = NEW."id" OR p."partnerId" IN (SELECT "id" FROM "Partner" WHERE "parentId" = NEW."id");
END;
CREATE TRIGGER "search_partner_ad" AFTER DELETE ON "Partner" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('partner', OLD."id");
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") SELECT 'partner', OLD."parentId" WHERE OLD."parentId" IS NOT NULL;
END;

CREATE TRIGGER "search_unit_ai" AFTER INSERT ON "Unit" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('unit', NEW."id");
END;
CREATE TRIGGER "search_unit_au" AFTER UPDATE ON "Unit" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('unit', NEW."id");
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") SELECT 'unit', "id" FROM "Unit" WHERE "parentId" = NEW."id";
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId")
    SELECT 'agreement', p."agreementId" FROM "AgreementParty" p
    WHERE p."unitId" = NEW."id" OR p."unitId" IN (SELECT "id" FROM "Unit" WHERE "parentId" = NEW."id");
END;
CREATE TRIGGER "search_unit_ad" AFTER DELETE ON "Unit" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('unit', OLD."id");
END;

CREATE TRIGGER "search_line_ai" AFTER INSERT ON "ResearchLine" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('line', NEW."id");
END;
CREATE TRIGGER "search_line_au" AFTER UPDATE ON "ResearchLine" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('line', NEW."id");
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId")
    SELECT 'agreement', "agreementId" FROM "AgreementResearchLine" WHERE "researchLineId" = NEW."id";
END;
CREATE TRIGGER "search_line_ad" AFTER DELETE ON "ResearchLine" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('line', OLD."id");
END;

CREATE TRIGGER "search_document_ai" AFTER INSERT ON "Document" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', NEW."agreementId");
END;
CREATE TRIGGER "search_document_au" AFTER UPDATE ON "Document" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', OLD."agreementId"), ('agreement', NEW."agreementId");
END;
CREATE TRIGGER "search_document_ad" AFTER DELETE ON "Document" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', OLD."agreementId");
END;

CREATE TRIGGER "search_version_ai" AFTER INSERT ON "DocumentVersion" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId")
    SELECT 'agreement', "agreementId" FROM "Document" WHERE "id" = NEW."documentId";
END;
CREATE TRIGGER "search_version_ad" AFTER DELETE ON "DocumentVersion" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId")
    SELECT 'agreement', "agreementId" FROM "Document" WHERE "id" = OLD."documentId";
END;

CREATE TRIGGER "search_page_ai" AFTER INSERT ON "DocumentPage" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId")
    SELECT 'agreement', d."agreementId" FROM "DocumentVersion" v JOIN "Document" d ON d."id" = v."documentId" WHERE v."id" = NEW."versionId";
END;
CREATE TRIGGER "search_page_ad" AFTER DELETE ON "DocumentPage" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId")
    SELECT 'agreement', d."agreementId" FROM "DocumentVersion" v JOIN "Document" d ON d."id" = v."documentId" WHERE v."id" = OLD."versionId";
END;

CREATE TRIGGER "search_approval_ai" AFTER INSERT ON "Approval" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', NEW."agreementId");
END;
CREATE TRIGGER "search_approval_au" AFTER UPDATE ON "Approval" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', NEW."agreementId");
END;
CREATE TRIGGER "search_approval_ad" AFTER DELETE ON "Approval" BEGIN
  INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") VALUES ('agreement', OLD."agreementId");
END;

-- Whatever existed before this migration is indexed on the first search.
INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") SELECT 'agreement', "id" FROM "Agreement";
INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") SELECT 'partner', "id" FROM "Partner";
INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") SELECT 'unit', "id" FROM "Unit";
INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId") SELECT 'line', "id" FROM "ResearchLine";
