-- AlterTable
ALTER TABLE "MessageRecipient" ADD COLUMN "mailbox" TEXT;
