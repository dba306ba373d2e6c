// Test-only: Convert DTOs in the fixed backend shapes.
import type {
  CandidateDTO,
  ConvertListDTO,
  ConvertRowDTO,
  ConvertSettingsDTO,
  ConvertSettingsValues,
  ConvertSummaryDTO,
} from '../api/convert';
import type { app } from '../../../wailsjs/go/models';

export const meta = (readiness = 'ready', mode = 'live'): app.MetaDTO => ({
  mode,
  readiness,
  lastSyncedAt: '',
  lastUpdatedAt: '',
});

const usd = (major: number) => ({ amountMinor: Math.round(major * 100), currency: 'USD' });

export function row(over: Partial<ConvertRowDTO> = {}): ConvertRowDTO {
  return {
    key: 'rs:1',
    accountId: 1,
    company: 'Hooli',
    domain: 'hooli.com',
    source: 'stripe',
    status: 'trialing',
    product: 'Growth',
    score: 82,
    likelihood: 'high',
    trialEnd: '2026-12-01T00:00:00Z',
    trialDaysRemaining: 5,
    estimatedValue: usd(24_000),
    estimatedValueBase: usd(24_000),
    factors: [],
    ...over,
  };
}

export function rows(): ConvertRowDTO[] {
  return [
    row({
      key: 'rs:9',
      accountId: 9,
      company: 'Pied Piper',
      domain: 'piedpiper.com',
      source: 'salesbricks',
      status: 'pending',
      score: 55,
      likelihood: 'medium',
      trialDaysRemaining: 0,
      estimatedValue: usd(12_000),
      estimatedValueBase: usd(12_000),
      routed: { routeId: 4, from: 'health', fromLabel: 'Health', reason: 'Adding seats fast', at: '2026-11-20T10:00:00Z' },
    }),
    row(),
    row({ key: 'rs:2', accountId: 2, company: 'Aviato', domain: 'aviato.com', score: 21, likelihood: 'low', trialDaysRemaining: -3 }),
    row({
      key: 'rs:3',
      accountId: 3,
      company: 'Raviga',
      domain: '',
      source: 'salesbricks',
      status: 'draft',
      score: 44,
      likelihood: 'medium',
      trialDaysRemaining: undefined,
      trialEnd: '',
    }),
  ];
}

export function listDTO(list: ConvertRowDTO[] = rows(), over: Partial<ConvertListDTO> = {}): ConvertListDTO {
  return { meta: meta(), rows: list, total: list.length, offset: 0, ...over };
}

export function summaryDTO(over: Partial<ConvertSummaryDTO> = {}): ConvertSummaryDTO {
  return {
    meta: meta(),
    total: 4,
    high: 1,
    medium: 2,
    low: 1,
    endingSoon: 2,
    urgencyDays: 14,
    estimatedValue: usd(84_000),
    fxNote: 'Converted to USD at ECB rates of Nov 25.',
    lastSyncedAt: '',
    ...over,
  };
}

export function values(over: Partial<ConvertSettingsValues> = {}): ConvertSettingsValues {
  return {
    includeSalesbricks: true,
    includeStripe: true,
    statuses: ['trialing', 'pending'],
    excludeDomains: ['gmail.com'],
    excludeFreeMail: true,
    excludePaying: true,
    minValueMinor: 0,
    urgencyDays: 7,
    highCutoff: 70,
    mediumCutoff: 40,
    ...over,
  };
}

export function settingsDTO(over: Partial<ConvertSettingsValues> = {}): ConvertSettingsDTO {
  return { meta: meta(), settings: values(over), defaults: values(), baseCurrency: 'EUR' };
}

export function candidateDTO(over: Partial<CandidateDTO> = {}): CandidateDTO {
  const r = row({
    factors: [
      { code: 'urgency_soon', category: 'urgency', label: 'Trial ends in 5 days with high usage', points: 10, detail: '', evidence: [] },
      { code: 'usage_high', category: 'usage', label: 'Strong weekly usage', points: 40, detail: '18 of 20 seats active last week', evidence: [] },
      { code: 'fit_plan', category: 'fit', label: 'Plan fits company size', points: 12, detail: '', evidence: [] },
      { code: 'signals_call', category: 'signals', label: 'Call booked', points: 15, detail: 'Demo call on Nov 24', evidence: [] },
      { code: 'usage_trend', category: 'usage', label: 'Usage dipped this week', points: -5, detail: '−12% week over week', evidence: [] },
      { code: 'seats_added', category: 'seats', label: 'Seats added during trial', points: 10, detail: '', evidence: [] },
    ],
  });
  return {
    meta: meta(),
    row: r,
    record: {
      id: 1,
      source: 'stripe',
      externalId: 'sub_123',
      product: 'Growth',
      status: 'trialing',
      interval: 'monthly',
      amount: usd(2_000),
      mrr: usd(2_000),
      arr: usd(24_000),
      seats: 20,
      termStart: '',
      termEnd: '',
      trialEnd: '2026-12-01T00:00:00Z',
      cancelAtPeriodEnd: false,
      billingState: 'trialing',
      uncounted: 'status',
      billedBy: '',
    },
    usage: [
      { weekStart: '2026-11-02T00:00:00Z', activeUsers: 6 },
      { weekStart: '2026-11-09T00:00:00Z', activeUsers: 14 },
      { weekStart: '2026-11-16T00:00:00Z', activeUsers: 18 },
    ],
    contacts: [{ name: 'Gavin Belson', email: 'gavin@hooli.com', title: 'CEO' }],
    nextStep: 'Book a pricing call before the trial ends on Dec 1.',
    ...over,
  };
}
