-- Lists at a million incidents (issue 10).
--
-- 1. What a list shows of an incident's children, kept on the incident itself: the distinct
--    defenders, violations and perpetrators of its acts (in the order of the acts, as the API
--    derives them) and the number of its sources. The list filters `defenderId`, `violation` and
--    `perpetrator` become one array overlap on a GIN index instead of a probe into the acts per
--    incident, and a list page needs no child rows. PostgreSQL keeps them, in the same
--    transaction as the rows they summarise, whoever writes the acts or sources.
ALTER TABLE "Incident"
  ADD COLUMN "defenderIds" UUID[] DEFAULT ARRAY[]::UUID[],
  ADD COLUMN "violations" TEXT[] DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "perpetrators" TEXT[] DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "sourceCount" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION incident_summarise_acts(incident_ids UUID[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "Incident" AS i SET
    "defenderIds" = COALESCE((
      SELECT array_agg(d."defenderId" ORDER BY d.first)
      FROM (SELECT a."defenderId", min(a."position") AS first FROM "IncidentAct" AS a
            WHERE a."incidentId" = i."id" GROUP BY a."defenderId") AS d), ARRAY[]::UUID[]),
    "violations" = COALESCE((
      SELECT array_agg(v."violation" ORDER BY v.first)
      FROM (SELECT a."violation", min(a."position") AS first FROM "IncidentAct" AS a
            WHERE a."incidentId" = i."id" GROUP BY a."violation") AS v), ARRAY[]::TEXT[]),
    "perpetrators" = COALESCE((
      SELECT array_agg(p.code ORDER BY p.first)
      FROM (SELECT u.code, min(ARRAY[a."position", u.place::INTEGER]) AS first
            FROM "IncidentAct" AS a
            CROSS JOIN LATERAL unnest(a."perpetrators") WITH ORDINALITY AS u(code, place)
            WHERE a."incidentId" = i."id" GROUP BY u.code) AS p), ARRAY[]::TEXT[])
  WHERE i."id" = ANY (incident_ids);
$$;

CREATE FUNCTION incident_count_sources(incident_ids UUID[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "Incident" AS i
  SET "sourceCount" = (SELECT count(*) FROM "IncidentSource" AS s WHERE s."incidentId" = i."id")
  WHERE i."id" = ANY (incident_ids);
$$;

-- One trigger per event (transition tables allow no more), all naming their rows `added` and
-- `removed`; each statement recomputes the incidents it touched once, however many rows it wrote.
CREATE FUNCTION incident_children_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched UUID[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "incidentId") INTO touched FROM added;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "incidentId") INTO touched FROM removed;
  ELSE
    SELECT array_agg(DISTINCT id) INTO touched
    FROM (SELECT "incidentId" AS id FROM added UNION SELECT "incidentId" FROM removed) AS both_sides;
  END IF;
  IF touched IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'IncidentAct' THEN
    PERFORM incident_summarise_acts(touched);
  ELSE
    PERFORM incident_count_sources(touched);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "IncidentAct_added" AFTER INSERT ON "IncidentAct"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION incident_children_changed();
CREATE TRIGGER "IncidentAct_changed" AFTER UPDATE ON "IncidentAct"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION incident_children_changed();
CREATE TRIGGER "IncidentAct_removed" AFTER DELETE ON "IncidentAct"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION incident_children_changed();
CREATE TRIGGER "IncidentSource_added" AFTER INSERT ON "IncidentSource"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION incident_children_changed();
CREATE TRIGGER "IncidentSource_changed" AFTER UPDATE ON "IncidentSource"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION incident_children_changed();
CREATE TRIGGER "IncidentSource_removed" AFTER DELETE ON "IncidentSource"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION incident_children_changed();

SELECT incident_summarise_acts(ARRAY(SELECT "id" FROM "Incident"));
SELECT incident_count_sources(ARRAY(SELECT "id" FROM "Incident"));

CREATE INDEX "Incident_defenderIds_idx" ON "Incident" USING GIN ("defenderIds");
CREATE INDEX "Incident_violations_idx" ON "Incident" USING GIN ("violations");
CREATE INDEX "Incident_perpetrators_idx" ON "Incident" USING GIN ("perpetrators");

-- 2. Indexes in the order of the lists' sorts: newest first with the id as tie-breaker runs
--    `ORDER BY x DESC, id DESC`, which ("x" DESC, "id") did not match (each page sorted the
--    ties of its day again); ascending sorts read these backwards.
DROP INDEX "Incident_country_occurredOn_idx";
CREATE INDEX "Incident_country_occurredOn_id_idx" ON "Incident"("country", "occurredOn" DESC, "id" DESC);
DROP INDEX "Incident_occurredOn_id_idx";
CREATE INDEX "Incident_occurredOn_id_idx" ON "Incident"("occurredOn" DESC, "id" DESC);
DROP INDEX "Incident_updatedAt_id_idx";
CREATE INDEX "Incident_updatedAt_id_idx" ON "Incident"("updatedAt" DESC, "id" DESC);
DROP INDEX "Incident_createdAt_id_idx";
CREATE INDEX "Incident_createdAt_id_idx" ON "Incident"("createdAt" DESC, "id" DESC);
DROP INDEX "Defender_country_createdAt_idx";
CREATE INDEX "Defender_country_createdAt_id_idx" ON "Defender"("country", "createdAt" DESC, "id" DESC);
DROP INDEX "Defender_createdAt_id_idx";
CREATE INDEX "Defender_createdAt_id_idx" ON "Defender"("createdAt" DESC, "id" DESC);
DROP INDEX "Defender_updatedAt_id_idx";
CREATE INDEX "Defender_updatedAt_id_idx" ON "Defender"("updatedAt" DESC, "id" DESC);
DROP INDEX "AdvocacyAction_date_id_idx";
CREATE INDEX "AdvocacyAction_date_id_idx" ON "AdvocacyAction"("date" DESC, "id" DESC);
DROP INDEX "AdvocacyAction_createdAt_id_idx";
CREATE INDEX "AdvocacyAction_createdAt_id_idx" ON "AdvocacyAction"("createdAt" DESC, "id" DESC);
DROP INDEX "AdvocacyAction_updatedAt_id_idx";
CREATE INDEX "AdvocacyAction_updatedAt_id_idx" ON "AdvocacyAction"("updatedAt" DESC, "id" DESC);
DROP INDEX "AuditEvent_at_id_idx";
CREATE INDEX "AuditEvent_at_id_idx" ON "AuditEvent"("at" DESC, "id" DESC);
