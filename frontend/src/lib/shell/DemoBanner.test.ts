import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import DemoBanner from './DemoBanner.svelte';

describe('DemoBanner', () => {
  it('offers to connect data while no source is connected', async () => {
    const onConnect = vi.fn();
    render(DemoBanner, { anyConnected: false, onConnect, onUseLive: vi.fn() });
    expect(screen.getByTestId('demo-banner')).toHaveTextContent('Demo data — you are exploring the Pied Piper sample book');
    expect(screen.queryByTestId('demo-use-live')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Connect your data' }));
    expect(onConnect).toHaveBeenCalled();
  });

  it('offers the live book once a source is connected', async () => {
    const onUseLive = vi.fn();
    render(DemoBanner, { anyConnected: true, onConnect: vi.fn(), onUseLive });
    expect(screen.queryByTestId('demo-connect')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Use live data' }));
    expect(onUseLive).toHaveBeenCalled();
  });
});
