import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import '../customer/test-setup';
import { ApiError } from '../api/core';

vi.mock('../api/settings', () => ({ sourceProperties: vi.fn(), setSourceOptions: vi.fn(), integrations: vi.fn() }));
vi.mock('../api/events', () => ({ onSyncProgress: vi.fn(), onSyncFinished: vi.fn(), onDataChanged: vi.fn() }));
vi.mock('../api/workspace', () => ({ workspaceInfo: vi.fn(() => new Promise(() => {})) }));

import { integrations, setSourceOptions, sourceProperties, type IntegrationDTO, type PropertiesDTO } from '../api/settings';
import { AppState } from '../state/app.svelte';
import { IntegrationsState } from '../state/integrations.svelte';
import { ToastState } from '../state/toasts.svelte';
import IntegrationCard from './IntegrationCard.svelte';
import PropertiesDialog from './PropertiesDialog.svelte';
import SettingsPage from './SettingsPage.svelte';
import { NOW, pageFixture, stripe } from './test-fixtures';
import { deferred } from '../testing/deferred';

function hubspot(over: Partial<IntegrationDTO> = {}): IntegrationDTO {
  return stripe({
    source: 'hubspot',
    label: 'HubSpot',
    powers: 'Companies, owners and deal stages for Convert and Health.',
    sections: ['Health', 'Convert'],
    tokenLabel: 'Private app access token',
    tokenHelp: 'HubSpot → Settings → Integrations → Private apps.',
    account: 'Hooli',
    keyKind: 'private app token',
    keyMode: '',
    fields: [
      {
        key: 'properties',
        label: 'Extra company properties',
        help: 'Comma-separated internal names.',
        placeholder: 'customer_tier, csm_owner',
        choices: [],
        value: 'customer_tier',
      },
    ],
    ...over,
  });
}

const list = (): PropertiesDTO => ({
  properties: [
    { name: 'customer_tier', label: 'Customer tier', group: 'companyinformation', custom: true },
    { name: 'csm_owner', label: 'CSM owner', group: 'companyinformation', custom: true },
    { name: 'industry', label: 'Industry', group: 'companyinformation', custom: false },
    { name: 'annualrevenue', label: 'Annual revenue', group: 'companyinformation', custom: false },
    { name: 'numberofemployees', label: 'Number of employees', group: 'companyinformation', custom: false },
  ],
  chosen: ['customer_tier'],
});

function setup(target: IntegrationDTO | null = hubspot()) {
  const toasts = new ToastState();
  const state = new IntegrationsState({ toasts, reloadDelay: 60_000 });
  state.data = pageFixture({ integrations: [stripe(), hubspot()], anyConnected: true });
  const onClose = vi.fn();
  render(PropertiesDialog, {
    props: {
      target,
      load: (s: string) => state.properties(s),
      onSave: (s: string, names: string[]) => state.setProperties(s, names),
      onClose,
    },
  });
  return { state, toasts, onClose };
}

const box = (name: string) => screen.getByTestId(`property-${name}`) as HTMLInputElement;

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(sourceProperties).mockResolvedValue(list());
});

