import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, within } from '@testing-library/svelte';
import '../customer/test-setup';
import { ApiError } from '../api/core';

vi.mock('../api/settings', () => ({ reporting: vi.fn(), saveReporting: vi.fn() }));
vi.mock('../api/workspace', () => ({ workspaceInfo: vi.fn(() => new Promise(() => {})) }));

import { reporting, saveReporting, type ReportingDTO } from '../api/settings';
import { AppState } from '../state/app.svelte';
import ReportingCurrency from './ReportingCurrency.svelte';

const GBP_RATE = 1.2712345678; // shown as 1.27123, saved exactly while untouched

function usd(): ReportingDTO {
  return {
    base: 'USD',
    rates: [
      { currency: 'EUR', rate: 1.08, inBook: true },
      { currency: 'GBP', rate: GBP_RATE, inBook: false },
      { currency: 'JPY', rate: 0, inBook: true },
    ],
    choices: ['EUR', 'GBP', 'USD'],
    note: 'Totals in USD at 1 EUR = 1.08 USD, 1 GBP = 1.271 USD.',
  };
}

function eur(): ReportingDTO {
  return {
    base: 'EUR',
    rates: [
      { currency: 'GBP', rate: 1.177, inBook: false },
      { currency: 'JPY', rate: 0, inBook: true },
      { currency: 'USD', rate: 0.9259, inBook: false },
    ],
    choices: ['EUR', 'GBP', 'USD'],
    note: 'Totals in EUR at 1 GBP = 1.177 EUR, 1 USD = 0.9259 EUR.',
  };
}

const load = vi.mocked(reporting);
const save = vi.mocked(saveReporting);

function renderSection() {
  const app = new AppState();
  const view = render(ReportingCurrency, { context: new Map([[Symbol.for('success-desk.app'), app]]) });
  return { app, ...view };
}

const row = (c: string) => screen.getByTestId(`reporting-rate-${c}`) as HTMLInputElement;
const status = () => screen.getByTestId('reporting-status');

/** echo answers a rates save as the backend would: rates as given, 0 dropped unless the book holds it. */
function echo(req: { base: string; rates: { currency: string; rate: number; inBook: boolean }[] }): Promise<ReportingDTO> {
  const rates = req.rates.filter((r) => r.rate !== 0 || r.inBook);
  return Promise.resolve({ ...usd(), base: req.base, rates, note: `Totals in ${req.base} at ${rates.map((r) => r.rate).join(', ')}.` });
}

