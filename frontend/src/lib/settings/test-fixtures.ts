// Test-only DTO fixtures for Settings → Integrations (imported by *.test.ts only).
import type { IntegrationDTO, IntegrationsDTO, SourceRowsDTO, SyncStateDTO } from '../api/settings';

export const NOW = new Date('2026-03-02T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

export const noRows: SourceRowsDTO = { accounts: 0, subscriptions: 0, invoices: 0, activities: 0, other: 0, total: 0 };
export const stripeRows: SourceRowsDTO = {
  accounts: 1000,
  subscriptions: 10_000,
  invoices: 1300,
  activities: 45,
  other: 0,
  total: 12_345,
};

export function syncFixture(over: Partial<SyncStateDTO> = {}): SyncStateDTO {
  return {
    status: 'idle',
    lastSuccessAt: at(-18),
    lastError: '',
    errorCount: 0,
    itemsSynced: 12_345,
    nextRunAt: at(12),
    ...over,
  };
}

export function stripe(over: Partial<IntegrationDTO> = {}): IntegrationDTO {
  return {
    source: 'stripe',
    label: 'Stripe',
    powers: 'Subscriptions for Contracts, trial detection for Convert and payment-state factors in Health.',
    sections: ['Health', 'Convert', 'Contracts'],
    built: true,
    planned: '',
    tokenLabel: 'Secret or restricted key',
    fields: [],
    tokenHelp: 'Stripe Dashboard → Developers → API keys.',
    baseUrl: '',
    status: 'connected',
    account: 'Pied Piper, Inc.',
    keyKind: 'restricted key',
    keyMode: 'test',
    connectedAt: at(-3 * 24 * 60),
    sync: syncFixture(),
    rows: stripeRows,
    ...over,
  };
}

export function availableStripe(): IntegrationDTO {
  return stripe({ status: 'available', account: '', keyKind: '', keyMode: '', connectedAt: '', sync: undefined, rows: noRows });
}

export function posthog(): IntegrationDTO {
  return {
    source: 'posthog',
    label: 'PostHog',
    powers: 'Adoption in Health (active users and the weekly trend) and usage context in Convert.',
    sections: ['Health', 'Convert'],
    built: false,
    planned: 'PostHog syncing arrives with Health on live data.',
    tokenLabel: 'Personal API key',
    fields: [
      {
        key: 'host',
        label: 'PostHog host',
        help: 'US cloud, EU cloud, or your self-hosted PostHog address.',
        placeholder: 'https://us.posthog.com',
        choices: [
          { value: 'https://us.posthog.com', label: 'US cloud' },
          { value: 'https://eu.posthog.com', label: 'EU cloud' },
        ],
        value: '',
      },
    ],
    tokenHelp: 'PostHog → Settings → Personal API keys.',
    baseUrl: '',
    status: 'missing',
    account: '',
    keyKind: '',
    keyMode: '',
    connectedAt: '',
    sync: undefined,
    rows: noRows,
  };
}

export function pageFixture(over: Partial<IntegrationsDTO> = {}): IntegrationsDTO {
  return {
    mode: 'demo',
    running: false,
    intervalMinutes: 30,
    integrations: [availableStripe(), posthog()],
    sections: [{ section: 'health', label: 'Health', readiness: 'not_connected', needs: ['Salesbricks', 'Stripe'] }],
    anyConnected: false,
    ...over,
  };
}
