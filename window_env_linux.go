package main

import "os"

// windowEnvDefaults are what the window sets, on Linux without the GPU
// (the default, see runWindow), before its toolkit starts:
//
//   - GDK_GL=disable: GTK's own OpenGL support is never used, yet GTK
//     still loads and probes the OpenGL driver while the window opens;
//     skipping the probe brought a painted Health page ~45 ms sooner under
//     Xvfb (median of 20 interleaved starts each). WebKit logs a warning
//     that GTK could not start OpenGL: expected.
//   - WEBKIT_DISABLE_DMABUF_RENDERER=1: WebKit's DMA-BUF renderer hands
//     GPU buffers between its processes; without the GPU there are none to
//     hand, yet the window set it up, loading the OpenGL driver, before it
//     started the page's process (without it, that load comes after). The
//     page came ~35 ms sooner (median of 25 interleaved starts each). It is
//     also the setting WebKitGTK users apply where the renderer fails
//     outright (some VMs and drivers: a blank window, or "Could not create
//     default EGL display").
//
// Every process the app starts inherits them: today only WebKit's own,
// which must agree with the window. A later feature that starts another
// program (a browser for a link) should pass it the user's environment.
var windowEnvDefaults = [][2]string{
	{"GDK_GL", "disable"},
	{"WEBKIT_DISABLE_DMABUF_RENDERER", "1"},
}

// prepareWindowEnv sets windowEnvDefaults, before the window's toolkit
// starts, unless the GPU is used (then nothing is set). A variable the user
// set is left as it is.
func prepareWindowEnv(gpu bool) {
	if gpu {
		return
	}
	for _, kv := range windowEnvDefaults {
		if _, set := os.LookupEnv(kv[0]); !set {
			_ = os.Setenv(kv[0], kv[1])
		}
	}
}
