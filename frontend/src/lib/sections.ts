// The six primary sections of the Success workspace, in nav order.
import type { Component } from 'svelte';
import HeartPulse from '@lucide/svelte/icons/heart-pulse';
import ArrowRightLeft from '@lucide/svelte/icons/arrow-right-left';
import FileSignature from '@lucide/svelte/icons/file-signature';
import Filter from '@lucide/svelte/icons/filter';
import RotateCcw from '@lucide/svelte/icons/rotate-ccw';
import CircleCheck from '@lucide/svelte/icons/circle-check';

export type SectionId = 'health' | 'convert' | 'contracts' | 'pipeline' | 'reengage' | 'loop';

export interface SectionMeta {
  id: SectionId;
  /** URL segment under #/success/ */
  slug: string;
  label: string;
  /** short label for menus */
  short: string;
  purpose: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  icon: Component<any>;
}

export const sections: SectionMeta[] = [
  { id: 'health', slug: 'health', label: 'Health', short: 'Health', icon: HeartPulse,
    purpose: 'Risk and renewal triage: scores, risk factors, ARR exposure, renewal pressure and payment state.' },
  { id: 'convert', slug: 'convert', label: 'Convert', short: 'Convert', icon: ArrowRightLeft,
    purpose: 'Trial and prospect prioritisation: conversion likelihood, trial urgency and expected value.' },
  { id: 'contracts', slug: 'contracts', label: 'Contracts', short: 'Contracts', icon: FileSignature,
    purpose: 'Contract and subscription ledger: MRR, ARR, renewal dates, payment state and reconciliation.' },
  { id: 'pipeline', slug: 'pipeline', label: 'Pipeline', short: 'Pipeline', icon: Filter,
    purpose: 'Opportunity board and table with Health and Convert overlays.' },
  { id: 'reengage', slug: 're-engage', label: 'Re-engage', short: 'Re-engage', icon: RotateCcw,
    purpose: 'Closed-lost revival queue: lost deals, re-engagement scoring and account context.' },
  { id: 'loop', slug: 'close-the-loop', label: 'Releases / Close the Loop', short: 'Close the Loop', icon: CircleCheck,
    purpose: 'Match customer requests to shipped work and draft “we shipped this” follow-ups.' },
];

const byId = new Map(sections.map((s) => [s.id, s]));
const bySlug = new Map(sections.map((s) => [s.slug, s]));

export function sectionById(id: string): SectionMeta | undefined {
  return byId.get(id as SectionId);
}

export function sectionBySlug(slug: string): SectionMeta | undefined {
  return bySlug.get(slug);
}

export function isSectionId(id: string): id is SectionId {
  return byId.has(id as SectionId);
}

/** Sections an account can be routed to from `from`. */
export function routeTargets(from: SectionId): SectionMeta[] {
  return sections.filter((s) => s.id !== from);
}
