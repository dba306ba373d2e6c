import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import ConnectOrPreview from './ConnectOrPreview.svelte';

const props = {
  title: 'No live data yet',
  body: 'Connect a source <b>now</b>.',
  testid: 'health-no-live-data',
  connectLabel: 'Connect a source',
  connectTestid: 'health-connect-source',
  previewTestid: 'health-preview-demo',
};

describe('ConnectOrPreview', () => {
  it('says what is missing and offers both ways out', async () => {
    const onConnect = vi.fn();
    const onPreviewDemo = vi.fn();
    render(ConnectOrPreview, { ...props, onConnect, onPreviewDemo });
    const box = screen.getByTestId('health-no-live-data');
    expect(box).toHaveTextContent('No live data yet');
    expect(box).toHaveTextContent('Connect a source <b>now</b>.'); // text, not markup
    expect(box.querySelector('b')).toBeNull();
    await fireEvent.click(screen.getByTestId('health-connect-source'));
    expect(onConnect).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByTestId('health-preview-demo'));
    expect(onPreviewDemo).toHaveBeenCalledTimes(1);
  });

  it('holds the demo button while the switch runs', () => {
    render(ConnectOrPreview, { ...props, busy: true, onConnect: vi.fn(), onPreviewDemo: vi.fn() });
    expect(screen.getByTestId('health-preview-demo')).toBeDisabled();
    expect(screen.getByTestId('health-connect-source')).toBeEnabled();
  });
});
