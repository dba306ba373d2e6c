package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// This file is the mark side of sync mark and sweep (see sweep.go): the
// batched look-ups a page needs and the writes that stamp each row with the
// pass that saw it and the customer key it belongs to.

// SyncedKeys resolves many of source's customer keys at once: key →
// account id, for links stamped with pass minPass or later (0: any link).
func (t *Tx) SyncedKeys(ctx context.Context, source domain.Source, keys []string, minPass int64) (map[string]int64, error) {
	if len(keys) == 0 {
		return map[string]int64{}, nil
	}
	list, _ := json.Marshal(keys)
	return t.pairs(ctx, `SELECT key, account_id FROM sync_account_keys WHERE source = ? AND sync_pass >= ?
		AND key IN (SELECT value FROM json_each(?))`, string(source), minPass, string(list))
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
	return t.pairs(ctx, `SELECT domain, id FROM accounts WHERE domain IN (SELECT value FROM json_each(?1))
		UNION ALL SELECT domain, account_id FROM account_domains WHERE domain IN (SELECT value FROM json_each(?1))`, string(list))
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
		if _, err := t.exec(ctx, head+" VALUES "+rowsSQL(end-start, width)+" "+tail, args...); err != nil {
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
func (t *Tx) LinkSyncedKeys(ctx context.Context, source domain.Source, links []KeyLink, pass int64) error {
	for _, l := range links {
		if l.Key == "" {
			return domain.Errorf(domain.EInvalid, "An account key cannot be empty.")
		}
	}
	return t.insertRows(ctx, `INSERT INTO sync_account_keys(source, key, account_id, sync_pass, name, domain, email, last_seen_at)`,
		`ON CONFLICT(source, key) DO UPDATE SET sync_pass = excluded.sync_pass, name = excluded.name,
		domain = excluded.domain, email = excluded.email,
		last_seen_at = CASE excluded.last_seen_at WHEN '' THEN last_seen_at ELSE excluded.last_seen_at END,
		account_id = CASE matched_by WHEN 'person' THEN account_id ELSE excluded.account_id END`,
		len(links), 8, func(i int, a []any) []any {
			l := links[i]
			return append(a, string(source), l.Key, l.AccountID, pass, l.Name, l.Domain, l.Email, ts(l.LastSeen))
		})
}

// InsertSyncedAccounts inserts accounts created by source's sync, in one
// go, setting their ids. Their domains must be free (an empty one is
// stored as NULL); a taken one fails the whole call with EConflict.
func (t *Tx) InsertSyncedAccounts(ctx context.Context, source domain.Source, accs []*domain.Account) error {
	if len(accs) == 0 {
		return nil
	}
	var next int64
	if err := t.tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) + 1 FROM accounts`).Scan(&next); err != nil {
		return err
	}
	for i, a := range accs {
		a.ID = next + int64(i)
	}
	err := t.insertRows(ctx, `INSERT INTO accounts(id, domain, name, primary_email, owner, tracked, search_text,
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

// syncedTable is a synced table written from VALUES rows of width values:
// the external id at column ext, the customer key last.
type syncedTable struct {
	name       string
	cols       []string // the columns after account_id
	exprs      string   // their values: $s the source, $p the pass, v.columnN the row's N-th value
	width, ext int
	pass       bool // the table carries sync_pass
}

func vcols(from, to int) string {
	var out []string
	for c := from; c <= to; c++ {
		out = append(out, "v.column"+strconv.Itoa(c))
	}
	return strings.Join(out, ", ")
}

var (
	revenueTable = syncedTable{name: "revenue_sources", cols: strings.Fields(`source external_id product status interval
		amount_minor currency mrr_minor arr_minor seats term_start term_end trial_end cancel_at_period_end sync_key sync_pass`),
		exprs: "$s, " + vcols(1, 14) + ", $p", width: 14, ext: 1, pass: true}
	invoiceTable = syncedTable{name: "invoices", cols: strings.Fields(`revenue_source_id source external_id status
		amount_due_minor amount_paid_minor currency issued_at due_at paid_at attempts last_failure_at next_attempt_at
		failure_reason sync_key sync_pass`),
		exprs: "(SELECT r.id FROM revenue_sources r WHERE r.source = $s AND r.external_id = v.column1), $s, " +
			vcols(2, 14) + ", $p", width: 14, ext: 2, pass: true}
	activityTable = syncedTable{name: "activities", cols: strings.Fields(`source external_id kind signal occurred_at title
		body actor score sync_key`), exprs: "$s, " + vcols(1, 9), width: 9, ext: 1}
)

// upsertJoined upserts n rows into a synced table (row appends row i's
// values) in multi-row statements. Each row's account is the one its
// customer key is linked to for this source, by a link stamped minPass or
// later; rows whose key has none are left out. A row whose data did not
// change is not rewritten (its indexes stay untouched), only re-stamped
// with pass. It returns how many rows were written. The source (a known
// name) is written into the statement; values are plain "?" parameters,
// which the driver binds fastest.
func (t *Tx) upsertJoined(ctx context.Context, source domain.Source, st syncedTable, n int, pass, minPass int64,
	row func(i int, args []any) []any) (int, error) {
	if err := validSource(source); err != nil {
		return 0, err
	}
	src := "'" + string(source) + "'"
	var sets, data, excl []string
	for _, c := range st.cols {
		if c != "source" && c != "external_id" {
			sets = append(sets, c+" = excluded."+c)
		}
		if c != "source" && c != "external_id" && c != "sync_pass" {
			data, excl = append(data, c), append(excl, "excluded."+c)
		}
	}
	exprs := strings.ReplaceAll(st.exprs, "$s", src)
	passes := strings.Count(exprs, "$p")
	head := `INSERT INTO ` + st.name + `(account_id, ` + strings.Join(st.cols, ", ") + `) SELECT k.account_id, ` +
		strings.ReplaceAll(exprs, "$p", "?") + ` FROM (VALUES `
	tail := fmt.Sprintf(`) AS v JOIN sync_account_keys k ON k.source = %s AND k.key = v.column%d AND k.sync_pass >= ?
		WHERE true ON CONFLICT(source, external_id) DO UPDATE SET %s
		WHERE (account_id, %s) IS NOT (excluded.account_id, %s)`,
		src, st.width, strings.Join(sets, ", "), strings.Join(data, ", "), strings.Join(excl, ", "))
	written := 0
	for start := 0; start < n; start += batchRows {
		rows := min(n, start+batchRows) - start
		args := make([]any, 0, passes+rows*st.width+1)
		for range passes {
			args = append(args, pass)
		}
		for i := start; i < start+rows; i++ {
			args = row(i, args)
		}
		res, err := t.exec(ctx, head+rowsSQL(rows, st.width)+tail, append(args, minPass)...)
		if err != nil {
			return written, err
		}
		if changed, _ := res.RowsAffected(); int(changed) == rows { // all new or changed: written and stamped
			written += rows
			continue
		}
		m, err := t.restamp(ctx, src, st, args[passes:], rows, pass, minPass)
		if err != nil {
			return written, err
		}
		written += m
	}
	return written, nil
}

// restamp, for rows of a chunk some of which were unchanged or had no
// account, stamps the unchanged ones with pass and counts those with an
// account (vals holds the chunk's values).
func (t *Tx) restamp(ctx context.Context, src string, st syncedTable, vals []any, rows int, pass, minPass int64) (int, error) {
	keys := make([]any, 0, 2*rows+1)
	for r := 0; r < rows; r++ {
		keys = append(keys, vals[r*st.width+st.ext-1], vals[r*st.width+st.width-1])
	}
	join := `(VALUES ` + rowsSQL(rows, 2) + `) AS v JOIN sync_account_keys k ON k.source = ` + src +
		` AND k.key = v.column2 AND k.sync_pass >= ?`
	if st.pass {
		if _, err := t.exec(ctx, `UPDATE `+st.name+` SET sync_pass = ? FROM `+join+` WHERE `+st.name+`.source = `+src+
			` AND `+st.name+`.external_id = v.column1 AND `+st.name+`.sync_pass <> ?`,
			append(append([]any{pass}, keys...), minPass, pass)...); err != nil {
			return 0, err
		}
	}
	q, err := t.stmt(ctx, `SELECT count(*) FROM `+join)
	if err != nil {
		return 0, err
	}
	var n int
	err = q.QueryRowContext(ctx, append(keys, minPass)...).Scan(&n)
	return n, err
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
		return append(a, r.ExternalID, r.Product, string(r.Status), string(r.Interval), r.Amount.AmountMinor,
			r.Amount.Currency, r.MRRMinor, r.ARRMinor, r.Seats, ts(r.TermStart), ts(r.TermEnd), ts(r.TrialEnd),
			boolInt(r.CancelAtPeriodEnd), keys[i])
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
			inv.AmountPaidMinor, inv.AmountDue.Currency, ts(inv.IssuedAt), ts(inv.DueAt), ts(inv.PaidAt), inv.Attempts,
			ts(inv.LastFailureAt), ts(inv.NextAttemptAt), inv.FailureReason, keys[i])
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
		return append(a, x.ExternalID, string(x.Kind), string(x.Signal), ts(x.OccurredAt), x.Title, x.Body, x.Actor,
			score, keys[i])
	})
}
