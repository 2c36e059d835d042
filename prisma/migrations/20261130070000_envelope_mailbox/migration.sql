-- AlterTable
ALTER TABLE "Message" ADD COLUMN "envelopeMailbox" TEXT;
