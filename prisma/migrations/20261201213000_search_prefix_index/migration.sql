-- The agreements' word index also keeps 4- and 5-letter prefixes
-- (docs/decisions/088): a typed "univ" or "genom" is one index lookup
-- instead of a merge of every word it begins. FTS5 cannot change a table's
-- prefixes, so the table is made again, empty, and every agreement is
-- queued: the server rebuilds the entries in the background at start
-- (and any search first finishes what is queued). SearchKey and the
-- trigram table of names stay as they are.
DROP TABLE "agreement_fts";
CREATE VIRTUAL TABLE "agreement_fts" USING fts5(
  record, documents,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5'
);
INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId", "queuedAt")
SELECT 'agreement', "id", CURRENT_TIMESTAMP FROM "Agreement";
