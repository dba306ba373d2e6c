package main

import "os"

// prepareWindowEnv sets, before the window's toolkit starts, what the
// window needs from the environment on Linux. When the web view draws
// without the GPU (the default, see runWindow), GTK's own OpenGL support
// is never used, yet GTK still loads and probes the OpenGL driver while the
// window opens; GDK_GL=disable skips that probe, and a painted Health page
// came ~45 ms sooner under Xvfb (median of 20 interleaved starts each). A
// GDK_GL the user set is left as it is, and with the GPU nothing is set.
// WebKit logs a warning that GTK could not start OpenGL: expected.
func prepareWindowEnv(gpu bool) {
	if gpu {
		return
	}
	if _, set := os.LookupEnv("GDK_GL"); !set {
		_ = os.Setenv("GDK_GL", "disable")
	}
}
