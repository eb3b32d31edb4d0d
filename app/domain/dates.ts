/**
 * Calendar-day arithmetic. Agreement dates are calendar days stored as UTC
 * midnight; every function here works in UTC so the server and the browser
 * agree on the day whatever their time zones.
 */
import { addDays, differenceInCalendarDays } from "date-fns";

/** Today as UTC midnight. */
export function utcToday(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Parses YYYY-MM-DD as UTC midnight; undefined for anything else, including impossible days. */
export function parseDay(value: string | null | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? undefined : d;
}

export function toDay(date: Date | string): string {
  return (typeof date === "string" ? new Date(date) : date).toISOString().slice(0, 10);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "3 Mar 2027" (the UTC calendar day, identical on server and browser); empty for no date. */
export function formatDay(value: Date | string | null | undefined): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function daysBetween(from: Date, to: Date): number {
  return differenceInCalendarDays(utcDate(to), utcDate(from));
}

// date-fns works in local time; shifting by the offset keeps UTC calendar days intact.
function utcDate(d: Date): Date {
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

export function addDaysUtc(date: Date, days: number): Date {
  const local = addDays(utcDate(date), days);
  return new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
}
