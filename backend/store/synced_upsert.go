package store

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"successdesk/backend/domain"
)

// This file writes a page's synced rows (revenue sources, invoices,
// activities) in multi-row statements: the upsert, and two cheaper paths:
// the one a first pass over new data takes (a plain insert) and the one a
// full pass over unchanged data takes (restamping rows whose data is what
// the source sent again).

// syncedTable is a synced table written from VALUES rows of width values:
// the external id at column ext, the customer key last.
type syncedTable struct {
	name       string
	cols       []string // the columns after account_id
	exprs      []string // their values: $s the source, $p the pass, v.columnN the row's N-th value
	width, ext int
	blank      []int     // value columns whose empty text is sent as NULL (see orNull) and read back as empty
	pass       bool      // the table carries sync_pass
	stmts      *sync.Map // sqlKey → syncedSQL, built once
}

type sqlKey struct {
	src  string
	rows int
}

func vcols(from, to int) []string {
	var out []string
	for c := from; c <= to; c++ {
		out = append(out, "v.column"+strconv.Itoa(c))
	}
	return out
}

func exprList(parts ...any) []string {
	var out []string
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			out = append(out, p)
		case []string:
			out = append(out, p...)
		}
	}
	return out
}

var (
	revenueTable = syncedTable{name: "revenue_sources", cols: strings.Fields(`source external_id product status interval
		amount_minor currency mrr_minor arr_minor seats term_start term_end trial_end cancel_at_period_end sync_key sync_pass`),
		exprs: exprList("$s", vcols(1, 14), "$p"), width: 14, ext: 1, blank: []int{2, 10, 11, 12}, pass: true,
		stmts: new(sync.Map)}
	invoiceTable = syncedTable{name: "invoices", cols: strings.Fields(`revenue_source_id source external_id status
		amount_due_minor amount_paid_minor currency issued_at due_at paid_at attempts last_failure_at next_attempt_at
		failure_reason sync_key sync_pass`),
		exprs: exprList("(SELECT r.id FROM revenue_sources r WHERE r.source = $s AND r.external_id = v.column1)", "$s",
			vcols(2, 14), "$p"), width: 14, ext: 2, blank: []int{8, 9, 11, 12, 13}, pass: true, stmts: new(sync.Map)}
	activityTable = syncedTable{name: "activities", cols: strings.Fields(`source external_id kind signal occurred_at title
		body actor score sync_key`), exprs: exprList("$s", vcols(1, 9)), width: 9, ext: 1, blank: []int{3, 5, 6, 7},
		stmts: new(sync.Map)}
)

// syncedSQL holds the statements that write rows VALUES rows into a
// synced table for one source.
type syncedSQL struct {
	upsert    string // INSERT ... ON CONFLICT: the pass (if any), the values, minPass
	insert    string // INSERT OR IGNORE of the same rows: the same arguments
	unchanged string // UPDATE stamping (or, without a pass, SELECT counting) the unchanged rows: [the pass,] the values, minPass
	exists    string // whether a row has an external id: one value
}

// sql returns the statements for rows VALUES rows from the source named
// src (a quoted literal).
func (st syncedTable) sql(src string, rows int) syncedSQL {
	k := sqlKey{src, rows}
	if q, ok := st.stmts.Load(k); ok {
		return q.(syncedSQL)
	}
	q := st.build(src, rows)
	st.stmts.Store(k, q)
	return q
}

