package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"successdesk/backend/domain"
)

// InsertAccount inserts a, setting a.ID. An empty domain is stored as NULL;
// a duplicate domain is a domain.EConflict error. extraSearch (contact
// e-mails) is folded into the account's search text. The account joins the
// search index as the transaction commits (deferSearch).
func (t *Tx) InsertAccount(ctx context.Context, a *domain.Account, extraSearch ...string) error {
	if err := t.deferSearch(ctx); err != nil {
		return err
	}
	res, err := t.exec(ctx, `INSERT INTO accounts(domain, name, primary_email, owner, tracked, search_text, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		nullable(a.Domain), a.Name, a.PrimaryEmail, a.Owner, boolInt(a.Tracked),
		searchText(a, extraSearch), ts(a.CreatedAt))
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return domain.Errorf(domain.EConflict, "An account with the domain %s already exists.", a.Domain)
		}
		return err
	}
	a.ID, err = res.LastInsertId()
	return err
}

// InsertContact inserts c, setting c.ID.
func (t *Tx) InsertContact(ctx context.Context, c *domain.Contact, source domain.Source, externalID string) error {
	res, err := t.exec(ctx, `INSERT INTO contacts(account_id, source, external_id, name, email, title) VALUES (?, ?, ?, ?, ?, ?)`,
		c.AccountID, string(source), externalID, c.Name, c.Email, c.Title)
	if err != nil {
		return err
	}
	c.ID, err = res.LastInsertId()
	return err
}

// SetTracked includes (true) or excludes (false) an account from monitoring.
func (t *Tx) SetTracked(ctx context.Context, accountID int64, tracked bool) error {
	res, err := t.exec(ctx, `UPDATE accounts SET tracked = ? WHERE id = ?`, boolInt(tracked), accountID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("The account")
	}
	return nil
}

// SetSearchText replaces an account's search text (name, domain and the given e-mails).
func (t *Tx) SetSearchText(ctx context.Context, a *domain.Account, emails []string) error {
	_, err := t.exec(ctx, `UPDATE accounts SET search_text = ? WHERE id = ?`, searchText(a, emails), a.ID)
	return err
}

func searchText(a *domain.Account, extra []string) string {
	parts := append([]string{a.Name, a.Domain, a.PrimaryEmail}, extra...)
	return strings.ToLower(strings.Join(parts, " "))
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const accountCols = `id, COALESCE(domain, ''), name, primary_email, owner, tracked, created_at`

func scanAccount(sc interface{ Scan(...any) error }) (domain.Account, error) {
	return newAccountRow().scan(sc)
}

// Account returns the account with id, or an ENotFound error.
func (s *Store) Account(ctx context.Context, id int64) (domain.Account, error) {
	a, err := scanAccount(s.read.QueryRowContext(ctx, `SELECT `+accountCols+` FROM accounts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, notFound("The account")
	}
	return a, err
}

// AccountByDomain returns the account keyed by the normalized domain, or an
// ENotFound error.
func (s *Store) AccountByDomain(ctx context.Context, d string) (domain.Account, error) {
	a, err := scanAccount(s.read.QueryRowContext(ctx, `SELECT `+accountCols+` FROM accounts WHERE domain = ?`, strings.ToLower(d)))
	if errors.Is(err, sql.ErrNoRows) {
		return a, notFound("No account uses the domain " + d + ", so it")
	}
	return a, err
}

// CountAccounts returns how many accounts the book holds.
func (s *Store) CountAccounts(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM accounts`).Scan(&n)
	return n, err
}

// AccountIDSplit returns the account id that splits the book into n parts
// of about equal size, for scanning them in parallel: ids[i] starts part
// i+1. A book smaller than n accounts gives fewer splits.
func (s *Store) AccountIDSplit(ctx context.Context, n int) ([]int64, error) {
	total, err := s.CountAccounts(ctx)
	if err != nil || n <= 1 || total < n {
		return nil, err
	}
	var out []int64
	for i := 1; i < n; i++ {
		var id int64
		if err := s.read.QueryRowContext(ctx, `SELECT id FROM accounts ORDER BY id LIMIT 1 OFFSET ?`, total*i/n).Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

// Contacts returns the contacts of an account, ordered by id.
func (s *Store) Contacts(ctx context.Context, accountID int64) ([]domain.Contact, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, account_id, name, email, title FROM contacts WHERE account_id = ? ORDER BY id`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Contact
	for rows.Next() {
		var c domain.Contact
		if err := rows.Scan(&c.ID, &c.AccountID, &c.Name, &c.Email, &c.Title); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UpsertEnrichment stores CRM context for an account, replacing what the
// same source said before.
func (t *Tx) UpsertEnrichment(ctx context.Context, e domain.Enrichment) error {
	_, err := t.exec(ctx, `INSERT INTO enrichments(account_id, source, industry, employees, location, custom_json, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(account_id, source) DO UPDATE SET industry = excluded.industry, employees = excluded.employees,
		location = excluded.location, custom_json = excluded.custom_json, updated_at = excluded.updated_at`,
		e.AccountID, string(e.Source), e.Industry, e.Employees, e.Location, mustJSON(e.Custom), ts(e.UpdatedAt))
	return err
}

// Enrichments returns the CRM context held for an account, one per source.
func (s *Store) Enrichments(ctx context.Context, accountID int64) ([]domain.Enrichment, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT account_id, source, industry, employees, location, custom_json, updated_at
		FROM enrichments WHERE account_id = ? ORDER BY source`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Enrichment
	for rows.Next() {
		var e domain.Enrichment
		var src, custom, upd string
		if err := rows.Scan(&e.AccountID, &src, &e.Industry, &e.Employees, &e.Location, &custom, &upd); err != nil {
			return nil, err
		}
		e.Source = domain.Source(src)
		e.UpdatedAt = parseTS(upd)
		e.Custom = map[string]string{}
		_ = unmarshalJSON(custom, &e.Custom)
		out = append(out, e)
	}
	return out, rows.Err()
}
