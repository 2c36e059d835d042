-- DropIndex
DROP INDEX "MessageRecipient_workspaceId_address_createdAt_idx";

-- DropIndex
DROP INDEX "MessageRecipient_workspaceId_domain_createdAt_idx";

-- DropIndex
DROP INDEX "SmtpAccount_workspaceId_createdAt_idx";

-- DropIndex
DROP INDEX "SmtpAccount_workspaceId_label_idx";

-- DropIndex
DROP INDEX "SmtpAccount_workspaceId_lastUsedAt_idx";

-- AlterTable
ALTER TABLE "MessageRecipient" ALTER COLUMN "createdAt" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "MessageRecipient_workspaceId_address_createdAt_messageId_idx" ON "MessageRecipient"("workspaceId", "address", "createdAt", "messageId");

-- CreateIndex
CREATE INDEX "MessageRecipient_workspaceId_domain_createdAt_messageId_idx" ON "MessageRecipient"("workspaceId", "domain", "createdAt", "messageId");

-- CreateIndex
CREATE INDEX "SmtpAccount_workspaceId_label_id_idx" ON "SmtpAccount"("workspaceId", "label", "id");

-- CreateIndex
CREATE INDEX "SmtpAccount_workspaceId_username_id_idx" ON "SmtpAccount"("workspaceId", "username", "id");

-- CreateIndex
CREATE INDEX "SmtpAccount_workspaceId_createdAt_id_idx" ON "SmtpAccount"("workspaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "SmtpAccount_workspaceId_lastUsedAt_id_idx" ON "SmtpAccount"("workspaceId", "lastUsedAt", "id");