func (st syncedTable) build(src string, rows int) syncedSQL {
	exprs := st.valueExprs()
	sets := []string{"account_id = excluded.account_id"} // a row follows its key's link
	var data, excl, tdata, vdata []string
	for i, c := range st.cols {
		if c != "source" && c != "external_id" {
			sets = append(sets, c+" = excluded."+c)
		}
		if c != "source" && c != "external_id" && c != "sync_pass" {
			data, excl = append(data, c), append(excl, "excluded."+c)
			tdata, vdata = append(tdata, "t."+c), append(vdata, strings.ReplaceAll(exprs[i], "$s", src))
		}
	}
	values := `(VALUES ` + rowsSQL(rows, st.width) + `) AS v`
	key := ` sync_account_keys k ON k.source = ` + src + ` AND k.key = v.column` + strconv.Itoa(st.width) +
		` AND k.sync_pass >= ?`
	sel := strings.ReplaceAll(strings.ReplaceAll(strings.Join(exprs, ", "), "$s", src), "$p", "?")
	// The unchanged rows, found in this order (CROSS JOIN): each VALUES
	// row, its key's link, its stored row by external id.
	same := values + ` CROSS JOIN` + key + ` CROSS JOIN ` + st.name + ` t ON t.source = ` + src +
		` AND t.external_id = v.column` + strconv.Itoa(st.ext) + ` WHERE (t.account_id, ` + strings.Join(tdata, ", ") +
		`) IS (k.account_id, ` + strings.Join(vdata, ", ") + `)`
	into := st.name + `(account_id, ` + strings.Join(st.cols, ", ") + `) SELECT k.account_id, ` + sel + ` FROM ` +
		values + ` JOIN` + key
	q := syncedSQL{
		insert: `INSERT OR IGNORE INTO ` + into,
		upsert: `INSERT INTO ` + into + ` WHERE true ON CONFLICT(source, external_id) DO UPDATE SET ` +
			strings.Join(sets, ", ") + ` WHERE (account_id, ` + strings.Join(data, ", ") + `) IS NOT (excluded.account_id, ` +
			strings.Join(excl, ", ") + `)`,
		unchanged: `SELECT count(*) FROM ` + same,
		exists:    `SELECT EXISTS (SELECT 1 FROM ` + st.name + ` WHERE source = ` + src + ` AND external_id = ?)`,
	}
	if st.pass {
		q.unchanged = `UPDATE ` + st.name + ` SET sync_pass = ? WHERE id IN (SELECT t.id FROM ` + same + `)`
	}
	return q
}

// valueExprs is st.exprs with each blank column's NULL read as the empty
// string.
func (st syncedTable) valueExprs() []string {
	out := append([]string(nil), st.exprs...)
	for _, n := range st.blank {
		col := "v.column" + strconv.Itoa(n)
		for i, e := range out {
			if e == col {
				out[i] = "ifnull(" + col + ", '')"
			}
		}
	}
	return out
}

// orNull is s, or nil when s is empty: the text of a blank column (see
// syncedTable.blank). The driver copies every text argument into memory of
// its own before binding it, and a NULL is bound without that copy.
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// upsertJoined upserts n rows into a synced table (row appends row i's
// values) in multi-row statements. Each row's account is the one its
// customer key is linked to for this source, by a link stamped minPass or
// later; rows whose key has none are left out. A row whose data did not
// change is not rewritten (its indexes stay untouched), only re-stamped
// with pass. It returns how many rows were written: those with an account.
// The source (a known name) is written into the statements; values are
// plain "?" parameters, which the driver binds fastest.
//
// A chunk whose first row is already stored (a pass over data the store
// holds) first restamps the rows that did not change, in one statement;
// when that is all of them the chunk is done, and otherwise the upsert
// writes the rest. A chunk whose first row is new (a first pass), or any
// chunk after one of the same table that went in whole as new rows in this
// transaction (no look-up then: the guess costs time when wrong, never
// rows), is first inserted with INSERT OR IGNORE, which SQLite runs without a statement
// journal (the tables' foreign keys are deferred, migration 0017, and an
// ignored row cannot stop the statement half way): when every row landed
// the chunk is done, and otherwise the upsert settles the rest, as it
// would have alone: a row stored before is updated, one that broke a
// constraint fails the write, one just inserted is left as it is, one
// without an account stays out.
func (t *Tx) upsertJoined(ctx context.Context, source domain.Source, st syncedTable, n int, pass, minPass int64,
	row func(i int, args []any) []any) (int, error) {
	if err := validSource(source); err != nil {
		return 0, err
	}
	src := "'" + string(source) + "'"
	written := 0
	for start := 0; start < n; start += batchRows {
		rows := min(n, start+batchRows) - start
		q := st.sql(src, rows)
		args := make([]any, 0, 2+rows*st.width)
		if st.pass {
			args = append(args, pass)
		}
		for i := start; i < start+rows; i++ {
			args = row(i, args)
		}
		args = append(args, minPass)
		vals := args[len(args)-1-rows*st.width : len(args)-1]
		same, probed := 0, false
		stored := int64(0)
		if !t.freshRuns[st.name] { // after a chunk of new rows, the next one is taken to be new too
			var err error
			if stored, err = t.queryRowID(ctx, q.exists, vals[st.ext-1]); err != nil {
				return written, err
			}
		}
		t.setFreshRun(st.name, false)
		if stored == 1 {
			var err error
			if same, err = t.unchanged(ctx, q.unchanged, st.pass, args); err != nil {
				return written, err
			}
			if same == rows { // all unchanged, each with its account: restamped
				written += rows
				continue
			}
			probed = true
		} else {
			inserted, err := t.execValues(ctx, q.insert, args)
			if err != nil {
				return written, err
			}
			if int(inserted) == rows {
				t.setFreshRun(st.name, true)
				written += rows
				continue
			}
		}
		distinct := distinctAt(vals, st.ext-1, st.width)
		changed, err := t.execValues(ctx, q.upsert, args)
		if err != nil {
			return written, err
		}
		// New or changed rows are written and stamped; with distinct
		// external ids, the rows restamped above are others, so together
		// they account for every row.
		if int(changed) == rows || probed && distinct && same+int(changed) == rows {
			written += rows
			continue
		}
		m, err := t.restamp(ctx, src, st, vals, rows, distinct, pass, minPass)
		if err != nil {
			return written, err
		}
		written += m
	}
	return written, nil
}

