-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "parentId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResearchLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ResearchLine_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Partner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "acronym" TEXT,
    "kind" TEXT NOT NULL,
    "city" TEXT NOT NULL DEFAULT '',
    "country" TEXT NOT NULL DEFAULT 'IT',
    "website" TEXT,
    "parentId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Partner_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Agreement" (
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
    "boardApprovalDate" DATETIME,
    "details" TEXT NOT NULL DEFAULT '{}',
    "partnersLabel" TEXT NOT NULL DEFAULT '',
    "unitsLabel" TEXT NOT NULL DEFAULT '',
    "archivedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AgreementParty" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "unitId" TEXT,
    "partnerId" TEXT,
    "role" TEXT NOT NULL,
    "contactName" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT NOT NULL DEFAULT '',
    "gdprRole" TEXT,
    "signatureStatus" TEXT NOT NULL DEFAULT 'PENDING',
    "signedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementParty_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementParty_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AgreementParty_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementLink_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementLink_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "effectiveOn" DATETIME NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StatusChange_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementResearchLine" (
    "agreementId" TEXT NOT NULL,
    "researchLineId" TEXT NOT NULL,

    PRIMARY KEY ("agreementId", "researchLineId"),
    CONSTRAINT "AgreementResearchLine_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementResearchLine_researchLineId_fkey" FOREIGN KEY ("researchLineId") REFERENCES "ResearchLine" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReferenceCounter" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "last" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE INDEX "Unit_kind_name_idx" ON "Unit"("kind", "name");

-- CreateIndex
CREATE INDEX "ResearchLine_unitId_idx" ON "ResearchLine"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "ResearchLine_unitId_name_key" ON "ResearchLine"("unitId", "name");

-- CreateIndex
CREATE INDEX "Partner_parentId_idx" ON "Partner"("parentId");

-- CreateIndex
CREATE INDEX "Partner_kind_name_idx" ON "Partner"("kind", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Partner_name_key" ON "Partner"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_reference_key" ON "Agreement"("reference");

-- CreateIndex
CREATE INDEX "Agreement_status_endDate_idx" ON "Agreement"("status", "endDate");

-- CreateIndex
CREATE INDEX "Agreement_kind_idx" ON "Agreement"("kind");

-- CreateIndex
CREATE INDEX "Agreement_endDate_idx" ON "Agreement"("endDate");

-- CreateIndex
CREATE INDEX "Agreement_startDate_idx" ON "Agreement"("startDate");

-- CreateIndex
CREATE INDEX "Agreement_title_idx" ON "Agreement"("title");

-- CreateIndex
CREATE INDEX "Agreement_updatedAt_idx" ON "Agreement"("updatedAt");

-- CreateIndex
CREATE INDEX "Agreement_valueCents_idx" ON "Agreement"("valueCents");

-- CreateIndex
CREATE INDEX "Agreement_partnersLabel_idx" ON "Agreement"("partnersLabel");

-- CreateIndex
CREATE INDEX "Agreement_archivedAt_idx" ON "Agreement"("archivedAt");

-- CreateIndex
CREATE INDEX "AgreementParty_agreementId_idx" ON "AgreementParty"("agreementId");

-- CreateIndex
CREATE INDEX "AgreementParty_unitId_idx" ON "AgreementParty"("unitId");

-- CreateIndex
CREATE INDEX "AgreementParty_partnerId_idx" ON "AgreementParty"("partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementParty_agreementId_unitId_key" ON "AgreementParty"("agreementId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementParty_agreementId_partnerId_key" ON "AgreementParty"("agreementId", "partnerId");

-- CreateIndex
CREATE INDEX "AgreementLink_fromId_idx" ON "AgreementLink"("fromId");

-- CreateIndex
CREATE INDEX "AgreementLink_toId_idx" ON "AgreementLink"("toId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementLink_fromId_toId_type_key" ON "AgreementLink"("fromId", "toId", "type");

-- CreateIndex
CREATE INDEX "StatusChange_agreementId_effectiveOn_idx" ON "StatusChange"("agreementId", "effectiveOn");

-- CreateIndex
CREATE INDEX "AgreementResearchLine_researchLineId_idx" ON "AgreementResearchLine"("researchLineId");

