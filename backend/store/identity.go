package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// This file holds the hand-made side of account identity (migration 0004):
// the records no domain tied to a company ("needs matching"), and the
// choices a person makes about them: attach a record to an account, merge
// two accounts, split a record off into an account of its own. Every
// choice is a re-pointed link in sync_account_keys marked matched_by =
// 'person', which the sync never re-points, so it survives every re-sync.

// UnmatchedKey is a source's customer record that matched no company: its
// account was made by the sync and has no domain. Name and Email are what
// the source said of it; the counts are the rows it brought.
type UnmatchedKey struct {
	Source     domain.Source
	Key        string
	AccountID  int64
	Name       string
	Email      string
	Revenue    int
	Invoices   int
	Activities int
}

// NeedsMatching lists every unmatched record, by name then source and key.
func (s *Store) NeedsMatching(ctx context.Context) ([]UnmatchedKey, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT k.source, k.key, k.account_id, k.name, k.email,
		(SELECT count(*) FROM revenue_sources r WHERE r.account_id = k.account_id AND r.source = k.source AND r.sync_key = k.key),
		(SELECT count(*) FROM invoices i WHERE i.account_id = k.account_id AND i.source = k.source AND i.sync_key = k.key),
		(SELECT count(*) FROM activities v WHERE v.account_id = k.account_id AND v.source = k.source AND v.sync_key = k.key)
		FROM sync_account_keys k JOIN accounts a ON a.id = k.account_id
		WHERE k.matched_by = 'sync' AND a.domain IS NULL AND a.created_by <> ''
		  AND NOT EXISTS (SELECT 1 FROM account_domains d WHERE d.account_id = a.id)
		ORDER BY lower(CASE k.name WHEN '' THEN a.name ELSE k.name END), k.source, k.key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []UnmatchedKey
	for rows.Next() {
		var u UnmatchedKey
		var src string
		if err := rows.Scan(&src, &u.Key, &u.AccountID, &u.Name, &u.Email, &u.Revenue, &u.Invoices, &u.Activities); err != nil {
			return nil, err
		}
		u.Source = domain.Source(src)
		out = append(out, u)
	}
	return out, rows.Err()
}

// AccountKey is one source record linked to an account.
type AccountKey struct {
	Source    domain.Source
	Key       string
	Name      string
	Domain    string
	Email     string
	ByPerson  bool // a person chose this link
	AccountID int64
}

// AccountKeys lists the source records linked to account id, by source and key.
func (s *Store) AccountKeys(ctx context.Context, id int64) ([]AccountKey, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT source, key, name, domain, email, matched_by = 'person'
		FROM sync_account_keys WHERE account_id = ? ORDER BY source, key`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AccountKey
	for rows.Next() {
		k := AccountKey{AccountID: id}
		var src string
		if err := rows.Scan(&src, &k.Key, &k.Name, &k.Domain, &k.Email, &k.ByPerson); err != nil {
			return nil, err
		}
		k.Source = domain.Source(src)
		out = append(out, k)
	}
	return out, rows.Err()
}

// keyAccount returns the account source's key links to, or ENotFound.
func (t *Tx) keyAccount(ctx context.Context, source domain.Source, key string) (int64, error) {
	return t.lookupID(ctx, "The record", `SELECT account_id FROM sync_account_keys WHERE source = ? AND key = ?`,
		string(source), key)
}

// accountExists returns ENotFound unless account id exists.
func (t *Tx) accountExists(ctx context.Context, id int64) error {
	_, err := t.lookupID(ctx, "The account", `SELECT id FROM accounts WHERE id = ?`, id)
	return err
}

// AttachKey points source's record key at account target, with every row
// the source synced under it, and marks the link as a person's choice. An
// account left with nothing (made by the sync for this record alone) is
// merged into target, usage and all.
func (t *Tx) AttachKey(ctx context.Context, source domain.Source, key string, target int64) error {
	from, err := t.keyAccount(ctx, source, key)
	if err != nil {
		return err
	}
	if err := t.accountExists(ctx, target); err != nil {
		return err
	}
	if from == target {
		_, err := t.exec(ctx, `UPDATE sync_account_keys SET matched_by = 'person' WHERE source = ? AND key = ?`, string(source), key)
		return err
	}
	var others int
	if err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_account_keys WHERE account_id = ? AND NOT (source = ? AND key = ?)`,
		from, string(source), key).Scan(&others); err != nil {
		return err
	}
	var createdBy string
	var dom sql.NullString
	if err := t.tx.QueryRowContext(ctx, `SELECT created_by, domain FROM accounts WHERE id = ?`, from).Scan(&createdBy, &dom); err != nil {
		return err
	}
	if others == 0 && createdBy != "" && !dom.Valid {
		return t.MergeAccounts(ctx, target, from)
	}
	if err := t.moveKey(ctx, source, key, from, target); err != nil {
		return err
	}
	_, err = t.DeleteOrphanAccount(ctx, source, from)
	return err
}