// setFreshRun records whether the last chunk upsertJoined wrote into the
// table named name went in whole as new rows.
func (t *Tx) setFreshRun(name string, fresh bool) {
	if t.freshRuns == nil {
		t.freshRuns = map[string]bool{}
	}
	t.freshRuns[name] = fresh
}

// unchanged runs q (syncedSQL.unchanged) and returns how many rows it
// restamped (pass tables: distinct stored rows) or counted (the others:
// VALUES rows).
func (t *Tx) unchanged(ctx context.Context, q string, pass bool, args []any) (int, error) {
	if !pass {
		n, err := t.queryRowID(ctx, q, args...)
		return int(n), err
	}
	res, err := t.exec(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// restamp, for rows of a chunk some of which were unchanged or had no
// account, stamps the unchanged ones with pass and counts those with an
// account (vals holds the chunk's values). When the chunk's external ids
// are distinct, one UPDATE does both: it stamps every row with an account
// (each exists once the upsert ran), so the rows it changed are the rows
// to count.
func (t *Tx) restamp(ctx context.Context, src string, st syncedTable, vals []any, rows int, distinct bool,
	pass, minPass int64) (int, error) {
	keys := make([]any, 0, 2*rows+1)
	for r := 0; r < rows; r++ {
		keys = append(keys, vals[r*st.width+st.ext-1], vals[r*st.width+st.width-1])
	}
	join := `(VALUES ` + rowsSQL(rows, 2) + `) AS v JOIN sync_account_keys k ON k.source = ` + src +
		` AND k.key = v.column2 AND k.sync_pass >= ?`
	update := `UPDATE ` + st.name + ` SET sync_pass = ? FROM ` + join + ` WHERE ` + st.name + `.source = ` + src +
		` AND ` + st.name + `.external_id = v.column1`
	if st.pass && distinct {
		res, err := t.exec(ctx, update, append(append([]any{pass}, keys...), minPass)...)
		if err != nil {
			return 0, err
		}
		n, err := res.RowsAffected()
		return int(n), err
	}
	if st.pass {
		if _, err := t.exec(ctx, update+` AND `+st.name+`.sync_pass <> ?`,
			append(append([]any{pass}, keys...), minPass, pass)...); err != nil {
			return 0, err
		}
	}
	n, err := t.queryRowID(ctx, `SELECT count(*) FROM `+join, append(keys, minPass)...)
	return int(n), err
}

// distinctAt reports whether vals[from], vals[from+step], ... are distinct.
func distinctAt(vals []any, from, step int) bool {
	seen := make(map[any]struct{}, len(vals)/step+1)
	for i := from; i < len(vals); i += step {
		if _, dup := seen[vals[i]]; dup {
			return false
		}
		seen[vals[i]] = struct{}{}
	}
	return true
}
