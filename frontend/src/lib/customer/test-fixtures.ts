// Test-only DTO fixtures for Customer Detail (imported by *.test.ts only).
import type { ActivityDTO, CustomerDTO, HistoryPointDTO } from './labels';

export const XSS_NAME = '<img src=x onerror=alert(1)><script>alert("pwned")</script> Holdings';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

export function customerFixture(over: Partial<CustomerDTO> = {}): CustomerDTO {
  // Go pointer fields arrive as null at runtime; the generated TS says optional.
  const nil = null as unknown as undefined;
  return {
    meta: { mode: 'demo', readiness: 'demo', lastSyncedAt: '', lastUpdatedAt: '2026-03-02T09:00:00Z' },
    account: {
      id: 7,
      domain: 'hooli.com',
      name: 'Hooli',
      primaryEmail: 'gavin@hooli.com',
      owner: 'Monica Hall',
      tracked: true,
      contacts: [
        { name: 'Gavin Belson', email: 'gavin@hooli.com', title: 'CEO' },
        { name: 'Denpok', email: 'denpok@hooli.com', title: 'Spiritual advisor' },
      ],
    },
    sourceBadge: 'merged',
    score: {
      score: 42,
      level: 'at_risk',
      computedAt: '2026-03-02T09:00:00Z',
      factors: [
        {
          code: 'past_due_invoice',
          category: 'payment',
          label: 'Past-due invoice',
          points: -18,
          detail: 'Invoice in_123 for $2,400 was due Feb 1, 2026, 29 days overdue.',
          evidence: [{ kind: 'invoice', ref: 'in_123', label: '$2,400 due Feb 1, 2026', at: '2026-02-01T00:00:00Z' }],
        },
        {
          code: 'usage_drop',
          category: 'adoption',
          label: 'Usage dropped',
          points: -12,
          detail: '12 active users vs 20.5 average.',
          evidence: [{ kind: 'usage', ref: 'Jan 5 – Feb 23', label: '12 active users vs 20.5 average', at: '2026-02-23T00:00:00Z' }],
        },
        { code: 'praise', category: 'signals', label: 'Recent praise', points: 3, detail: 'One praise signal.', evidence: [] },
      ],
      missing: [{ category: 'renewal', reason: 'No contract or subscription' }],
    },
    metrics: {
      activeUsers: 12,
      licensedUsers: 25,
      trendPct: -14.3,
      arr: usd(2_880_000),
      mrr: usd(240_000),
      lastActivityAt: '2026-03-01T10:00:00Z',
      lastSeenAt: '2026-03-02T08:00:00Z',
      renewalAt: '2026-05-01T00:00:00Z',
      daysToRenewal: 60,
      paymentStatus: 'past_due',
    },
    revenue: [
      {
        id: 1,
        source: 'salesbricks',
        externalId: 'SB-9',
        product: 'Pied Piper Enterprise',
        status: 'active',
        interval: 'annual',
        amount: usd(2_400_000),
        mrr: usd(200_000),
        arr: usd(2_400_000),
        seats: 25,
        termStart: '2025-05-01T00:00:00Z',
        termEnd: '2026-05-01T00:00:00Z',
        trialEnd: '',
        cancelAtPeriodEnd: false,
        billingState: 'active',
        uncounted: '',
        billedBy: '',
      },
      {
        id: 2,
        source: 'stripe',
        externalId: 'sub_42',
        product: 'Compression add-on',
        status: 'past_due',
        interval: 'monthly',
        amount: usd(40_000),
        mrr: usd(40_000),
        arr: usd(480_000),
        seats: 0,
        termStart: '2026-02-01T00:00:00Z',
        termEnd: '2026-03-01T00:00:00Z',
        trialEnd: '',
        cancelAtPeriodEnd: true,
        billingState: 'past_due',
        uncounted: '',
        billedBy: '',
      },
    ],
    invoices: [
      {
        externalId: 'in_123',
        status: 'failed',
        amountDue: usd(240_000),
        amountPaid: usd(0),
        issuedAt: '2026-01-25T00:00:00Z',
        dueAt: '2026-02-01T00:00:00Z',
        paidAt: '',
        attempts: 3,
        nextAttemptAt: '2026-03-04T00:00:00Z',
        failureReason: 'Your card was declined.',
        pastDue: true,
      },
    ],
    enrichment: [
      {
        source: 'hubspot',
        sourceLabel: 'HubSpot',
        industry: 'Technology',
        employees: 12000,
        location: 'Palo Alto, CA',
        custom: [{ name: 'Tier', value: 'Strategic' }],
        updatedAt: '2026-02-20T00:00:00Z',
      },
    ],
    usage: Array.from({ length: 12 }, (_, i) => ({
      weekStart: new Date(Date.UTC(2025, 11, 8 + i * 7)).toISOString(),
      activeUsers: 20 - i,
    })),
    deals: [
      {
        externalId: 'deal_1',
        name: 'Hooli expansion',
        source: 'attio',
        stage: 'Proposal',
        status: 'open',
        value: usd(1_200_000),
        owner: 'Monica Hall',
        closeDate: '2026-04-15T00:00:00Z',
        lostAt: '',
        lostReason: '',
      },
      {
        externalId: 'deal_2',
        name: 'Hooli XYZ',
        source: 'hubspot',
        stage: 'Negotiation',
        status: 'lost',
        value: usd(500_000),
        owner: 'Monica Hall',
        closeDate: '',
        lostAt: '2025-10-01T00:00:00Z',
        lostReason: 'Built it in-house',
      },
    ],
    route: nil,
    routeHistory: [],
    ...over,
  };
}

export function activityFixture(n: number, start = 0): ActivityDTO[] {
  const kinds = ['call', 'signal', 'payment', 'contract_change'];
  return Array.from({ length: n }, (_, i) => {
    const k = start + i;
    const kind = kinds[k % kinds.length];
    return {
      id: 1000 - k,
      kind,
      signal: kind === 'signal' ? 'feature_request' : '',
      source: kind === 'call' ? 'buildbetter' : 'stripe',
      occurredAt: new Date(Date.UTC(2026, 2, 1, 12) - k * 6 * 3600_000).toISOString(),
      title: `Event ${k}`,
      body: kind === 'call' ? `Summary of call ${k}` : '',
      actor: kind === 'call' ? 'Jared Dunn' : '',
      score: null as unknown as undefined,
    };
  });
}

export const historyFixture: HistoryPointDTO[] = [
  { at: '2026-02-01T09:00:00Z', score: 80, level: 'healthy', factors: [], changes: [] },
  {
    at: '2026-02-15T09:00:00Z',
    score: 62,
    level: 'at_risk',
    factors: [],
    changes: [{ code: 'usage_drop', label: 'Usage dropped', before: 0, after: -12 }],
  },
  {
    at: '2026-03-02T09:00:00Z',
    score: 42,
    level: 'at_risk',
    factors: [],
    changes: [
      { code: 'past_due_invoice', label: 'Past-due invoice', before: 0, after: -18 },
      { code: 'usage_drop', label: 'Usage dropped', before: -12, after: -14 },
      { code: 'praise', label: 'Recent praise', before: 3, after: 0 },
    ],
  },
];
