-- A draft's party may not know its role yet: AgreementParty.role becomes nullable.
-- (SQLite redefines the table. It runs before the search migration, which adds AgreementParty's triggers.)
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AgreementParty" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "unitId" TEXT,
    "partnerId" TEXT,
    "role" TEXT,
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
INSERT INTO "new_AgreementParty" ("agreementId", "contactEmail", "contactName", "createdAt", "gdprRole", "id", "partnerId", "role", "signatureStatus", "signedAt", "unitId") SELECT "agreementId", "contactEmail", "contactName", "createdAt", "gdprRole", "id", "partnerId", "role", "signatureStatus", "signedAt", "unitId" FROM "AgreementParty";
DROP TABLE "AgreementParty";
ALTER TABLE "new_AgreementParty" RENAME TO "AgreementParty";
CREATE INDEX "AgreementParty_agreementId_idx" ON "AgreementParty"("agreementId");
CREATE INDEX "AgreementParty_unitId_idx" ON "AgreementParty"("unitId");
CREATE INDEX "AgreementParty_partnerId_idx" ON "AgreementParty"("partnerId");
CREATE UNIQUE INDEX "AgreementParty_agreementId_unitId_key" ON "AgreementParty"("agreementId", "unitId");
CREATE UNIQUE INDEX "AgreementParty_agreementId_partnerId_key" ON "AgreementParty"("agreementId", "partnerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

