package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// This file is the mark side of sync mark and sweep (see sweep.go): the
// batched look-ups a page needs and the writes that stamp each row with the
// pass that saw it and the customer key it belongs to.

// The batched look-ups take their list as one JSON array and look each
// value up by the table's key, in the list's order (CROSS JOIN keeps it):
// "key IN (SELECT value FROM json_each(?))" made SQLite copy the list into
// a temporary index first (~1.7% of a first Stripe sync's instructions in
// SQLite and around it).
const (
	// syncedKeysSQL: ?1 the source, ?2 the least pass, ?3 the keys.
	syncedKeysSQL = `SELECT k.key, k.account_id FROM json_each(?3) j CROSS JOIN sync_account_keys k
		ON k.key = j.value AND k.source = ?1 WHERE k.sync_pass >= ?2`
	// accountsByDomainSQL: ?1 the domains.
	accountsByDomainSQL = `SELECT a.domain, a.id FROM json_each(?1) j CROSS JOIN accounts a ON a.domain = j.value
		UNION ALL SELECT d.domain, d.account_id FROM json_each(?1) j CROSS JOIN account_domains d ON d.domain = j.value`
)

// SyncedKeys resolves many of source's customer keys at once: key →
// account id, for links stamped with pass minPass or later (0: any link).
func (t *Tx) SyncedKeys(ctx context.Context, source domain.Source, keys []string, minPass int64) (map[string]int64, error) {
	if len(keys) == 0 {
		return map[string]int64{}, nil
	}
	list, _ := json.Marshal(keys)
	return t.pairs(ctx, syncedKeysSQL, string(source), minPass, string(list))
}

// AccountIDsByDomain resolves many normalized domains at once: domain → id,
// through an account's own domain or one a merge gave it.
func (t *Tx) AccountIDsByDomain(ctx context.Context, domains []string) (map[string]int64, error) {
	if len(domains) == 0 {
		return map[string]int64{}, nil
	}
	for i, d := range domains {
		domains[i] = strings.ToLower(d)
	}
	list, _ := json.Marshal(domains)
	return t.pairs(ctx, accountsByDomainSQL, string(list))
}

// pairs runs a statement returning (text, id) rows as a map.
func (t *Tx) pairs(ctx context.Context, query string, args ...any) (map[string]int64, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, err
		}
		out[k] = id
	}
	return out, rows.Err()
}

// batchRows is the most rows one multi-row statement writes. A page is
// written in a few statements rather than one per record: each statement
// costs a round through the driver, and one that touches the accounts'
// full-text index flushes it (so accounts must go in together).
const batchRows = 100

// rowsSQL is n placeholder rows of width values: "(?, ?), (?, ?)".
func rowsSQL(n, width int) string {
	one := "(" + placeholders(width) + ")"
	return strings.Repeat(one+",", n-1) + one
}

// insertRows writes n rows of width values each with multi-row
// statements "head VALUES (...), (...) tail"; row appends row i's values.
func (t *Tx) insertRows(ctx context.Context, head, tail string, n, width int, row func(i int, args []any) []any) error {
	for start := 0; start < n; start += batchRows {
		end := min(n, start+batchRows)
		args := make([]any, 0, (end-start)*width)
		for i := start; i < end; i++ {
			args = row(i, args)
		}
		if _, err := t.execValues(ctx, head+" VALUES "+rowsSQL(end-start, width)+" "+tail, args); err != nil {
			return err
		}
	}
	return nil
}

// KeyLink is one customer key of a source and the account it belongs to,
// with what the source said of the record (kept for the "needs matching"
// list and for splits).
type KeyLink struct {
	Key       string
	AccountID int64
	Name      string
	Domain    string
	Email     string
	LastSeen  time.Time // zero: unknown (kept as it was)
}

// LinkSyncedKeys points source's customer keys at their accounts, stamped
// with pass, replacing earlier links (see LinkAccountKey).
//
// Keys go in by 100, as upsertJoined's rows do: a chunk whose first key is
// not linked yet (a first pass), or any chunk after one that went in whole
// as new links in this transaction, is first inserted with INSERT OR
// IGNORE, which SQLite runs without a statement journal; when every link
// landed the chunk is done, and otherwise the upsert below settles the
// chunk as it would have alone (a link inserted just now is rewritten with
// what it holds). A chunk whose first key is linked goes straight to the
// upsert.
func (t *Tx) LinkSyncedKeys(ctx context.Context, source domain.Source, links []KeyLink, pass int64) error {
	for _, l := range links {
		if l.Key == "" {
			return domain.Errorf(domain.EInvalid, "An account key cannot be empty.")
		}
	}
	const head = `INTO sync_account_keys(source, key, account_id, sync_pass, name, domain, email, last_seen_at) VALUES `
	const upsert = ` ON CONFLICT(source, key) DO UPDATE SET sync_pass = excluded.sync_pass, name = excluded.name,
		domain = excluded.domain, email = excluded.email,
		last_seen_at = CASE excluded.last_seen_at WHEN '' THEN last_seen_at ELSE excluded.last_seen_at END,
		account_id = CASE matched_by WHEN 'person' THEN account_id ELSE excluded.account_id END`
	for start := 0; start < len(links); start += batchRows {
		chunk := links[start:min(len(links), start+batchRows)]
		args := make([]any, 0, len(chunk)*8)
		for _, l := range chunk {
			args = append(args, string(source), l.Key, l.AccountID, pass, l.Name, l.Domain, l.Email, ts(l.LastSeen))
		}
		values := rowsSQL(len(chunk), 8)
		linked := int64(0)
		if !t.freshRuns["sync_account_keys"] {
			var err error
			if linked, err = t.queryRowID(ctx, `SELECT EXISTS (SELECT 1 FROM sync_account_keys WHERE key = ? AND source = ?)`,
				chunk[0].Key, string(source)); err != nil {
				return err
			}
		}
		t.setFreshRun("sync_account_keys", false)
		if linked == 0 {
			n, err := t.execValues(ctx, `INSERT OR IGNORE `+head+values, args)
			if err != nil {
				return err
			}
			if int(n) == len(chunk) {
				t.setFreshRun("sync_account_keys", true)
				continue
			}
		}
		if _, err := t.execValues(ctx, `INSERT `+head+values+upsert, args); err != nil {
			return err
		}
	}
	return nil
}

