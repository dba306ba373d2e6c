package cli_test

import (
	"bytes"
	"strings"
	"testing"

	"successdesk/app/cli"
)

func TestParseWindow(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		ok       bool
		code     int
		stdout   string // a line the output holds; "" when none is written
		stderr   string
		dataDir  string
		demoSize int
		gpu      bool
	}{
		{args: nil, ok: true, demoSize: 120},
		{args: []string{"--data-dir", "/tmp/b", "--demo-size", "500", "--gpu", "always"}, ok: true, dataDir: "/tmp/b", demoSize: 500, gpu: true},
		{args: []string{"--help"}, code: 0, stdout: "success-desk export health"},
		{args: []string{"-h"}, code: 0, stdout: "success-desk sync [SOURCE...]"},
		{args: []string{"exprot", "health"}, code: 2, stderr: `unknown command "exprot"`},
		{args: []string{"--dat", "x"}, code: 2, stderr: "flag provided but not defined: -dat"},
		{args: []string{"--gpu", "maybe"}, code: 2, stderr: "--gpu must be never or always"},
		{args: []string{"--demo-size", "0"}, code: 2, stderr: "--demo-size must be between 1 and 1000000"},
		{args: []string{"--demo-size", "many"}, code: 2, stderr: `invalid value "many" for flag -demo-size`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			f, code, ok := cli.ParseWindow(tc.args, &out, &errOut)
			if ok != tc.ok || code != tc.code {
				t.Fatalf("ok %v code %d, want %v %d (stderr %q)", ok, code, tc.ok, tc.code, errOut.String())
			}
			if ok && (f.DataDir != tc.dataDir || f.DemoSize != tc.demoSize || f.GPU != tc.gpu) {
				t.Fatalf("flags %+v", f)
			}
			for _, w := range []struct {
				name, got, want string
			}{{"stdout", out.String(), tc.stdout}, {"stderr", errOut.String(), tc.stderr}} {
				switch {
				case w.want == "" && w.got != "":
					t.Fatalf("%s: %q, want nothing", w.name, w.got)
				case w.want != "" && !strings.Contains(w.got, w.want):
					t.Fatalf("%s: %q, want it to hold %q", w.name, w.got, w.want)
				}
			}
			if code == 2 && (!strings.HasPrefix(errOut.String(), "success-desk: ") || !strings.Contains(errOut.String(), "Usage:")) {
				t.Fatalf("a bad line is named, then the usage: %q", errOut.String())
			}
		})
	}
}
