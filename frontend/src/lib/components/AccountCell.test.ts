import { describe, expect, it } from 'vitest';
import { createRawSnippet } from 'svelte';
import { render, screen } from '@testing-library/svelte';
import AccountCell from './AccountCell.svelte';

const detail = createRawSnippet(() => ({ render: () => '<span data-testid="detail">acme.com</span>' }));
const badges = createRawSnippet(() => ({ render: () => '<span data-testid="extra-badge">Untracked</span>' }));
const routed = { routeId: 4, from: 'health', fromLabel: 'Health', reason: '<img src=x onerror=alert(1)> renewal', at: '' };

describe('AccountCell', () => {
  it('shows the name as text with its test hooks, and the caller’s second line', () => {
    render(AccountCell, { name: '<b>Acme</b> & Co', domain: 'acme.com', nameAttrs: { 'data-testid': 'account-name' }, detail });
    const name = screen.getByTestId('account-name');
    expect(name.textContent).toBe('<b>Acme</b> & Co');
    expect(name.querySelector('b')).toBeNull();
    expect(name).toHaveAttribute('title', '<b>Acme</b> & Co');
    expect(screen.getByTestId('detail')).toHaveTextContent('acme.com');
    expect(screen.queryByTestId('routed-badge')).toBeNull();
    expect(screen.queryByTestId('routed-reason')).toBeNull();
  });

  it('says where a routed account came from and why, after the caller’s badges and detail', () => {
    const { container } = render(AccountCell, { name: 'Acme', routed, nameAttrs: { 'data-col': 'company' }, detail, badges });
    expect(container.querySelector('[data-col="company"]')).toHaveTextContent('Acme');
    const badge = screen.getByTestId('routed-badge');
    expect(badge).toHaveTextContent('Routed from Health');
    expect(badge).toHaveAttribute('title', 'Routed from Health — <img src=x onerror=alert(1)> renewal');
    // The extra badge follows the routed one on the first line.
    expect(badge.compareDocumentPosition(screen.getByTestId('extra-badge')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const reason = screen.getByTestId('routed-reason');
    expect(reason.textContent).toBe('<img src=x onerror=alert(1)> renewal');
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByTestId('detail').compareDocumentPosition(reason) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows the domain on the second line by default, "No domain" without one, and the caller’s detail instead', () => {
    const { unmount } = render(AccountCell, { name: 'Acme', domain: 'acme.com', domainTestid: 'account-domain' });
    expect(screen.getByTestId('account-domain').textContent).toBe('acme.com');
    unmount();
    const second = render(AccountCell, { name: 'Acme', domainTestid: 'account-domain' });
    expect(screen.getByTestId('account-domain').textContent).toBe('No domain');
    second.unmount();
    render(AccountCell, { name: 'Acme', domain: 'acme.com', domainTestid: 'account-domain', detail });
    expect(screen.getByTestId('detail')).toHaveTextContent('acme.com');
    expect(screen.queryByTestId('account-domain')).toBeNull();
  });

  it('leaves out the reason when the route has none', () => {
    render(AccountCell, { name: 'Acme', routed: { ...routed, reason: '' }, detail });
    expect(screen.getByTestId('routed-badge')).toHaveAttribute('title', 'Routed from Health');
    expect(screen.queryByTestId('routed-reason')).toBeNull();
  });
});
