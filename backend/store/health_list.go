package store

import (
	"context"
	"fmt"
	"strings"

	"successdesk/backend/domain"
)

// HealthSort names a sortable Health column.
type HealthSort string

const (
	SortScore       HealthSort = "score"
	SortAccount     HealthSort = "account"
	SortLevel       HealthSort = "level"
	SortActiveUsers HealthSort = "activeUsers"
	SortARR         HealthSort = "arr"
	SortRenewal     HealthSort = "renewal"
	SortFactors     HealthSort = "factors"
)

// HealthQuery selects one page of the Health table from the current snapshot.
type HealthQuery struct {
	Risk             domain.RiskLevel // "" means every level
	Search           string           // substring of name, domain or a contact e-mail, any case
	IncludeUntracked bool
	Sort             HealthSort // "" means score
	Desc             bool
	Limit            int // 0 means 100
	Offset           int
	PinSection       domain.Section // accounts routed here come first, newest route first; "" pins nothing
}

// HealthRow is one account in the Health table.
type HealthRow struct {
	Account domain.Account
	Score   domain.HealthScore
	Route   *domain.Route // the active route into PinSection, if any
}

// HealthPage is a page of rows and how many rows match in all.
type HealthPage struct {
	Snapshot Snapshot
	Rows     []HealthRow
	Total    int
}

var sortExprs = map[HealthSort]string{
	SortScore:       `c.score %s, c.arr_base_minor DESC, c.account_id`,
	SortLevel:       `c.score %s, c.arr_base_minor DESC, c.account_id`,
	SortAccount:     `c.name %s, c.account_id`,
	SortActiveUsers: `c.active_users IS NULL, c.active_users %s, c.account_id`,
	SortARR:         `c.arr_base_minor %s, c.account_id`,
	SortRenewal:     `c.renewal_at = '', c.renewal_at %s, c.account_id`,
	SortFactors:     `c.factor_count %s, c.score, c.account_id`,
}

