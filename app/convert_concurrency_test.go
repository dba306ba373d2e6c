package app_test

import (
	"sync"
	"testing"

	"successdesk/app"
)

// TestConvertIsSafeForConcurrentUse reads the queue while the settings
// change and Sync trials runs, as the window's calls do: every call
// succeeds, and afterwards the queue follows the last settings saved.
// Run with -race to check the caches' locking.
func TestConvertIsSafeForConcurrentUse(t *testing.T) {
	ws, _ := newWorkspace(t)
	ws.Events = app.NopEmitter{} // the test recorder is not safe for concurrent use
	svc := app.NewConvertService(ws)
	set, err := svc.Settings(app.InfoRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				if _, err := svc.List(app.ConvertQuery{Sort: []string{"", "company", "value"}[i%3]}); err != nil {
					errs <- err
				}
				if _, err := svc.Summary(app.ConvertQuery{}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 10; i++ {
			v := set.Settings
			v.HighCutoff = 60 + i
			if _, err := svc.SaveSettings(v); err != nil {
				errs <- err
			}
		}
	}()
	go func() {
		defer wg.Done()
		if _, err := svc.SyncTrials(app.SyncTrialsRequest{}); err != nil {
			errs <- err
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	l := allConvert(t, svc, app.ConvertQuery{})
	checkRows(t, l.Rows, 69, 40)
}
