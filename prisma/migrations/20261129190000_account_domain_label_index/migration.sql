-- DropIndex
DROP INDEX "SmtpAccount_domainId_idx";

-- CreateIndex
CREATE INDEX "SmtpAccount_domainId_workspaceId_label_id_idx" ON "SmtpAccount"("domainId", "workspaceId", "label", "id");