// moveKey re-points source's key and the rows synced under it from
// account from to account to, as a person's choice.
func (t *Tx) moveKey(ctx context.Context, source domain.Source, key string, from, to int64) error {
	for _, table := range []string{"revenue_sources", "invoices", "activities"} {
		if _, err := t.exec(ctx, `UPDATE `+table+` SET account_id = ? WHERE account_id = ? AND source = ? AND sync_key = ?`,
			to, from, string(source), key); err != nil {
			return err
		}
	}
	_, err := t.exec(ctx, `UPDATE sync_account_keys SET account_id = ?, matched_by = 'person' WHERE source = ? AND key = ?`,
		to, string(source), key)
	return err
}

// MergeAccounts folds account drop into account keep: every row of every
// table that refers to drop moves to keep (where keep already has the
// same row, such as a usage week or a source's enrichment, keep's row
// stays), drop's links become a person's choice, drop's domains become
// keep's further domains, drop's computed scores go (the next recompute
// scores keep), and drop is deleted. keep's own domain and name stay.
func (t *Tx) MergeAccounts(ctx context.Context, keep, drop int64) error {
	return t.mergeAccounts(ctx, keep, drop, true)
}

// AbsorbAccount is MergeAccounts done by a sync: drop's links stay the
// sync's own (a later pass may still re-point them). The sync absorbs an
// account it made without a domain once a record shows which company
// holds it.
func (t *Tx) AbsorbAccount(ctx context.Context, keep, drop int64) error {
	return t.mergeAccounts(ctx, keep, drop, false)
}

