package app

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Emitter sends named events to the window. It is the seam that keeps the
// Wails runtime out of every other file.
type Emitter interface {
	Emit(name string, data any)
}

// Event names the frontend listens for.
const (
	EventDataChanged = "data:changed"
	EventProgress    = "sync:progress"
	// EventConvertPhase carries a ConvertPhaseEvent while Sync trials runs.
	EventConvertPhase = "convert:phase"
)

// RuntimeEmitter emits through the Wails runtime once the window has started.
type RuntimeEmitter struct{ ctx context.Context }

// Startup records the Wails context; pass it as OnStartup.
func (e *RuntimeEmitter) Startup(ctx context.Context) { e.ctx = ctx }

// Emit sends an event; before Startup it does nothing.
func (e *RuntimeEmitter) Emit(name string, data any) {
	if e.ctx != nil {
		runtime.EventsEmit(e.ctx, name, data)
	}
}

// NopEmitter drops every event (CLI and tests).
type NopEmitter struct{}

// Emit does nothing.
func (NopEmitter) Emit(string, any) {}

var (
	_ Emitter = (*RuntimeEmitter)(nil)
	_ Emitter = NopEmitter{}
)
