package demo

import (
	"context"
	"fmt"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// writeBatch is how many accounts Write puts in one transaction.
const writeBatch = 5000

// reportEvery is how many accounts WriteReporting writes between reports.
const reportEvery = 500

// Write copies b into st: the releases, then the accounts in transactions of
// writeBatch accounts each, then the book's Meta under MetaKey. Database ids
// are assigned by the store and linked as rows are inserted; b itself is not
// modified, so one Book can be written to several stores.
//
// st must hold no accounts: otherwise Write returns a domain.EConflict error
// and changes nothing, so demo data can never mix with a live workspace. If
// Write fails part-way (an error or ctx canceled), the batches already
// committed stay; the caller should discard the file. The demo.meta setting
// is written last, in the final batch, so its presence marks a complete book.
func Write(ctx context.Context, st *store.Store, b *Book) error {
	return WriteReporting(ctx, st, b, nil)
}

// WriteReporting is Write that calls written, when not nil, with how many
// of b's accounts it has written so far: every reportEvery accounts, so a
// large book's progress moves smoothly (those of the batch under way are
// not committed yet), and after each committed batch.
func WriteReporting(ctx context.Context, st *store.Store, b *Book, written func(n int)) error {
	n, err := st.CountAccounts(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return domain.Errorf(domain.EConflict, "Demo data can only be written into an empty workspace.")
	}
	var emails []string
	var many rows
	ids := make([]int64, 0, writeBatch)
	for start := 0; start == 0 || start < len(b.Accounts); start += writeBatch {
		end := min(start+writeBatch, len(b.Accounts))
		err := st.Write(ctx, func(tx *store.Tx) error {
			if start == 0 {
				for _, r := range b.Releases {
					if err := tx.UpsertRelease(ctx, &r); err != nil {
						return fmt.Errorf("release %s: %w", r.ExternalID, err)
					}
				}
			}
			// Accounts first, then what they own: the accounts' search index
			// then flushes once per batch instead of once per account.
			ids = ids[:0]
			for i := start; i < end; i++ {
				id, err := insertAccount(ctx, tx, &b.Accounts[i], &emails)
				if err != nil {
					return fmt.Errorf("demo account %d: %w", i, err)
				}
				ids = append(ids, id)
			}
			many = many.reset()
			for i := start; i < end; i++ {
				if i%256 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				if err := writeOwned(ctx, tx, &b.Accounts[i], ids[i-start], &many); err != nil {
					return fmt.Errorf("demo account %d: %w", i, err)
				}
				if written != nil && (i+1)%reportEvery == 0 && i+1 < end {
					written(i + 1)
				}
			}
			if err := many.write(ctx, tx); err != nil {
				return err
			}
			if end == len(b.Accounts) {
				return tx.PutSetting(ctx, MetaKey, b.Meta())
			}
			return nil
		})
		if err != nil {
			return err
		}
		if written != nil {
			written(end)
		}
	}
	return nil
}

// insertAccount inserts a copy of ab's account and returns its id.
func insertAccount(ctx context.Context, tx *store.Tx, ab *AccountBundle, emails *[]string) (int64, error) {
	a := ab.Account
	*emails = (*emails)[:0]
	for _, c := range ab.Contacts {
		if c.Email != "" && c.Email != a.PrimaryEmail {
			*emails = append(*emails, c.Email)
		}
	}
	err := tx.InsertAccount(ctx, &a, *emails...)
	return a.ID, err
}

// rows holds the invoices and activities of a batch of accounts, which are
// many (some 12 a demo account), to be inserted in multi-row statements
// once the batch's accounts and revenue sources are written.
type rows struct {
	invoices   []domain.Invoice
	activities []domain.Activity
}

func (r rows) reset() rows { return rows{invoices: r.invoices[:0], activities: r.activities[:0]} }

func (r *rows) write(ctx context.Context, tx *store.Tx) error {
	if err := tx.InsertInvoices(ctx, r.invoices); err != nil {
		return fmt.Errorf("demo invoices: %w", err)
	}
	if err := tx.InsertActivities(ctx, r.activities); err != nil {
		return fmt.Errorf("demo activities: %w", err)
	}
	return nil
}

// writeOwned inserts copies of everything ab owns, linked to account id;
// its invoices and activities are added to many, for the caller to insert.
func writeOwned(ctx context.Context, tx *store.Tx, ab *AccountBundle, id int64, many *rows) error {
	a := domain.Account{ID: id}
	for _, c := range ab.Contacts {
		dc := c.Contact
		dc.AccountID = a.ID
		if err := tx.InsertContact(ctx, &dc, c.Source, c.ExternalID); err != nil {
			return fmt.Errorf("contact %s: %w", c.ExternalID, err)
		}
	}
	for _, r := range ab.Revenue {
		rs := r.RevenueSource
		rs.AccountID = a.ID
		if err := tx.UpsertRevenueSource(ctx, &rs); err != nil {
			return fmt.Errorf("revenue source %s: %w", rs.ExternalID, err)
		}
		for _, inv := range r.Invoices {
			inv.AccountID, inv.RevenueSourceID = a.ID, rs.ID
			many.invoices = append(many.invoices, inv)
		}
	}
	if err := tx.ReplaceUsage(ctx, a.ID, ab.Usage); err != nil {
		return fmt.Errorf("usage: %w", err)
	}
	for _, act := range ab.Activities {
		act.AccountID = a.ID
		many.activities = append(many.activities, act)
	}
	for _, d := range ab.Deals {
		d.AccountID = a.ID
		if err := tx.UpsertDeal(ctx, &d); err != nil {
			return fmt.Errorf("deal %s: %w", d.ExternalID, err)
		}
	}
	if ab.Enrichment != nil {
		e := *ab.Enrichment
		e.AccountID = a.ID
		if err := tx.UpsertEnrichment(ctx, e); err != nil {
			return fmt.Errorf("enrichment: %w", err)
		}
	}
	return nil
}
