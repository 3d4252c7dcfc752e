-- CreateIndex
CREATE INDEX "AuditEvent_clinicId_action_id_idx" ON "AuditEvent"("clinicId", "action", "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_clinicId_entityId_id_idx" ON "AuditEvent"("clinicId", "entityId", "id" DESC);