describe('PropertiesDialog', () => {
  it('shows a skeleton, then the account’s own properties before the standard ones', async () => {
    const call = deferred<PropertiesDTO>();
    vi.mocked(sourceProperties).mockReturnValue(call.promise);
    setup();
    expect(await screen.findByRole('dialog', { name: 'Choose HubSpot properties' })).toBeInTheDocument();
    expect(sourceProperties).toHaveBeenCalledWith('hubspot');
    expect(screen.getByTestId('properties-loading')).toBeInTheDocument();
    expect(screen.getByTestId('properties-save')).toBeDisabled();

    call.resolve(list());
    const own = await screen.findByTestId('properties-group-custom');
    expect(screen.queryByTestId('properties-loading')).toBeNull();
    expect(own).toHaveAccessibleName('Your properties (2)');
    expect(within(own).getAllByRole('checkbox').map((c) => c.dataset.testid)).toEqual([
      'property-customer_tier',
      'property-csm_owner',
    ]);
    const std = screen.getByTestId('properties-group-standard');
    expect(std).toHaveAccessibleName('HubSpot properties (3)');
    expect(within(std).getAllByRole('checkbox')).toHaveLength(3);

    // the label, with the internal name beside it in muted monospace
    expect(box('industry')).toHaveAccessibleName('Industry industry');
    const name = within(std).getByText('annualrevenue');
    expect(name).toHaveClass('font-mono', 'text-slate-400');
  });

  it('pre-checks the chosen properties and counts them', async () => {
    setup();
    await screen.findByTestId('properties-group-custom');
    expect(box('customer_tier')).toBeChecked();
    expect(box('csm_owner')).not.toBeChecked();
    expect(box('industry')).not.toBeChecked();
    expect(screen.getByTestId('properties-count')).toHaveTextContent('1 property chosen');
    expect(screen.getByTestId('properties-save')).toBeDisabled(); // nothing changed yet

    await fireEvent.click(box('industry'));
    expect(screen.getByTestId('properties-count')).toHaveTextContent('2 properties chosen');
    expect(screen.getByTestId('properties-save')).toBeEnabled();
  });

  it('narrows the list by label or internal name, keeping what is chosen', async () => {
    setup();
    await screen.findByTestId('properties-group-custom');
    const filter = screen.getByTestId('properties-filter');

    await fireEvent.input(filter, { target: { value: 'REVENUE' } });
    expect(screen.queryByTestId('property-industry')).toBeNull();
    expect(box('annualrevenue')).toBeInTheDocument();
    expect(screen.queryByTestId('properties-group-custom')).toBeNull();
    expect(screen.getByTestId('properties-count')).toHaveTextContent('1 property chosen · showing 1 of 5');

    await fireEvent.input(filter, { target: { value: 'csm_' } });
    expect(box('csm_owner')).toBeInTheDocument();
    expect(screen.queryByTestId('property-annualrevenue')).toBeNull();

    await fireEvent.input(filter, { target: { value: 'zzz' } });
    expect(screen.getByTestId('properties-none')).toHaveTextContent('No properties match “zzz”.');

    await fireEvent.input(filter, { target: { value: '' } });
    expect(box('customer_tier')).toBeChecked();
    expect(screen.getAllByRole('checkbox')).toHaveLength(5);
  });

  it('saves the chosen internal names comma-joined, updates the card and says what changes', async () => {
    const { state, toasts, onClose } = setup();
    await screen.findByTestId('properties-group-custom');
    await fireEvent.click(box('csm_owner'));
    await fireEvent.click(box('annualrevenue'));
    await fireEvent.click(box('customer_tier')); // unchecked

    const saved = hubspot({
      fields: [{ ...hubspot().fields[0], value: 'csm_owner,annualrevenue' }],
    });
    const call = deferred<IntegrationDTO>();
    vi.mocked(setSourceOptions).mockReturnValue(call.promise);
    await fireEvent.click(screen.getByTestId('properties-save'));

    expect(setSourceOptions).toHaveBeenCalledWith('hubspot', { properties: 'csm_owner,annualrevenue' });
    expect(screen.getByTestId('properties-save')).toHaveTextContent('Saving…');
    expect(screen.getByTestId('properties-save')).toBeDisabled();
    expect(screen.getByTestId('properties-cancel')).toBeDisabled();
    expect(box('industry')).toBeDisabled();

    call.resolve(saved);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(state.integration('hubspot')?.fields[0].value).toBe('csm_owner,annualrevenue');
    expect(state.integration('stripe')).toEqual(stripe());
    expect(toasts.items[0]).toMatchObject({
      message: 'HubSpot will show 2 properties from the next sync.',
      tone: 'success',
    });
  });

  it('shows a refused save inline and stays open with the choice kept', async () => {
    const { onClose, toasts } = setup();
    await screen.findByTestId('properties-group-custom');
    await fireEvent.click(box('industry'));
    vi.mocked(setSourceOptions).mockRejectedValue(new ApiError('not_connected', 'Connect HubSpot first.'));
    await fireEvent.click(screen.getByTestId('properties-save'));

    const err = await screen.findByTestId('properties-save-error');
    expect(err).toHaveTextContent('Connect HubSpot first.');
    expect(err).toHaveAttribute('role', 'alert');
    expect(screen.getByTestId('properties-dialog')).toBeInTheDocument();
    expect(box('industry')).toBeChecked();
    expect(box('industry')).toBeEnabled();
    expect(screen.getByTestId('properties-save')).toHaveTextContent('Save');
    expect(onClose).not.toHaveBeenCalled();
    expect(toasts.items).toEqual([]);
  });

  it('shows why the list could not be read, and reads it again on Retry', async () => {
    vi.mocked(sourceProperties).mockRejectedValueOnce(
      new ApiError('unavailable', 'HubSpot did not answer. Check the connection.'),
    );
    setup();
    const err = await screen.findByTestId('properties-error');
    expect(err).toHaveTextContent('HubSpot did not answer. Check the connection.');
    expect(err).toHaveAttribute('role', 'alert');
    expect(screen.getByTestId('properties-save')).toBeDisabled();

    await fireEvent.click(screen.getByTestId('properties-retry'));
    expect(await screen.findByTestId('property-customer_tier')).toBeChecked();
    expect(screen.queryByTestId('properties-error')).toBeNull();
    expect(sourceProperties).toHaveBeenCalledTimes(2);
  });

  it('shows labels from the source as plain text', async () => {
    vi.mocked(sourceProperties).mockResolvedValue({
      properties: [{ name: 'evil', label: '<img src=x onerror="alert(1)">Tier', group: '', custom: true }],
      chosen: [],
    });
    setup();
    const b = await screen.findByTestId('property-evil');
    expect(b.closest('label')).toHaveTextContent('<img src=x onerror="alert(1)">Tier');
    expect(screen.getByTestId('properties-dialog').querySelector('img')).toBeNull();
  });

  it('keeps a chosen property the source no longer offers, so it can be unchecked', async () => {
    vi.mocked(sourceProperties).mockResolvedValue({ ...list(), chosen: ['old_field', 'customer_tier'] });
    setup();
    const old = await screen.findByTestId('property-old_field');
    expect(old).toBeChecked();
    expect(old.closest('label')).toHaveTextContent('no longer in HubSpot');
    await fireEvent.click(old);
    vi.mocked(setSourceOptions).mockReturnValue(new Promise(() => {}));
    await fireEvent.click(screen.getByTestId('properties-save'));
    expect(setSourceOptions).toHaveBeenCalledWith('hubspot', { properties: 'customer_tier' });
  });

  it('loads nothing while closed', () => {
    setup(null);
    expect(screen.queryByTestId('properties-dialog')).toBeNull();
    expect(sourceProperties).not.toHaveBeenCalled();
  });
});

