-- DropIndex
DROP INDEX "SmtpAccount_workspaceId_lastUsedAt_idx";

-- DropIndex
DROP INDEX "SmtpAccount_workspaceId_createdAt_idx";

-- DropIndex
DROP INDEX "SmtpAccount_workspaceId_label_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MessageRecipient" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "MessageRecipient_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MessageRecipient" ("address", "createdAt", "domain", "id", "messageId", "workspaceId") SELECT "address", "createdAt", "domain", "id", "messageId", "workspaceId" FROM "MessageRecipient";
DROP TABLE "MessageRecipient";
ALTER TABLE "new_MessageRecipient" RENAME TO "MessageRecipient";
CREATE INDEX "MessageRecipient_messageId_idx" ON "MessageRecipient"("messageId");
CREATE INDEX "MessageRecipient_workspaceId_address_createdAt_messageId_idx" ON "MessageRecipient"("workspaceId", "address", "createdAt", "messageId");
CREATE INDEX "MessageRecipient_workspaceId_domain_createdAt_messageId_idx" ON "MessageRecipient"("workspaceId", "domain", "createdAt", "messageId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SmtpAccount_workspaceId_label_id_idx" ON "SmtpAccount"("workspaceId", "label", "id");

-- CreateIndex
CREATE INDEX "SmtpAccount_workspaceId_username_id_idx" ON "SmtpAccount"("workspaceId", "username", "id");

-- CreateIndex
CREATE INDEX "SmtpAccount_workspaceId_createdAt_id_idx" ON "SmtpAccount"("workspaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "SmtpAccount_workspaceId_lastUsedAt_id_idx" ON "SmtpAccount"("workspaceId", "lastUsedAt", "id");
