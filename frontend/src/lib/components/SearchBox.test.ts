import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import SearchBox from './SearchBox.svelte';

const props = (over = {}) => ({
  value: '',
  label: 'Search things',
  placeholder: 'Search name',
  testid: 'thing-search',
  onInput: vi.fn(),
  onClear: vi.fn(),
  ...over,
});

describe('SearchBox', () => {
  it('labels the field and reports what is typed', async () => {
    const p = props({ title: 'By name or domain', width: 'w-[320px]' });
    render(SearchBox, p);
    const input = screen.getByTestId('thing-search');
    expect(input).toHaveAttribute('aria-label', 'Search things');
    expect(input).toHaveAttribute('placeholder', 'Search name');
    expect(input).toHaveAttribute('title', 'By name or domain');
    expect(input.parentElement).toHaveClass('w-[320px]');
    expect(screen.getByText('/')).toBeInTheDocument();
    expect(screen.queryByLabelText('Clear search')).toBeNull();

    await fireEvent.input(input, { target: { value: 'hoo' } });
    expect(p.onInput).toHaveBeenCalledWith('hoo');
  });

  it('clears with the button or Esc while something is typed', async () => {
    const p = props({ value: 'hoo' });
    render(SearchBox, p);
    expect(screen.queryByText('/')).toBeNull();
    await fireEvent.click(screen.getByLabelText('Clear search'));
    expect(p.onClear).toHaveBeenCalledTimes(1);
    await fireEvent.keyDown(screen.getByTestId('thing-search'), { key: 'Escape' });
    expect(p.onClear).toHaveBeenCalledTimes(2);
  });

  it('leaves the empty field on Esc', async () => {
    const p = props();
    render(SearchBox, p);
    const input = screen.getByTestId('thing-search');
    input.focus();
    expect(document.activeElement).toBe(input);
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(document.activeElement).not.toBe(input);
    expect(p.onClear).not.toHaveBeenCalled();
  });
});