describe('IntegrationCard: Choose properties…', () => {
  it('offers the choice on a connected HubSpot card', async () => {
    const onChooseProperties = vi.fn();
    render(IntegrationCard, { integration: hubspot(), now: NOW, onChooseProperties });
    const btn = screen.getByTestId('choose-properties-hubspot');
    expect(btn.tagName).toBe('BUTTON');
    expect(btn).toHaveAttribute('type', 'button');
    expect(btn).toHaveAccessibleName('Choose properties… for HubSpot');
    btn.focus();
    expect(document.activeElement).toBe(btn);
    await fireEvent.click(btn);
    expect(onChooseProperties).toHaveBeenCalledTimes(1);
  });

  it('is not offered before HubSpot is connected', () => {
    render(IntegrationCard, {
      integration: hubspot({ status: 'available', account: '', keyKind: '', connectedAt: '', sync: undefined }),
      now: NOW,
    });
    expect(screen.getByTestId('connect-hubspot')).toBeInTheDocument();
    expect(screen.queryByTestId('choose-properties-hubspot')).toBeNull();
  });

  it('is not offered for sources without properties to choose', () => {
    render(IntegrationCard, { integration: stripe(), now: NOW });
    expect(screen.getByTestId('sync-now-stripe')).toBeInTheDocument();
    expect(screen.queryByTestId('choose-properties-stripe')).toBeNull();
  });
});

describe('SettingsPage: choosing HubSpot properties', () => {
  it('opens the dialog from the HubSpot card and closes it after saving', async () => {
    vi.mocked(integrations).mockResolvedValue(pageFixture({ integrations: [stripe(), hubspot()], anyConnected: true }));
    vi.mocked(setSourceOptions).mockResolvedValue(hubspot());
    const app = new AppState();
    render(SettingsPage, { context: new Map([[Symbol.for('success-desk.app'), app]]) });
    await fireEvent.click(await screen.findByTestId('choose-properties-hubspot'));
    expect(await screen.findByRole('dialog', { name: 'Choose HubSpot properties' })).toBeInTheDocument();
    expect(sourceProperties).toHaveBeenCalledWith('hubspot');
    await fireEvent.click(await screen.findByTestId('property-industry'));
    await fireEvent.click(screen.getByTestId('properties-save'));
    expect(setSourceOptions).toHaveBeenCalledWith('hubspot', { properties: 'customer_tier,industry' });
    await waitFor(() => expect(screen.queryByTestId('properties-dialog')).toBeNull());
  });
});
