-- Full-text list filters (`q`) are `"searchText" LIKE '%word%'`, which PostgreSQL may answer two
-- ways: walk the date index and test each incident until a page is full (right for a common
-- word), or gather the matches from the trigram index and sort them (right for a rare one). It
-- chooses by the share of rows it expects to match, estimated from the column's histogram; with
-- the default 100 entries a rare word found in one sampled row looked like 1 % of incidents, and
-- at 100,000 incidents "bauxite" walked the date index: 72 ms of CPU per page instead of 1 ms.
-- A histogram of 1,000 entries (a sample of 300,000 rows) tells rare words from common ones.
ALTER TABLE "Incident" ALTER COLUMN "searchText" SET STATISTICS 1000;
ALTER TABLE "Defender" ALTER COLUMN "searchText" SET STATISTICS 1000;
ANALYZE "Incident" ("searchText");
ANALYZE "Defender" ("searchText");
