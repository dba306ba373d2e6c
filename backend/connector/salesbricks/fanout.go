package salesbricks

import (
	"context"
	"sync"
)

// readSubscriptions reads the subscriptions the customers name, up to
// c.workers at once. The result holds, per customer, one bundle per
// subscription in list order; ids that cannot stand in a URL are left
// out. The first failure stops the other reads and is returned (the
// context's own error when ctx ended).
func (c *Connector) readSubscriptions(ctx context.Context, custs []wireCustomer) ([][]bundle, error) {
	type job struct{ ci, si int }
	out := make([][]bundle, len(custs))
	var jobs []job
	for i, cu := range custs {
		for _, ref := range cu.Subscriptions {
			if validID(ref.ID.String()) {
				out[i] = append(out[i], bundle{ref: ref})
				jobs = append(jobs, job{i, len(out[i]) - 1})
			}
		}
	}
	if len(jobs) == 0 {
		return out, nil
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
		next     = make(chan job)
	)
	for range min(c.workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				b, err := c.readSubscription(wctx, out[j.ci][j.si].ref)
				if err != nil {
					once.Do(func() { firstErr = err; cancel() })
					continue
				}
				out[j.ci][j.si] = b
			}
		}()
	}
feed:
	for _, j := range jobs {
		select {
		case next <- j:
		case <-wctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return out, nil
}