beforeEach(() => {
  vi.clearAllMocks();
  load.mockResolvedValue(usd());
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ReportingCurrency', () => {
  it('shows a skeleton, then the base, a row per rate with its badge, and the note', async () => {
    renderSection();
    expect(screen.getByTestId('reporting-skeleton')).toHaveAttribute('aria-busy', 'true');
    expect(await screen.findByTestId('reporting-note')).toHaveTextContent('Totals in USD at 1 EUR = 1.08 USD, 1 GBP = 1.271 USD.');
    expect(screen.queryByTestId('reporting-skeleton')).toBeNull();
    expect(screen.getByRole('region', { name: 'Reporting currency' })).toHaveTextContent(
      'Portfolio totals (Health ARR, Contracts MRR and ARR, Convert value) are shown in this currency; each contract keeps its own currency exactly.',
    );

    const select = screen.getByRole('combobox', { name: 'Reporting currency' });
    expect(select).toHaveValue('USD');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['EUR', 'GBP', 'USD']);

    const rows = screen.getAllByTestId('reporting-rate-row');
    expect(rows.map((r) => r.dataset.currency)).toEqual(['EUR', 'GBP', 'JPY']);
    expect(rows[0]).toHaveTextContent('1 EUR =');
    expect(rows[0]).toHaveTextContent('USD');
    expect(rows[0]).toHaveTextContent('in your book');
    expect(rows[1]).not.toHaveTextContent('in your book');
    expect(screen.getByRole('spinbutton', { name: 'Rate for EUR' })).toHaveValue(1.08);
    expect(row('EUR')).toHaveAttribute('step', 'any');
    expect(row('EUR')).toHaveAttribute('min', '0');
    expect(row('GBP')).toHaveValue(1.27123);
    expect(load).toHaveBeenCalledWith();
  });

  it('hints that a currency without a rate converts at 1, and only there', async () => {
    renderSection();
    const jpy = (await screen.findAllByTestId('reporting-rate-row'))[2];
    const hint = within(jpy).getByText('No rate yet: JPY amounts are added as if 1 JPY = 1 USD.');
    expect(hint).toHaveClass('text-amber-700');
    expect(row('JPY')).toHaveValue(null);
    expect(row('JPY')).toHaveAccessibleDescription('No rate yet: JPY amounts are added as if 1 JPY = 1 USD.');
    expect(screen.queryByTestId('reporting-no-rate-EUR')).toBeNull();
    expect(screen.queryByTestId('reporting-no-rate-GBP')).toBeNull();
  });

  it('saves a chosen reporting currency at once, with no rates, and shows what comes back', async () => {
    save.mockResolvedValueOnce(eur());
    renderSection();
    const select = await screen.findByTestId('reporting-base');
    await fireEvent.change(select, { target: { value: 'EUR' } });
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({ base: 'EUR', rates: [] });

    expect(await screen.findByText('Totals in EUR at 1 GBP = 1.177 EUR, 1 USD = 0.9259 EUR.')).toBeInTheDocument();
    expect(status()).toHaveTextContent('Saved');
    expect(select).toHaveValue('EUR');
    expect(screen.getAllByTestId('reporting-rate-row').map((r) => r.dataset.currency)).toEqual(['GBP', 'JPY', 'USD']);
    expect(row('USD')).toHaveValue(0.9259);
    expect(screen.getByTestId('reporting-no-rate-JPY')).toHaveTextContent(
      'No rate yet: JPY amounts are added as if 1 JPY = 1 EUR.',
    );
  });

  it('saves the last of two quick currency choices, one after the other', async () => {
    vi.useFakeTimers();
    let release!: () => void;
    save.mockImplementationOnce(() => new Promise((ok) => (release = () => ok(eur())))).mockResolvedValueOnce(usd());
    renderSection();
    await vi.advanceTimersByTimeAsync(0);
    const select = screen.getByTestId('reporting-base');
    await fireEvent.change(select, { target: { value: 'EUR' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(row('EUR')).toHaveAttribute('readonly'); // rates are restated: no typing meanwhile
    await fireEvent.change(select, { target: { value: 'USD' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(1);

    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1][0]).toEqual({ base: 'USD', rates: [] });
    expect(select).toHaveValue('USD');
    expect(screen.getByTestId('reporting-note')).toHaveTextContent('Totals in USD');
    expect(row('EUR')).not.toHaveAttribute('readonly');
    expect(status()).toHaveTextContent('Saved');
  });

  it('refuses a currency without a rate: says why and keeps the one in use', async () => {
    save.mockRejectedValueOnce(new ApiError('invalid', 'There is no rate for GBP to report in it: add one first.'));
    renderSection();
    const select = await screen.findByTestId('reporting-base');
    await fireEvent.change(select, { target: { value: 'GBP' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no rate for GBP to report in it: add one first.');
    expect(select).toHaveValue('USD');
    expect(screen.getByTestId('reporting-note')).toHaveTextContent('Totals in USD');
    expect(row('EUR')).toHaveValue(1.08);
  });

  it('saves every rate once, 600 ms after the last edit, and shows Saving… then Saved', async () => {
    vi.useFakeTimers();
    let release!: () => void;
    save.mockImplementationOnce((req) => new Promise((ok) => (release = () => ok(echo(req)))));
    renderSection();
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toHaveTextContent('Changes save automatically.');

    await fireEvent.input(row('EUR'), { target: { value: '1.1' } });
    await vi.advanceTimersByTimeAsync(400);
    await fireEvent.input(row('EUR'), { target: { value: '1.10' } });
    await vi.advanceTimersByTimeAsync(300);
    await fireEvent.input(row('JPY'), { target: { value: '0.0067' } });
    expect(status()).toHaveTextContent('Unsaved changes…');
    await vi.advanceTimersByTimeAsync(599);
    expect(save).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({
      base: 'USD',
      rates: [
        { currency: 'EUR', rate: 1.1, inBook: true },
        { currency: 'GBP', rate: GBP_RATE, inBook: false },
        { currency: 'JPY', rate: 0.0067, inBook: true },
      ],
    });
    expect(status()).toHaveTextContent('Saving…');

    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toHaveTextContent('Saved');
    expect(screen.getByTestId('reporting-note')).toHaveTextContent(`Totals in USD at 1.1, ${GBP_RATE}, 0.0067.`);
    expect(row('EUR').value).toBe('1.10'); // what was typed stays as typed
    expect(screen.queryByTestId('reporting-no-rate-JPY')).toBeNull();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('shows a refused rate with the backend message and keeps the typed value until it is fixed', async () => {
    vi.useFakeTimers();
    const msg = 'The rate for EUR must be a number above 0 (how many USD one EUR is worth).';
    save.mockRejectedValueOnce(new ApiError('invalid', msg));
    const { app } = renderSection();
    await vi.advanceTimersByTimeAsync(0);

    await fireEvent.input(row('EUR'), { target: { value: '-2' } });
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][0].rates[0]).toEqual({ currency: 'EUR', rate: -2, inBook: true });
    await vi.advanceTimersByTimeAsync(0);

    const alert = within(status()).getByRole('alert');
    expect(alert).toHaveTextContent(msg);
    expect(alert).toHaveClass('text-red-600');
    expect(row('EUR')).toHaveValue(-2);
    expect(screen.getByTestId('reporting-note')).toHaveTextContent('Totals in USD at 1 EUR = 1.08 USD');

    // Backend data changing meanwhile does not reload over the typed value.
    app.dataVersion++;
    await vi.advanceTimersByTimeAsync(1000);
    expect(load).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(row('EUR')).toHaveValue(-2);

    save.mockImplementation(echo);
    await fireEvent.input(row('EUR'), { target: { value: '1.09' } });
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1][0].rates[0]).toEqual({ currency: 'EUR', rate: 1.09, inBook: true });
    expect(status()).toHaveTextContent('Saved');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('saves a blanked rate as 0 and keeps its row on screen with the hint', async () => {
    vi.useFakeTimers();
    save.mockImplementation(echo);
    renderSection();
    await vi.advanceTimersByTimeAsync(0);

    await fireEvent.input(row('GBP'), { target: { value: '' } });
    expect(screen.getByTestId('reporting-no-rate-GBP')).toHaveTextContent('No rate yet: GBP amounts are added as if 1 GBP = 1 USD.');
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledWith({
      base: 'USD',
      rates: [
        { currency: 'EUR', rate: 1.08, inBook: true },
        { currency: 'GBP', rate: 0, inBook: false },
        { currency: 'JPY', rate: 0, inBook: true },
      ],
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toHaveTextContent('Saved');
    // The answer no longer lists GBP (not in the book, no rate); the row stays so a rate can be typed again.
    expect(screen.getAllByTestId('reporting-rate-row').map((r) => r.dataset.currency)).toEqual(['EUR', 'GBP', 'JPY']);
    expect(screen.getByTestId('reporting-no-rate-GBP')).toBeInTheDocument();

    await fireEvent.input(row('GBP'), { target: { value: '1.3' } });
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1][0].rates[1]).toEqual({ currency: 'GBP', rate: 1.3, inBook: false });
  });

  it('does not save text that is not a number, and says so', async () => {
    vi.useFakeTimers();
    save.mockImplementation(echo);
    renderSection();
    await vi.advanceTimersByTimeAsync(0);

    const input = row('EUR');
    // A browser reports "1,08" in a number input as blank, with validity.badInput set.
    Object.defineProperty(input, 'validity', { configurable: true, value: { badInput: true } });
    await fireEvent.input(input, { target: { value: '' } });
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).not.toHaveBeenCalled();
    expect(within(status()).getByRole('alert')).toHaveTextContent('Type the rate for EUR as a number, such as 1.08.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('reporting-no-rate-EUR')).toBeNull();

    Object.defineProperty(input, 'validity', { configurable: true, value: { badInput: false } });
    await fireEvent.input(input, { target: { value: '1.07' } });
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][0].rates[0]).toEqual({ currency: 'EUR', rate: 1.07, inBook: true });
  });

  it('saves a typed rate before restating in a newly chosen currency', async () => {
    vi.useFakeTimers();
    save.mockImplementationOnce(echo).mockResolvedValueOnce(eur());
    renderSection();
    await vi.advanceTimersByTimeAsync(0);

    await fireEvent.input(row('EUR'), { target: { value: '1.2' } });
    await fireEvent.change(screen.getByTestId('reporting-base'), { target: { value: 'EUR' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[0][0]).toMatchObject({ base: 'USD', rates: [{ currency: 'EUR', rate: 1.2, inBook: true }, {}, {}] });
    expect(save.mock.calls[1][0]).toEqual({ base: 'EUR', rates: [] });
    expect(screen.getByTestId('reporting-base')).toHaveValue('EUR');
    expect(screen.getByTestId('reporting-note')).toHaveTextContent('Totals in EUR');
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('keeps the currency and the typed rates when a refused rate is on screen', async () => {
    vi.useFakeTimers();
    save.mockRejectedValueOnce(new ApiError('invalid', 'The rate for EUR must be a number above 0 (how many USD one EUR is worth).'));
    renderSection();
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.input(row('EUR'), { target: { value: '-1' } });
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(1);

    const select = screen.getByTestId('reporting-base');
    await fireEvent.change(select, { target: { value: 'GBP' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(1);
    expect(select).toHaveValue('USD');
    expect(row('EUR')).toHaveValue(-1);
    expect(screen.getByRole('alert')).toHaveTextContent('The rate for EUR must be a number above 0');
  });

  it('reloads when backend data changes, but not over an edit waiting to save', async () => {
    vi.useFakeTimers();
    const { app } = renderSection();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);

    load.mockResolvedValueOnce({ ...usd(), rates: [...usd().rates, { currency: 'CHF', rate: 0, inBook: true }] });
    app.dataVersion++;
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('reporting-no-rate-CHF')).toBeInTheDocument();

    await fireEvent.input(row('EUR'), { target: { value: '1.5' } });
    app.dataVersion++;
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    expect(row('EUR')).toHaveValue(1.5);
  });

  it('saves a rate typed just before the section closes', async () => {
    vi.useFakeTimers();
    save.mockImplementation(echo);
    const { unmount } = renderSection();
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.input(row('EUR'), { target: { value: '1.11' } });
    unmount();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][0].rates[0]).toEqual({ currency: 'EUR', rate: 1.11, inBook: true });
  });

  it('shows an error with Retry when the rates cannot be read', async () => {
    load.mockRejectedValueOnce(new ApiError('unavailable', 'The live book is locked.'));
    renderSection();
    expect(await screen.findByTestId('reporting-error')).toHaveTextContent('Could not load the reporting currency: The live book is locked.');
    expect(screen.queryByTestId('reporting-base')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('reporting-note')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
