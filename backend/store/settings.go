package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
)

// GetSetting decodes the JSON value stored under key into v. It reports
// found=false, leaving v untouched, when the key has never been set.
func (s *Store) GetSetting(ctx context.Context, key string, v any) (found bool, err error) {
	var raw string
	err = s.read.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal([]byte(raw), v)
}

// PutSetting stores v as JSON under key.
func (t *Tx) PutSetting(ctx context.Context, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return t.bookkeeping(func() error {
		_, err := t.exec(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, string(b))
		return err
	})
}

// DeleteSetting removes key; a missing key is not an error.
func (t *Tx) DeleteSetting(ctx context.Context, key string) error {
	return t.bookkeeping(func() error {
		_, err := t.exec(ctx, `DELETE FROM settings WHERE key = ?`, key)
		return err
	})
}
