-- Tamper evidence for the audit log: every event carries a sha256 over its content and the
-- previous event's hash, in insertion order (seq). A BEFORE INSERT trigger assigns both under a
-- transaction-level advisory lock, so that every insert path (one event, many at once,
-- concurrent requests) extends one chain, and seq is given in the order the lock is taken (a
-- sequence's default is drawn before the lock, and would not follow the chain). Verified by
-- `npm run audit:verify` (server/src/modules/audit/audit-chain.ts recomputes the same hash).

ALTER TABLE "AuditEvent" ADD COLUMN "seq" BIGINT,
    ADD COLUMN "prevHash" CHAR(64),
    ADD COLUMN "hash" CHAR(64);

-- One field of the hashed text: its length in bytes, a colon and the text, or '-' for NULL,
-- so that no two different events read the same.
CREATE FUNCTION audit_chain_field(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(value)::text || ':' || value END
$$;

CREATE FUNCTION audit_event_hash(e "AuditEvent") RETURNS CHAR(64) LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    audit_chain_field(e."prevHash") ||
    audit_chain_field(e."seq"::text) ||
    audit_chain_field(e."id"::text) ||
    audit_chain_field(to_char(e."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ||
    audit_chain_field(e."actorId"::text) ||
    audit_chain_field(e."action"::text) ||
    audit_chain_field(e."entity") ||
    audit_chain_field(e."entityId") ||
    audit_chain_field(e."country"::text) ||
    audit_chain_field(e."changes"::text) ||
    audit_chain_field(e."ip"),
    'UTF8')), 'hex')
$$;

-- The existing events, chained in the order they were written as far as it is known.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
DO $$
DECLARE
  e "AuditEvent";
  previous CHAR(64) := repeat('0', 64);
  n BIGINT := 0;
BEGIN
  FOR e IN SELECT * FROM "AuditEvent" ORDER BY "at", "id" LOOP
    n := n + 1;
    e."seq" := n;
    e."prevHash" := previous;
    e."hash" := audit_event_hash(e);
    UPDATE "AuditEvent" SET "seq" = e."seq", "prevHash" = e."prevHash", "hash" = e."hash"
      WHERE "id" = e."id";
    previous := e."hash";
  END LOOP;
END
$$;
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";

ALTER TABLE "AuditEvent" ALTER COLUMN "seq" SET NOT NULL,
    ALTER COLUMN "prevHash" SET NOT NULL,
    ALTER COLUMN "hash" SET NOT NULL;

CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- Whatever the caller sends for seq, prevHash and hash is replaced. The last event is read
-- through the trigger's own table name, so that a temporary table of the same name cannot
-- stand in for it.
CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last RECORD;
BEGIN
  PERFORM pg_advisory_xact_lock(7240611503);
  EXECUTE format('SELECT "seq", "hash" FROM %I.%I ORDER BY "seq" DESC LIMIT 1',
                 TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO last;
  NEW."seq" := coalesce(last."seq", 0) + 1;
  NEW."prevHash" := coalesce(last."hash", repeat('0', 64));
  NEW."hash" := audit_event_hash(NEW);
  RETURN NEW;
END;
$$;

CREATE TRIGGER "AuditEvent_chain"
  BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
