-- AlterTable
ALTER TABLE "LoginEvent" ADD COLUMN "credential" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SmtpAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "fromAddress" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "passwordCiphertext" TEXT,
    "passwordVerifier" TEXT NOT NULL,
    "passwordVersion" INTEGER NOT NULL DEFAULT 1,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "previousPasswordCiphertext" TEXT,
    "previousPasswordVerifier" TEXT,
    "previousPasswordVersion" INTEGER,
    "graceEndsAt" DATETIME,
    "ipAllowlist" TEXT,
    "allowedSenders" TEXT,
    "expiresAt" DATETIME,
    "expiryWarnedDays" INTEGER,
    "sendLimitPerMinute" INTEGER,
    "sendLimitPerHour" INTEGER,
    "sendLimitPerDay" INTEGER,
    "lastUsedAt" DATETIME,
    "lastTestAt" DATETIME,
    "lastTestOk" BOOLEAN,
    "lastTestStep" TEXT,
    "lastTestByName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SmtpAccount_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SmtpAccount_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SmtpAccount" ("createdAt", "domainId", "fromAddress", "id", "label", "lastTestAt", "lastTestByName", "lastTestOk", "lastTestStep", "lastUsedAt", "passwordChangedAt", "passwordCiphertext", "passwordVerifier", "passwordVersion", "sendLimitPerDay", "sendLimitPerHour", "sendLimitPerMinute", "status", "updatedAt", "username", "workspaceId") SELECT "createdAt", "domainId", "fromAddress", "id", "label", "lastTestAt", "lastTestByName", "lastTestOk", "lastTestStep", "lastUsedAt", "passwordChangedAt", "passwordCiphertext", "passwordVerifier", "passwordVersion", "sendLimitPerDay", "sendLimitPerHour", "sendLimitPerMinute", "status", "updatedAt", "username", "workspaceId" FROM "SmtpAccount";
DROP TABLE "SmtpAccount";
ALTER TABLE "new_SmtpAccount" RENAME TO "SmtpAccount";
CREATE UNIQUE INDEX "SmtpAccount_username_key" ON "SmtpAccount"("username");
CREATE INDEX "SmtpAccount_workspaceId_label_id_idx" ON "SmtpAccount"("workspaceId", "label", "id");
CREATE INDEX "SmtpAccount_workspaceId_username_id_idx" ON "SmtpAccount"("workspaceId", "username", "id");
CREATE INDEX "SmtpAccount_workspaceId_createdAt_id_idx" ON "SmtpAccount"("workspaceId", "createdAt", "id");
CREATE INDEX "SmtpAccount_workspaceId_lastUsedAt_id_idx" ON "SmtpAccount"("workspaceId", "lastUsedAt", "id");
CREATE INDEX "SmtpAccount_workspaceId_expiresAt_id_idx" ON "SmtpAccount"("workspaceId", "expiresAt", "id");
CREATE INDEX "SmtpAccount_domainId_idx" ON "SmtpAccount"("domainId");
CREATE TABLE "new_Workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sendLimitPerMinute" INTEGER NOT NULL DEFAULT 120,
    "sendLimitPerHour" INTEGER NOT NULL DEFAULT 3000,
    "sendLimitPerDay" INTEGER NOT NULL DEFAULT 20000,
    "showPasswordsOnce" BOOLEAN NOT NULL DEFAULT false,
    "maxPasswordLifetimeDays" INTEGER
);
INSERT INTO "new_Workspace" ("createdAt", "id", "name", "sendLimitPerDay", "sendLimitPerHour", "sendLimitPerMinute", "slug") SELECT "createdAt", "id", "name", "sendLimitPerDay", "sendLimitPerHour", "sendLimitPerMinute", "slug" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
CREATE UNIQUE INDEX "Workspace_slug_key" ON "Workspace"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
