// Package demo generates the deterministic "Pied Piper" sample book that demo
// mode runs on: Pied Piper's customers, with their contacts, Salesbricks
// contracts and Stripe subscriptions, invoices and payment retries, twelve
// weeks of PostHog usage, BuildBetter calls and signals, contract and payment
// events, Attio and Salesbricks deals, shipped releases and HubSpot enrichment.
//
// Generate builds a Book in memory from Options alone: the same Seed, Now and
// Size always give an identical Book. The package reads no clock (Now is a
// parameter), reads no environment and iterates no map to decide output order.
// Every account is drawn from its own random stream keyed by (Seed, index) and
// depends otherwise only on the accounts before it, so the first N accounts of
// a larger book equal a book of Size N.
//
// Each account is generated against an intended health tier (Book accounts
// carry it as Intended) so that the proposed health model (spec §11.1) scores
// roughly 10% critical, 20% at risk and 70% healthy. A fixed set of hard cases
// (see HardCases) sits in the first twenty accounts of every book.
//
// Write copies a Book into a store in a few large transactions. It refuses a
// store that already holds accounts, so it can never mix demo data into a live
// workspace; demo mode uses its own database file.
package demo
