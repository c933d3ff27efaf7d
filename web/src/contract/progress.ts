// The progress chart's figures: the accepted share of the obligation on the term's first day, on each day a report was
// accepted and on the balance's day, beside the elapsed share of the term. A report counts from the day it was accepted
// (reviewedOn) — the step is drawn ON that day — and only reports still accepted count, as in the balance.
import type { components } from "../api/ledger";

type Balance = components["schemas"]["BalanceResponse"];
type Report = components["schemas"]["FulfilmentResponse"];

export interface ProgressPoint {
  /** yyyy-mm-dd */
  day: string;
  /** Days since the term's first day (negative before it). */
  x: number;
  /** Accepted value up to and including this day, in cents (whole numbers: no sum of doubles drifts). */
  acceptedCents: number;
  /** Accepted share of the obligation in percent, one decimal, rounded half away from zero like the API. */
  acceptedShare: number;
  /** Elapsed share of the term in percent, one decimal. */
  elapsedShare: number;
}

const cents = (euros: number) => Math.round(euros * 100);
const share = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
export const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The term's length in days, both ends included. */
export const termDays = (balance: Balance) => daysBetween(balance.startsOn, balance.endsOn) + 1;

/** Null when there is no obligation to measure against. */
export function progressPoints(balance: Balance, reports: readonly Report[]): ProgressPoint[] | null {
  const obligation = cents(balance.obligation);
  if (!balance.obligationApplies || obligation === 0) return null;
  const term = termDays(balance);
  const accepted = reports.filter((r) => r.status === "accepted" && r.reviewedOn);
  const days = [...new Set([balance.startsOn, ...accepted.map((r) => r.reviewedOn!), balance.asOf])].sort();
  return days.map((day) => {
    const value = accepted.filter((r) => r.reviewedOn! <= day).reduce((total, r) => total + cents(r.value), 0);
    const elapsed = Math.min(Math.max(daysBetween(balance.startsOn, day), 0), term);
    return { day, x: daysBetween(balance.startsOn, day), acceptedCents: value, acceptedShare: share(value, obligation), elapsedShare: share(elapsed, term) };
  });
}
