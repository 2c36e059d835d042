-- Trigram operators for the GIN indexes below (a trusted extension since PostgreSQL 13: the
-- database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "SmtpAccount_label_trgm_idx" ON "SmtpAccount" USING GIN ("label" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "SmtpAccount_username_trgm_idx" ON "SmtpAccount" USING GIN ("username" gin_trgm_ops);
