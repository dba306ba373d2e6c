// Intl formatters, each made once and kept. Making one (Intl.NumberFormat,
// Intl.DateTimeFormat, Intl.RelativeTimeFormat, or a toLocaleString call with
// a locale, which makes one on every call) resolves locale data and builds
// patterns; formatting with one already made is cheap. The Health table
// formatted each row's counts and renewal date with fresh ones, and in a cold
// window that was a large part of drawing its first rows.

const numbers = new Map<string, Intl.NumberFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();
let relative: Intl.RelativeTimeFormat | undefined;

/** kept returns cache's formatter for opts, making it with make on first use. */
function kept<O, F>(cache: Map<string, F>, opts: O, make: (opts: O) => F): F {
  const key = JSON.stringify(opts);
  let f = cache.get(key);
  if (f === undefined) {
    f = make(opts);
    cache.set(key, f);
  }
  return f;
}

/** numberFormat is the en-US number format with opts, made on first use. */
export function numberFormat(opts: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return kept(numbers, opts, (o) => new Intl.NumberFormat('en-US', o));
}

/**
 * dateFormat is the en-US date format with opts, made on first use. Without
 * opts.timeZone it keeps the time zone in force when it was made.
 */
export function dateFormat(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return kept(dates, opts, (o) => new Intl.DateTimeFormat('en-US', o));
}

/** relativeFormat is the English relative-time format ("2 days ago", "tomorrow"), made on first use. */
export function relativeFormat(): Intl.RelativeTimeFormat {
  relative ??= new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  return relative;
}
