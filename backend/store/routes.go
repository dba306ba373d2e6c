package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"successdesk/backend/domain"
)

// InsertRoute records r as the account's active route, retiring the previous
// one, and sets r.ID.
func (t *Tx) InsertRoute(ctx context.Context, r *domain.Route) error {
	return t.bookkeeping(func() error { return t.insertRoute(ctx, r) })
}

func (t *Tx) insertRoute(ctx context.Context, r *domain.Route) error {
	var replaced any
	var prev int64
	if err := t.tx.QueryRowContext(ctx, `SELECT id FROM routes WHERE account_id = ? AND active = 1`, r.AccountID).Scan(&prev); err == nil {
		replaced = prev
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if _, err := t.exec(ctx, `UPDATE routes SET active = 0 WHERE account_id = ? AND active = 1`, r.AccountID); err != nil {
		return err
	}
	res, err := t.exec(ctx, `INSERT INTO routes(account_id, from_section, to_section, reason, created_at, active, replaced_id)
		VALUES (?, ?, ?, ?, ?, 1, ?)`, r.AccountID, string(r.From), string(r.To), r.Reason, ts(r.CreatedAt), replaced)
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return notFound("The account")
		}
		return err
	}
	r.ID, err = res.LastInsertId()
	return err
}

// UndoRoute takes back route id as if it had never been made: the route is
// deleted and the route it replaced, if any, is active again. Only the
// account's active route can be undone (EConflict otherwise; ENotFound for
// an unknown id). It returns the account id.
func (t *Tx) UndoRoute(ctx context.Context, id int64) (account int64, err error) {
	err = t.bookkeeping(func() error {
		account, err = t.undoRoute(ctx, id)
		return err
	})
	return account, err
}

func (t *Tx) undoRoute(ctx context.Context, id int64) (int64, error) {
	var account int64
	var active int
	var replaced sql.NullInt64
	err := t.tx.QueryRowContext(ctx, `SELECT account_id, active, replaced_id FROM routes WHERE id = ?`, id).Scan(&account, &active, &replaced)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("The route")
	}
	if err != nil {
		return 0, err
	}
	if active != 1 {
		return account, domain.Errorf(domain.EConflict, "The account has been routed or cleared since; undo is no longer possible.")
	}
	if _, err := t.exec(ctx, `DELETE FROM routes WHERE id = ?`, id); err != nil {
		return account, err
	}
	if replaced.Valid {
		if _, err := t.exec(ctx, `UPDATE routes SET active = 1 WHERE id = ?`, replaced.Int64); err != nil {
			return account, err
		}
	}
	return account, nil
}

// ClearRoute unpins an account from the section its active route points to.
// Clearing an account with no active route is not an error.
func (t *Tx) ClearRoute(ctx context.Context, accountID int64) error {
	return t.bookkeeping(func() error {
		_, err := t.exec(ctx, `UPDATE routes SET active = 0 WHERE account_id = ? AND active = 1`, accountID)
		return err
	})
}

const routeCols = `id, account_id, from_section, to_section, reason, created_at`

func scanRoute(sc interface{ Scan(...any) error }) (domain.Route, error) {
	var r domain.Route
	var from, to, at string
	err := sc.Scan(&r.ID, &r.AccountID, &from, &to, &r.Reason, &at)
	r.From, r.To, r.CreatedAt = domain.Section(from), domain.Section(to), parseTS(at)
	return r, err
}

// ActiveRoute returns the account's active route, or an ENotFound error.
func (s *Store) ActiveRoute(ctx context.Context, accountID int64) (domain.Route, error) {
	r, err := scanRoute(s.read.QueryRowContext(ctx, `SELECT `+routeCols+` FROM routes WHERE account_id = ? AND active = 1`, accountID))
	if errors.Is(err, sql.ErrNoRows) {
		return r, notFound("An active route")
	}
	return r, err
}

// RouteHistory returns every route of an account, newest first.
func (s *Store) RouteHistory(ctx context.Context, accountID int64) ([]domain.Route, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+routeCols+` FROM routes WHERE account_id = ? ORDER BY id DESC`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Route
	for rows.Next() {
		r, err := scanRoute(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RoutedAccount is an account with its active route into a section.
type RoutedAccount struct {
	Account domain.Account
	Route   domain.Route
}

// RoutedTo returns the accounts whose active route points at section, newest route first.
func (s *Store) RoutedTo(ctx context.Context, section domain.Section) ([]RoutedAccount, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, COALESCE(a.domain, ''), a.name, a.primary_email, a.owner, a.tracked,
		a.created_at, r.id, r.account_id, r.from_section, r.to_section, r.reason, r.created_at
		FROM routes r JOIN accounts a ON a.id = r.account_id
		WHERE r.to_section = ? AND r.active = 1 ORDER BY r.id DESC`, string(section))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RoutedAccount
	for rows.Next() {
		var ra RoutedAccount
		var tracked int
		var created, from, to, at string
		if err := rows.Scan(&ra.Account.ID, &ra.Account.Domain, &ra.Account.Name, &ra.Account.PrimaryEmail,
			&ra.Account.Owner, &tracked, &created, &ra.Route.ID, &ra.Route.AccountID, &from, &to,
			&ra.Route.Reason, &at); err != nil {
			return nil, err
		}
		ra.Account.Tracked, ra.Account.CreatedAt = tracked == 1, parseTS(created)
		ra.Route.From, ra.Route.To, ra.Route.CreatedAt = domain.Section(from), domain.Section(to), parseTS(at)
		out = append(out, ra)
	}
	return out, rows.Err()
}
