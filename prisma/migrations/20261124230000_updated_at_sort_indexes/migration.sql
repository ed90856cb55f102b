-- Lists of defenders and advocacy actions sorted by last change, served by an index like the
-- incident list.

-- CreateIndex
CREATE INDEX "Defender_updatedAt_id_idx" ON "Defender"("updatedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "AdvocacyAction_updatedAt_id_idx" ON "AdvocacyAction"("updatedAt" DESC, "id");
