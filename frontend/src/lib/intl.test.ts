import { afterEach, describe, expect, it, vi } from 'vitest';

// Each test loads fresh copies of the modules, so no formatter is cached
// yet, and counts the Intl formatters made from then on.
async function fresh() {
  vi.resetModules();
  const made = { number: 0, date: 0, relative: 0 };
  const { NumberFormat, DateTimeFormat, RelativeTimeFormat } = Intl;
  vi.spyOn(Intl, 'NumberFormat').mockImplementation(function (...args: ConstructorParameters<typeof NumberFormat>) {
    made.number++;
    return new NumberFormat(...args);
  } as unknown as typeof NumberFormat);
  vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (...args: ConstructorParameters<typeof DateTimeFormat>) {
    made.date++;
    return new DateTimeFormat(...args);
  } as unknown as typeof DateTimeFormat);
  vi.spyOn(Intl, 'RelativeTimeFormat').mockImplementation(function (
    ...args: ConstructorParameters<typeof RelativeTimeFormat>
  ) {
    made.relative++;
    return new RelativeTimeFormat(...args);
  } as unknown as typeof RelativeTimeFormat);
  return { made, intl: await import('./intl'), format: await import('./format') };
}

afterEach(() => vi.restoreAllMocks());

describe('intl', () => {
  it('makes one formatter per options, however often it is asked', async () => {
    const { made, intl } = await fresh();
    const a = intl.dateFormat({ month: 'short', day: 'numeric' });
    expect(intl.dateFormat({ month: 'short', day: 'numeric' })).toBe(a);
    expect(intl.dateFormat({ month: 'long' })).not.toBe(a);
    expect(intl.numberFormat()).toBe(intl.numberFormat({}));
    expect(intl.relativeFormat()).toBe(intl.relativeFormat());
    expect(made).toEqual({ number: 1, date: 2, relative: 1 });
  });

  it('formats as the toLocale methods do', async () => {
    const { intl } = await fresh();
    const d = new Date('2026-11-25T10:05:00Z');
    const opts: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' };
    expect(intl.dateFormat(opts).format(d)).toBe(d.toLocaleDateString('en-US', opts));
    expect(intl.numberFormat().format(1234567)).toBe((1234567).toLocaleString('en-US'));
  });

  it('a page of rows makes each of its formatters once', async () => {
    const { made, format } = await fresh();
    for (let i = 0; i < 40; i++) {
      const at = new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
      format.formatCount(i * 1000);
      format.formatDate(at);
      format.formatDateTime(at);
      format.relativeTime(at);
      format.formatMoney({ amountMinor: i * 10_000, currency: 'USD' });
    }
    // counts; money whole and with cents; date; date and time; relative
    expect(made).toEqual({ number: 3, date: 2, relative: 1 });
  });

  it('warmFormats makes ahead what the first screen formats', async () => {
    const { made, format } = await fresh();
    format.warmFormats();
    const before = { ...made };
    const at = '2026-11-25T10:05:00Z';
    format.formatCount(120);
    format.formatDate(at);
    format.formatDateTime(at);
    format.relativeTime(at);
    format.formatMoney({ amountMinor: 1_234_500, currency: 'USD' });
    format.formatMoney({ amountMinor: 99_950, currency: 'USD' });
    format.formatMoney({ amountMinor: 1_234_500, currency: 'USD' }, { compact: true });
    expect(made).toEqual(before);
  });
});
