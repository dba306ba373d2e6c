package main

import (
	"os"
	"testing"
)

func TestPrepareWindowEnv(t *testing.T) {
	cases := []struct {
		name   string
		gpu    bool
		preset string // "" leaves GDK_GL unset
		want   string // "" expects it unset
	}{
		{"without the GPU, GTK's OpenGL probe is skipped", false, "", "disable"},
		{"with the GPU, nothing is set", true, "", ""},
		{"a value the user set is kept", false, "gles", "gles"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GDK_GL", c.preset) // restores the variable after the test
			if c.preset == "" {
				os.Unsetenv("GDK_GL")
			}
			prepareWindowEnv(c.gpu)
			got, set := os.LookupEnv("GDK_GL")
			if c.want == "" && set {
				t.Fatalf("GDK_GL = %q, want it unset", got)
			}
			if c.want != "" && got != c.want {
				t.Fatalf("GDK_GL = %q, want %q", got, c.want)
			}
		})
	}
}
