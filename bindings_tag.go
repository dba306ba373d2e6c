//go:build bindings

package main

// The build Wails runs to generate the frontend bindings opens no book.
func init() { generatingBindings = true }
