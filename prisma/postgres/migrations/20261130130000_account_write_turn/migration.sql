-- A turn for every change to SmtpAccount while the relay commits sends (PostgreSQL only).
-- The relay's commit reads its account rows FOR SHARE (relay/store-pg-commit.ts), so a change
-- that commits first is seen and one that comes after waits for the batch. Share locks never
-- queue behind a waiting UPDATE, though: under continuous sending the row was share-locked at
-- every moment and a reset waited until the sending stopped. So each commit also holds advisory
-- lock 1298753392 in shared mode (ACCOUNT_WRITE_TURN_LOCK), and this statement trigger takes it
-- in exclusive mode before any UPDATE or DELETE of SmtpAccount touches a row: advisory locks
-- queue in order, so new batches wait behind the change, the batches already running finish,
-- and the change goes through. A statement trigger, because a row trigger runs only once the row
-- is locked; and a trigger, so no writer of SmtpAccount can forget it.
CREATE FUNCTION "smtp_account_write_turn"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1298753392);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "SmtpAccount_write_turn"
  BEFORE UPDATE OR DELETE ON "SmtpAccount"
  FOR EACH STATEMENT EXECUTE FUNCTION "smtp_account_write_turn"();
