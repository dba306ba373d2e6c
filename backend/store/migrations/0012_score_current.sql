-- Current scores set from the history, version 12. A recompute used to
-- write each changed score twice: into health_scores, and into
-- health_current row by row, 64 to a statement. An insert that names a
-- table's INTEGER PRIMARY KEY makes SQLite keep a statement journal, so
-- every such statement copied each page it touched of health_current and
-- its score index. Each history row now carries the two values only the
-- current row needed (its hash and factor count), and the snapshot's rows
-- become current in one statement per kind at its end (Tx.ApplyCurrent).
-- Rows written before this version keep 0: only a snapshot's own rows are
-- ever made current.
ALTER TABLE health_scores ADD COLUMN row_hash INTEGER NOT NULL DEFAULT 0;
ALTER TABLE health_scores ADD COLUMN factor_count INTEGER NOT NULL DEFAULT 0;
