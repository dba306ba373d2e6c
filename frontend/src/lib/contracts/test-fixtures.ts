// Test-only fixtures for the Contracts page.
import type {
  ContractDetailDTO,
  ContractRowDTO,
  ContractsListDTO,
  ContractsQuery,
  ContractsSummaryDTO,
} from '../api/contracts';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

export function meta(readiness = 'demo', mode = 'demo') {
  return { mode, readiness, lastSyncedAt: '', lastUpdatedAt: '' };
}

export function contractRow(i: number, patch: Partial<ContractRowDTO> = {}): ContractRowDTO {
  return {
    key: `rs:${i + 1}`,
    accountId: i + 1,
    customer: `Customer ${i}`,
    domain: `c${i}.com`,
    email: `billing@c${i}.com`,
    accountRows: 1,
    product: 'Growth plan',
    status: 'active',
    source: 'stripe',
    amount: usd(1_200_00),
    mrr: usd(1_200_00),
    arr: usd(14_400_00),
    interval: 'monthly',
    renewalAt: '2026-03-03T00:00:00Z',
    daysToRenewal: 12,
    trialEnd: '',
    cancelAtEnd: false,
    paymentStatus: 'paid',
    mismatches: [],
    ...patch,
  };
}

/** listPage answers a List query with rows from make (or generated rows). */
export function listPage(q: ContractsQuery, total: number, make: (i: number) => ContractRowDTO = contractRow, readiness = 'demo'): ContractsListDTO {
  const limit = q.limit || 100;
  const count = Math.max(0, Math.min(limit, total - q.offset));
  return { meta: meta(readiness), rows: Array.from({ length: count }, (_, k) => make(q.offset + k)), total, offset: q.offset };
}

export function summaryFixture(patch: Partial<ContractsSummaryDTO> = {}): ContractsSummaryDTO {
  return {
    meta: meta(),
    total: 42,
    salesbricks: 20,
    stripe: 30,
    merged: 8,
    active: 31,
    trialing: 4,
    pastDue: 3,
    expiring30: 6,
    canceled: 5,
    expired: 2,
    pending: 3,
    draft: 1,
    mismatched: 7,
    activeMrr: usd(48_250_00),
    activeArr: usd(579_000_00),
    byCurrency: [
      { currency: 'USD', contracts: 25, mrr: usd(40_000_00), arr: usd(480_000_00) },
      { currency: 'EUR', contracts: 6, mrr: { amountMinor: 7_640_00, currency: 'EUR' }, arr: { amountMinor: 91_680_00, currency: 'EUR' } },
    ],
    fxNote: 'Totals in USD at 1 EUR = 1.08 USD (ECB, Jan 2, 2026).',
    ...patch,
  };
}

export function detailFixture(row: ContractRowDTO, patch: Partial<ContractDetailDTO> = {}): ContractDetailDTO {
  return {
    meta: meta(),
    row,
    records: [
      {
        id: 1,
        source: 'stripe',
        externalId: 'sub_123',
        product: row.product,
        status: row.status,
        interval: row.interval,
        amount: row.amount,
        mrr: row.mrr,
        arr: row.arr,
        seats: 10,
        termStart: '2025-03-03T00:00:00Z',
        termEnd: row.renewalAt,
        trialEnd: '',
        cancelAtPeriodEnd: false,
        billingState: 'paid',
        uncounted: row.status === 'active' || row.status === 'past_due' ? '' : 'status',
        billedBy: '',
      },
    ],
    history: [
      { at: '2025-03-03T00:00:00Z', kind: 'term', source: 'stripe', title: 'Term started', detail: 'Growth plan, monthly' },
    ],
    invoices: [
      {
        externalId: 'in_1',
        status: 'failed',
        amountDue: usd(1_200_00),
        amountPaid: usd(0),
        issuedAt: '2026-02-01T00:00:00Z',
        dueAt: '2026-02-15T00:00:00Z',
        paidAt: '',
        attempts: 2,
        nextAttemptAt: '2026-02-20T00:00:00Z',
        failureReason: 'Card declined',
        pastDue: true,
      },
      {
        externalId: 'in_0',
        status: 'paid',
        amountDue: usd(1_200_00),
        amountPaid: usd(1_200_00),
        issuedAt: '2026-01-01T00:00:00Z',
        dueAt: '2026-01-15T00:00:00Z',
        paidAt: '2026-01-02T00:00:00Z',
        attempts: 1,
        nextAttemptAt: '',
        failureReason: '',
        pastDue: false,
      },
    ],
    retries: [
      { invoiceId: 'in_1', attempt: 1, at: '2026-02-15T00:00:00Z', outcome: 'failed', reason: 'Card declined' },
      { invoiceId: 'in_1', attempt: 2, at: '2026-02-20T00:00:00Z', outcome: 'scheduled', reason: '' },
    ],
    linked: [],
    ...patch,
  };
}