// healthWhere builds the filter over health_current shared by the page, its
// count and the summary.
//
// A risk level is filtered as the score range it is under cut (the latest
// snapshot's cut-offs), which the score index serves; the level itself is
// tested too, so a page stays right if a recompute with other cut-offs
// commits between reading the snapshot and reading the rows.
//
// A search is filtered through the trigram index when trigram is set (see
// Store.trigramSearch), and otherwise by testing each row's copied text,
// which the score index holds, so a level's range or the whole book is
// read from the index alone.
func healthWhere(q HealthQuery, withRisk bool, cut domain.Cutoffs, trigram bool) (string, []any) {
	var where []string
	var args []any
	s := searchTerm(q)
	fts := trigram && s != ""
	if !q.IncludeUntracked {
		if fts {
			// "+" keeps SQLite off the score index, whose scan (every
			// tracked account, each probed against the matches) it would
			// otherwise prefer: the matches are looked up by account id.
			where = append(where, `+c.tracked = 1`)
		} else {
			where = append(where, `c.tracked = 1`)
		}
	}
	if withRisk && q.Risk != "" {
		lo, hi := cut.ScoreRange(q.Risk)
		where = append(where, `c.score >= ? AND c.score < ? AND c.level = ?`)
		args = append(args, lo, hi, string(q.Risk))
	}
	switch {
	case fts:
		where = append(where, `c.account_id IN (SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH ?)`)
		args = append(args, ftsPhrase(s))
	case s != "":
		where = append(where, `c.search_text LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(s)+"%")
	}
	if len(where) == 0 {
		return "1", args
	}
	return strings.Join(where, " AND "), args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ListHealth returns one page of the Health table. Accounts routed into
// q.PinSection come first; the rest follow in the asked order. With no
// snapshot yet it returns an ENotFound error.
func (s *Store) ListHealth(ctx context.Context, q HealthQuery) (HealthPage, error) {
	snap, err := s.LatestSnapshot(ctx)
	if err != nil {
		return HealthPage{}, err
	}
	page := HealthPage{Snapshot: snap}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	trigram, err := s.trigramSearch(ctx, q, true)
	if err != nil {
		return page, err
	}
	where, args := healthWhere(q, true, snap.Settings.Cutoffs, trigram)

	// Pinned rows: few, so they are fetched whole and sliced.
	var pinned []int64
	routes := map[int64]*domain.Route{}
	if q.PinSection != "" {
		rows, err := s.read.QueryContext(ctx, `SELECT c.account_id, r.id, r.from_section, r.reason, r.created_at
			FROM routes r JOIN health_current c ON c.account_id = r.account_id
			WHERE r.active = 1 AND r.to_section = ? AND `+where+` ORDER BY r.id DESC`,
			append([]any{string(q.PinSection)}, args...)...)
		if err != nil {
			return page, err
		}
		for rows.Next() {
			var id int64
			var r domain.Route
			var from, at string
			if err := rows.Scan(&id, &r.ID, &from, &r.Reason, &at); err != nil {
				rows.Close()
				return page, err
			}
			r.AccountID, r.From, r.To, r.CreatedAt = id, domain.Section(from), q.PinSection, parseTS(at)
			pinned = append(pinned, id)
			routes[id] = &r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return page, err
		}
		where += ` AND c.account_id NOT IN (SELECT account_id FROM routes WHERE active = 1 AND to_section = ?)`
		args = append(args, string(q.PinSection))
	}

	rest, err := s.countCurrent(ctx, where, args)
	if err != nil {
		return page, err
	}
	page.Total = len(pinned) + rest

	var ids []int64
	if q.Offset < len(pinned) {
		ids = append(ids, pinned[q.Offset:min(len(pinned), q.Offset+limit)]...)
	}
	if need := limit - len(ids); need > 0 && rest > 0 {
		expr, ok := sortExprs[q.Sort]
		if !ok {
			expr = sortExprs[SortScore]
		}
		dir := "ASC"
		if q.Desc {
			dir = "DESC"
		}
		off := max(0, q.Offset-len(pinned))
		rows, err := s.read.QueryContext(ctx, `SELECT c.account_id FROM health_current c WHERE `+where+`
			ORDER BY `+strings.Replace(expr, "%s", dir, 1)+` LIMIT ? OFFSET ?`, append(args, need, off)...)
		if err != nil {
			return page, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return page, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return page, err
		}
	}
	page.Rows, err = s.healthRows(ctx, ids, routes)
	return page, err
}

// healthRows loads the full rows of ids from their current snapshot, in the order given.
func (s *Store) healthRows(ctx context.Context, ids []int64, routes map[int64]*domain.Route) ([]HealthRow, error) {
	if len(ids) == 0 {
		return []HealthRow{}, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+accountColsA+`, `+scoreCols+`
		FROM health_current c JOIN health_scores h ON h.account_id = c.account_id AND h.snapshot_id = c.snapshot_id
		JOIN accounts a ON a.id = c.account_id WHERE c.account_id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[int64]HealthRow, len(ids))
	for rows.Next() {
		var row HealthRow
		var tracked int
		var created string
		sc := newScoreScan()
		dest := append([]any{&row.Account.ID, &row.Account.Domain, &row.Account.Name, &row.Account.PrimaryEmail,
			&row.Account.Owner, &tracked, &created}, sc.dest()...)
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		row.Account.Tracked, row.Account.CreatedAt = tracked == 1, parseTS(created)
		if row.Score, err = sc.finish(); err != nil {
			return nil, err
		}
		row.Route = routes[row.Account.ID]
		byID[row.Account.ID] = row
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]HealthRow, 0, len(ids))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

const accountColsA = `a.id, COALESCE(a.domain, ''), a.name, a.primary_email, a.owner, a.tracked, a.created_at`

// countCurrent counts the health_current rows matching where. Counts are
// cached until the next write, so scrolling a large book (one List call per
// window, same filters) counts once.
func (s *Store) countCurrent(ctx context.Context, where string, args []any) (int, error) {
	gen := s.gen.Load()
	key := fmt.Sprint(where, args)
	if n, ok := s.counts.get(gen, key); ok {
		return n, nil
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM health_current c WHERE `+where, args...).Scan(&n); err != nil {
		return 0, err
	}
	s.counts.put(gen, key, n)
	return n, nil
}
