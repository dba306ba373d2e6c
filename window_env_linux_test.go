package main

import (
	"os"
	"testing"
)

func TestPrepareWindowEnv(t *testing.T) {
	cases := []struct {
		name   string
		gpu    bool
		preset map[string]string // variables set before; the rest are unset
		want   map[string]string // "" expects the variable unset
	}{
		{"without the GPU, GTK's OpenGL probe and WebKit's DMA-BUF renderer are off", false, nil,
			map[string]string{"GDK_GL": "disable", "WEBKIT_DISABLE_DMABUF_RENDERER": "1"}},
		{"with the GPU, nothing is set", true, nil,
			map[string]string{"GDK_GL": "", "WEBKIT_DISABLE_DMABUF_RENDERER": ""}},
		{"a value the user set is kept", false, map[string]string{"GDK_GL": "gles", "WEBKIT_DISABLE_DMABUF_RENDERER": "0"},
			map[string]string{"GDK_GL": "gles", "WEBKIT_DISABLE_DMABUF_RENDERER": "0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, kv := range windowEnvDefaults {
				t.Setenv(kv[0], c.preset[kv[0]]) // restores the variable after the test
				if _, ok := c.preset[kv[0]]; !ok {
					os.Unsetenv(kv[0])
				}
			}
			prepareWindowEnv(c.gpu)
			for k, want := range c.want {
				got, set := os.LookupEnv(k)
				if want == "" && set {
					t.Errorf("%s = %q, want it unset", k, got)
				}
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}
}
