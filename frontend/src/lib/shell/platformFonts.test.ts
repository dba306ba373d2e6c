import { afterEach, describe, expect, it } from 'vitest';
import { applyPlatformFonts, findsFontsThroughFontconfig } from './platformFonts';

const webkitGTK =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
const chromiumLinux =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const macWKWebView = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const windowsWebView2 =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';
const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';

describe('platform fonts', () => {
  afterEach(() => document.documentElement.removeAttribute('data-fonts'));

  it('finds fonts through fontconfig on Linux desktops only', () => {
    expect(findsFontsThroughFontconfig(webkitGTK)).toBe(true);
    expect(findsFontsThroughFontconfig(chromiumLinux)).toBe(true);
    expect(findsFontsThroughFontconfig('Mozilla/5.0 (X11; FreeBSD amd64) AppleWebKit/605.1.15')).toBe(true);
    expect(findsFontsThroughFontconfig(macWKWebView)).toBe(false);
    expect(findsFontsThroughFontconfig(windowsWebView2)).toBe(false);
    expect(findsFontsThroughFontconfig(android)).toBe(false);
    expect(findsFontsThroughFontconfig('')).toBe(false);
  });

  it('marks the root on Linux and clears the mark elsewhere', () => {
    const root = document.documentElement;
    applyPlatformFonts(root, webkitGTK);
    expect(root.getAttribute('data-fonts')).toBe('fontconfig');
    applyPlatformFonts(root, macWKWebView);
    expect(root.hasAttribute('data-fonts')).toBe(false);
    applyPlatformFonts(root, windowsWebView2);
    expect(root.hasAttribute('data-fonts')).toBe(false);
  });
});