func (t *Tx) mergeAccounts(ctx context.Context, keep, drop int64, byPerson bool) error {
	if keep == drop {
		return domain.Errorf(domain.EInvalid, "An account cannot be merged into itself.")
	}
	if err := t.accountExists(ctx, keep); err != nil {
		return err
	}
	var dropDomain sql.NullString
	var dropSearch string
	err := t.tx.QueryRowContext(ctx, `SELECT domain, search_text FROM accounts WHERE id = ?`, drop).Scan(&dropDomain, &dropSearch)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("The account")
	}
	if err != nil {
		return err
	}
	if byPerson {
		if _, err := t.exec(ctx, `UPDATE sync_account_keys SET matched_by = 'person' WHERE account_id = ?`, drop); err != nil {
			return err
		}
	}
	tables, err := t.referrers(ctx)
	if err != nil {
		return err
	}
	for _, tc := range tables {
		q := `UPDATE OR IGNORE "` + tc[0] + `" SET "` + tc[1] + `" = ? WHERE "` + tc[1] + `" = ?`
		t.data = true
		if _, err := t.tx.ExecContext(ctx, q, keep, drop); err != nil {
			return err
		}
	}
	if dropDomain.Valid {
		// The domain must leave drop before keep can hold it as a further one.
		if _, err := t.exec(ctx, `UPDATE accounts SET domain = NULL WHERE id = ?`, drop); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT OR REPLACE INTO account_domains(domain, account_id) VALUES (?, ?)`,
			dropDomain.String, keep); err != nil {
			return err
		}
	}
	if s := strings.TrimSpace(dropSearch); s != "" {
		if _, err := t.exec(ctx, `UPDATE accounts SET search_text = trim(search_text || ' ' || ?) WHERE id = ?`, s, keep); err != nil {
			return err
		}
	}
	// What did not move (keep already had it) and what is computed goes with drop.
	_, err = t.exec(ctx, `DELETE FROM accounts WHERE id = ?`, drop)
	return err
}

// SplitKey moves source's record key, with the rows synced under it, off
// its account into a new account of its own, named and addressed as the
// source named it (its domain only when no account holds that domain),
// and returns the new account's id. The new account belongs to the
// source's sync: it goes when the source no longer lists the record.
func (t *Tx) SplitKey(ctx context.Context, source domain.Source, key string) (int64, error) {
	from, err := t.keyAccount(ctx, source, key)
	if err != nil {
		return 0, err
	}
	var name, dom, email, fromName, createdAt string
	if err := t.tx.QueryRowContext(ctx, `SELECT k.name, k.domain, k.email, a.name, a.created_at
		FROM sync_account_keys k JOIN accounts a ON a.id = k.account_id WHERE k.source = ? AND k.key = ?`,
		string(source), key).Scan(&name, &dom, &email, &fromName, &createdAt); err != nil {
		return 0, err
	}
	if dom != "" {
		ids, err := t.AccountIDsByDomain(ctx, []string{dom})
		if err != nil {
			return 0, err
		}
		if len(ids) > 0 {
			dom = ""
		}
	}
	if name == "" {
		name = fromName + " (" + source.Label() + " " + key + ")"
	}
	acc := &domain.Account{Domain: dom, Name: name, PrimaryEmail: email, Tracked: true}
	acc.CreatedAt = parseTS(createdAt)
	if err := t.InsertSyncedAccounts(ctx, source, []*domain.Account{acc}); err != nil {
		return 0, err
	}
	if err := t.moveKey(ctx, source, key, from, acc.ID); err != nil {
		return 0, err
	}
	_, err = t.DeleteOrphanAccount(ctx, source, from)
	return acc.ID, err
}

// AccountOption is an account offered as the target of an attach or a merge.
type AccountOption struct {
	ID     int64
	Name   string
	Domain string
}

// FindAccounts returns up to limit accounts whose name, domain or contact
// e-mails contain q (case-insensitive), those with a domain first, then by
// name; an empty q lists accounts by name.
func (s *Store) FindAccounts(ctx context.Context, q string, limit int) ([]AccountOption, error) {
	if limit <= 0 || limit > 200 {
		limit = 20
	}
	q = strings.ToLower(strings.TrimSpace(q))
	where, args := "1", []any{}
	switch {
	case len([]rune(q)) >= 3:
		where, args = `id IN (SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH ?)`, []any{ftsPhrase(q)}
	case q != "":
		where, args = `search_text LIKE ? ESCAPE '\'`, []any{"%" + escapeLike(q) + "%"}
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, COALESCE(domain, '') FROM accounts WHERE `+where+`
		ORDER BY domain IS NULL, lower(name), id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AccountOption
	for rows.Next() {
		var a AccountOption
		if err := rows.Scan(&a.ID, &a.Name, &a.Domain); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AccountOrigin returns account id's domain ("" when it has none) and the
// source whose sync made it ("" for accounts people, the demo or an
// import made).
func (t *Tx) AccountOrigin(ctx context.Context, id int64) (dom, createdBy string, err error) {
	var d sql.NullString
	err = t.tx.QueryRowContext(ctx, `SELECT domain, created_by FROM accounts WHERE id = ?`, id).Scan(&d, &createdBy)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", notFound("The account")
	}
	return d.String, createdBy, err
}

// ClaimDomain gives account id the normalized domain d if it has none and
// no account holds d (as its domain or a further one); it reports whether
// it did.
func (t *Tx) ClaimDomain(ctx context.Context, id int64, d string) (bool, error) {
	d = strings.ToLower(strings.TrimSpace(d))
	if d == "" {
		return false, nil
	}
	res, err := t.exec(ctx, `UPDATE accounts SET domain = ?1, search_text = trim(search_text || ' ' || ?1)
		WHERE id = ?2 AND domain IS NULL AND NOT EXISTS (SELECT 1 FROM accounts WHERE domain = ?1)
		AND NOT EXISTS (SELECT 1 FROM account_domains WHERE domain = ?1)`, d, id)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// LastSeen is the newest product activity any usage source saw for account
// id (zero when none says).
func (s *Store) LastSeen(ctx context.Context, id int64) (time.Time, error) {
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT COALESCE(max(last_seen_at), '') FROM sync_account_keys
		WHERE account_id = ? AND last_seen_at <> ''`, id).Scan(&at)
	return parseTS(at), err
}
