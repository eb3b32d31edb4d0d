-- DropIndex
DROP INDEX "Obligation_status_nextDueDate_idx";

-- CreateIndex
CREATE INDEX "Agreement_status_renewalType_endDate_noticeDeadline_idx" ON "Agreement"("status", "renewalType", "endDate", "noticeDeadline");

-- CreateIndex
CREATE INDEX "Agreement_status_archivedAt_confidentiality_ownerId_id_idx" ON "Agreement"("status", "archivedAt", "confidentiality", "ownerId", "id");

-- CreateIndex
CREATE INDEX "Agreement_id_confidentiality_archivedAt_ownerId_idx" ON "Agreement"("id", "confidentiality", "archivedAt", "ownerId");

-- CreateIndex
CREATE INDEX "StatusChange_agreementId_toStatus_effectiveOn_idx" ON "StatusChange"("agreementId", "toStatus", "effectiveOn");

-- CreateIndex
CREATE INDEX "Obligation_status_nextDueDate_agreementId_kind_responsibleId_idx" ON "Obligation"("status", "nextDueDate", "agreementId", "kind", "responsibleId");

