-- Statistics at a million incidents (issue 10): the number of live incidents per country, month
-- of occurredOn, status, verification, confidentiality and author, kept by PostgreSQL in the
-- same transaction as the incidents it counts. Its columns carry the names of Incident's, so that
-- the caller's access conditions and the list filters (country, status, verification) apply to
-- it unchanged; the stats service reads it when it gives exactly the answer a pass over
-- "Incident" would, and counts over "Incident" otherwise. Incidents with a "deletedAt" are not
-- counted.
--
-- "IncidentCountAllAuthors" holds the same counts summed over the authors: about 2.5 times fewer
-- rows (a few authors per country), for every caller whose access condition does not name the
-- author, which is all but researchers (their own RESTRICTED incidents); a manager's dashboard
-- over all countries reads all of its rows.
--
-- They are derived: `SELECT incident_count_rebuild();` as the owner recounts them from
-- "Incident" (after a bulk load with its triggers disabled, or whenever in doubt).
CREATE TABLE "IncidentCount" (
    "country" CHAR(2) NOT NULL,
    "month" DATE NOT NULL,
    "status" "IncidentStatus" NOT NULL,
    "verification" "Verification" NOT NULL,
    "confidentiality" "Confidentiality" NOT NULL,
    "createdById" UUID NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "IncidentCount_pkey" PRIMARY KEY ("country", "month", "status", "verification", "confidentiality", "createdById")
);

CREATE TABLE "IncidentCountAllAuthors" (
    "country" CHAR(2) NOT NULL,
    "month" DATE NOT NULL,
    "status" "IncidentStatus" NOT NULL,
    "verification" "Verification" NOT NULL,
    "confidentiality" "Confidentiality" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "IncidentCountAllAuthors_pkey" PRIMARY KEY ("country", "month", "status", "verification", "confidentiality")
);

-- The bucket an incident adds `sign` to: none while it is deleted.
CREATE FUNCTION incident_count_bucket(incident "Incident", sign INTEGER)
RETURNS SETOF "IncidentCount" LANGUAGE sql STABLE AS $$
  SELECT incident."country", date_trunc('month', incident."occurredOn"::timestamp)::date,
    incident."status", incident."verification", incident."confidentiality",
    incident."createdById", sign
  WHERE incident."deletedAt" IS NULL;
$$;

-- Adds what one statement changed. Net changes only: an edit that moves no incident between
-- buckets (a title, an autosave) locks no counter, so that writers in one bucket do not queue
-- behind each other. Counters are locked in primary-key order (an INSERT takes its rows in the
-- order of its SELECT), the per-author table first, so that two transactions that both touch
-- buckets A and B lock them in the same order and wait instead of deadlocking; ON CONFLICT makes
-- two first incidents of a new bucket both count. A counter that falls to 0 is removed: only
-- non-empty buckets are kept.
CREATE FUNCTION incident_count_add(deltas "IncidentCount"[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "IncidentCount" AS c
  SELECT d."country", d."month", d."status", d."verification", d."confidentiality",
    d."createdById", sum(d."count")::int
  FROM unnest(deltas) AS d
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d."count") <> 0
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("country", "month", "status", "verification", "confidentiality", "createdById")
  DO UPDATE SET "count" = c."count" + excluded."count";

  DELETE FROM "IncidentCount" AS c
  USING unnest(deltas) AS d
  WHERE c."count" = 0 AND c."country" = d."country" AND c."month" = d."month"
    AND c."status" = d."status" AND c."verification" = d."verification"
    AND c."confidentiality" = d."confidentiality" AND c."createdById" = d."createdById";

  INSERT INTO "IncidentCountAllAuthors" AS c
  SELECT d."country", d."month", d."status", d."verification", d."confidentiality",
    sum(d."count")::int
  FROM unnest(deltas) AS d
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d."count") <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("country", "month", "status", "verification", "confidentiality")
  DO UPDATE SET "count" = c."count" + excluded."count";

  DELETE FROM "IncidentCountAllAuthors" AS c
  USING unnest(deltas) AS d
  WHERE c."count" = 0 AND c."country" = d."country" AND c."month" = d."month"
    AND c."status" = d."status" AND c."verification" = d."verification"
    AND c."confidentiality" = d."confidentiality";
$$;

-- One trigger per event (transition tables allow no more), naming their rows `added` and
-- `removed`, as the triggers of the list columns do.
--
-- SECURITY DEFINER: the serving role writes incidents, and their counts with them, but may not
-- write the counts themselves (the migrator grants it only SELECT there), so that the app
-- cannot make the dashboards say what the incidents do not. The function runs as the owner, with
-- a search_path fixed below to the schema of the tables followed by pg_temp, so that no
-- temporary table or function of the caller can stand in for the ones it writes.
CREATE FUNCTION incident_count_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  moved UUID[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM incident_count_add(ARRAY(
      SELECT b FROM added AS a, incident_count_bucket(a, 1) AS b));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM incident_count_add(ARRAY(
      SELECT b FROM removed AS r, incident_count_bucket(r, -1) AS b));
  ELSE
    -- only the incidents whose bucket may have changed: most updates (an edit, the list columns
    -- recomputed after the acts changed) leave every one where it was, and cost one comparison.
    -- EXECUTE plans the joins for this statement's rows: a plan kept from a one-row update (a
    -- nested loop) did not finish an update of 50,000 incidents in 4 minutes (5 s with EXECUTE).
    EXECUTE $q$
      SELECT array_agg(a."id")
      FROM added AS a JOIN removed AS r ON r."id" = a."id"
      WHERE (a."country", a."occurredOn", a."status", a."verification", a."confidentiality",
             a."createdById", a."deletedAt")
        IS DISTINCT FROM (r."country", r."occurredOn", r."status", r."verification",
                          r."confidentiality", r."createdById", r."deletedAt")
    $q$ INTO moved;
    IF moved IS NOT NULL THEN
      EXECUTE $q$
        SELECT incident_count_add(ARRAY(
          SELECT b FROM added AS a, incident_count_bucket(a, 1) AS b
          WHERE a."id" IN (SELECT unnest($1))
          UNION ALL
          SELECT b FROM removed AS r, incident_count_bucket(r, -1) AS b
          WHERE r."id" IN (SELECT unnest($1))))
      $q$ USING moved;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

DO $$
BEGIN
  EXECUTE format('ALTER FUNCTION incident_count_changed() SET search_path = %I, pg_temp',
                 current_schema());
END;
$$;

CREATE TRIGGER "Incident_counted_added" AFTER INSERT ON "Incident"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION incident_count_changed();
CREATE TRIGGER "Incident_counted_changed" AFTER UPDATE ON "Incident"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION incident_count_changed();
CREATE TRIGGER "Incident_counted_removed" AFTER DELETE ON "Incident"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION incident_count_changed();

-- Recounts the tables from "Incident" (the owner's tool; the serving role may not write them).
CREATE FUNCTION incident_count_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "IncidentCount";
  DELETE FROM "IncidentCountAllAuthors";
  SELECT incident_count_add(ARRAY(
    SELECT b FROM "Incident" AS i, incident_count_bucket(i, 1) AS b));
$$;

SELECT incident_count_rebuild();
