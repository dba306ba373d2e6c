import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import ExportMenu from './ExportMenu.svelte';

const menuIds = { trigger: 'export-button', menu: 'export-menu', csv: 'export-csv', json: 'export-json' };
const splitIds = { button: 'export-csv', trigger: 'export-menu-button', menu: 'export-menu', csv: 'export-menu-csv', json: 'export-menu-json' };

describe('ExportMenu', () => {
  it('opens the menu from one Export button and exports CSV or JSON', async () => {
    const onExport = vi.fn();
    render(ExportMenu, { exporting: false, testids: menuIds, onExport });
    expect(screen.getByTestId('export-button')).toHaveTextContent('Export');
    expect(screen.queryByTestId('export-menu')).toBeNull();

    await fireEvent.click(screen.getByTestId('export-button'));
    expect(await screen.findByTestId('export-menu')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('export-json'));
    expect(onExport).toHaveBeenLastCalledWith('json');

    await fireEvent.click(screen.getByTestId('export-button'));
    await fireEvent.click(await screen.findByTestId('export-csv'));
    expect(onExport).toHaveBeenLastCalledWith('csv');
  });

  it('split: exports CSV at once and offers both formats behind the chevron', async () => {
    const onExport = vi.fn();
    render(ExportMenu, { exporting: false, split: true, testids: splitIds, onExport });
    await fireEvent.click(screen.getByTestId('export-csv'));
    expect(onExport).toHaveBeenCalledWith('csv');
    expect(screen.queryByTestId('export-menu')).toBeNull();

    const chevron = screen.getByTestId('export-menu-button');
    expect(chevron).toHaveAttribute('aria-label', 'More export formats');
    await fireEvent.click(chevron);
    expect(await screen.findByTestId('export-menu-csv')).toHaveTextContent('Export as CSV');
    await fireEvent.click(screen.getByTestId('export-menu-json'));
    expect(onExport).toHaveBeenLastCalledWith('json');
  });

  it('is disabled while an export runs', () => {
    render(ExportMenu, { exporting: true, split: true, testids: splitIds, onExport: vi.fn() });
    expect(screen.getByTestId('export-csv')).toBeDisabled();
    expect(screen.getByTestId('export-menu-button')).toBeDisabled();
  });

  it('disables the single Export button while an export runs', () => {
    render(ExportMenu, { exporting: true, testids: menuIds, onExport: vi.fn() });
    expect(screen.getByTestId('export-button')).toBeDisabled();
  });
});
