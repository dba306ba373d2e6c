//go:build !linux

package main

// prepareWindowEnv has nothing to set outside Linux (see window_env_linux.go).
func prepareWindowEnv(bool) {}
