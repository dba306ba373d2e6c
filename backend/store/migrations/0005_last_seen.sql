-- Product last-seen time, version 5: the newest product activity a usage
-- source (PostHog) saw for one of its account keys ('' when unknown). An
-- account's last seen is the newest over its keys.
ALTER TABLE sync_account_keys ADD COLUMN last_seen_at TEXT NOT NULL DEFAULT '';