// InsertSyncedAccounts inserts accounts created by source's sync, in one
// go, setting their ids. Their domains must be free (an empty one is
// stored as NULL); a taken one fails the whole call with EConflict. They
// join the search index as the transaction commits (deferSearch): a
// search inside the transaction does not find them.
func (t *Tx) InsertSyncedAccounts(ctx context.Context, source domain.Source, accs []*domain.Account) error {
	if len(accs) == 0 {
		return nil
	}
	if err := t.deferSearch(ctx); err != nil {
		return err
	}
	next, err := t.queryRowID(ctx, `SELECT COALESCE(max(id), 0) + 1 FROM accounts`)
	if err != nil {
		return err
	}
	for i, a := range accs {
		a.ID = next + int64(i)
	}
	err = t.insertRows(ctx, `INSERT INTO accounts(id, domain, name, primary_email, owner, tracked, search_text,
		created_at, created_by)`, ``, len(accs), 9, func(i int, args []any) []any {
		a := accs[i]
		return append(args, a.ID, nullable(a.Domain), a.Name, a.PrimaryEmail, a.Owner, boolInt(a.Tracked),
			searchText(a, nil), ts(a.CreatedAt), string(source))
	})
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return domain.Errorf(domain.EConflict, "An account with one of these domains already exists.")
	}
	return err
}

// UpsertSyncedRevenue upserts source's revenue sources keyed by (source,
// external id). Each row's account is the one its customer key keys[i] is
// linked to, by a link stamped minPass or later (0: any link); rows whose
// key has none are left out. Rows are stamped with their key and pass;
// their Source, ID and AccountID fields are ignored. It returns how many
// rows were written.
func (t *Tx) UpsertSyncedRevenue(ctx context.Context, source domain.Source, rs []domain.RevenueSource, keys []string,
	pass, minPass int64) (int, error) {
	return t.upsertJoined(ctx, source, revenueTable, len(rs), pass, minPass, func(i int, a []any) []any {
		r := &rs[i]
		return append(a, r.ExternalID, orNull(r.Product), string(r.Status), string(r.Interval), r.Amount.AmountMinor,
			r.Amount.Currency, r.MRRMinor, r.ARRMinor, r.Seats, orNull(ts(r.TermStart)), orNull(ts(r.TermEnd)),
			orNull(ts(r.TrialEnd)), boolInt(r.CancelAtPeriodEnd), keys[i])
	})
}

// UpsertSyncedInvoices is UpsertSyncedRevenue for invoices. An invoice's
// revenue source is this source's one with external id revenueKeys[i]
// ("" or unknown: none); RevenueSourceID is ignored.
func (t *Tx) UpsertSyncedInvoices(ctx context.Context, source domain.Source, invs []domain.Invoice, keys, revenueKeys []string,
	pass, minPass int64) (int, error) {
	return t.upsertJoined(ctx, source, invoiceTable, len(invs), pass, minPass, func(i int, a []any) []any {
		inv := &invs[i]
		return append(a, revenueKeys[i], inv.ExternalID, string(inv.Status), inv.AmountDue.AmountMinor,
			inv.AmountPaidMinor, inv.AmountDue.Currency, ts(inv.IssuedAt), orNull(ts(inv.DueAt)), orNull(ts(inv.PaidAt)),
			inv.Attempts, orNull(ts(inv.LastFailureAt)), orNull(ts(inv.NextAttemptAt)), orNull(inv.FailureReason), keys[i])
	})
}

// UpsertSyncedActivities is UpsertSyncedRevenue for activities, which are
// history: they carry their key but no pass, and are never swept.
func (t *Tx) UpsertSyncedActivities(ctx context.Context, source domain.Source, acts []domain.Activity, keys []string,
	minPass int64) (int, error) {
	return t.upsertJoined(ctx, source, activityTable, len(acts), 0, minPass, func(i int, a []any) []any {
		x := &acts[i]
		var score any
		if x.Score != nil {
			score = *x.Score
		}
		return append(a, x.ExternalID, string(x.Kind), orNull(string(x.Signal)), ts(x.OccurredAt), orNull(x.Title),
			orNull(x.Body), orNull(x.Actor), score, keys[i])
	})
}
