// Which font names the window asks for, by the engine that draws it.
//
// The stylesheet names the platform's UI font (system-ui) and its UI
// monospace (ui-monospace), which WKWebView on macOS and WebView2 on Windows
// resolve at once. WebKitGTK, the engine on Linux, looks every font name up
// through fontconfig, once per size and weight on the page, and keeps a
// match only when fontconfig names the family asked for. Where the desktop
// has none of the fonts fontconfig lists for system-ui (Cantarell, Noto Sans
// UI, ...), or for any ui-monospace at all, each lookup misses and is made
// again for the generic family: the first layout of the Health page took
// ~140 ms under Xvfb with the UI names and ~55 ms with the generic ones, and
// the page painted ~200 ms sooner. On Linux the window therefore asks for
// the generic families, sans-serif and monospace, which are the fonts the
// desktop's fontconfig settings choose.

/** The attribute on the root element that selects the generic families (see app.css). */
export const FONTS_ATTRIBUTE = 'data-fonts';

/** The attribute's value where fonts are found through fontconfig. */
export const FONTCONFIG = 'fontconfig';

/**
 * findsFontsThroughFontconfig reports whether a window whose engine sends
 * userAgent draws with WebKitGTK or another Linux engine that looks fonts
 * up through fontconfig: a Linux or other X11 desktop, not Android.
 */
export function findsFontsThroughFontconfig(userAgent: string): boolean {
  return /\b(Linux|X11|FreeBSD|OpenBSD)\b/.test(userAgent) && !/\bAndroid\b/.test(userAgent);
}

/**
 * applyPlatformFonts marks root (the document's root element) so the
 * stylesheet asks for the generic font families where fonts are found
 * through fontconfig, and leaves it unmarked elsewhere. Call it before
 * the first layout.
 */
export function applyPlatformFonts(root: HTMLElement, userAgent: string): void {
  if (findsFontsThroughFontconfig(userAgent)) root.setAttribute(FONTS_ATTRIBUTE, FONTCONFIG);
  else root.removeAttribute(FONTS_ATTRIBUTE);
}
