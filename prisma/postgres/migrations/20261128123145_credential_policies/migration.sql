-- AlterTable
ALTER TABLE "LoginEvent" ADD COLUMN     "credential" TEXT;

-- AlterTable
ALTER TABLE "SmtpAccount" ADD COLUMN     "allowedSenders" TEXT,
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "expiryWarnedDays" INTEGER,
ADD COLUMN     "graceEndsAt" TIMESTAMP(3),
ADD COLUMN     "ipAllowlist" TEXT,
ADD COLUMN     "previousPasswordCiphertext" TEXT,
ADD COLUMN     "previousPasswordVerifier" TEXT,
ADD COLUMN     "previousPasswordVersion" INTEGER,
ALTER COLUMN "passwordCiphertext" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "maxPasswordLifetimeDays" INTEGER,
ADD COLUMN     "showPasswordsOnce" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "SmtpAccount_workspaceId_expiresAt_id_idx" ON "SmtpAccount"("workspaceId", "expiresAt", "id");
