import { baseField, monthFormValues } from "@/lib/form-base";
import { isMonth } from "@/lib/periods";
import type { IndicatorDefinition } from "@/lib/catalog";
import { listMonthIndicators, listYearTotalIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getPeriodFigures } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { fileFingerprint } from "./database";

export function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** The app database file with its write-ahead log folded in, so that unchanged bytes mean unchanged data. */
export function fingerprint(): string {
  getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
  return fileFingerprint(process.env.DATABASE_PATH ?? "");
}

/** The monthly form as the page renders it now (the indicators in force that month): every field as stored, and what it shows as its base. */
export function loadEntryForm(month: string): Record<string, string> {
  if (!isMonth(month)) throw new Error(`not a month: ${month}`);
  const db = getDb();
  const organizationId = getHomeOrganization(db).id;
  return loadedForm({ month }, listMonthIndicators(db, organizationId, month), month);
}

/** A past year's form of whole-year totals as the page renders it now. */
export function loadYearTotalsForm(year: number): Record<string, string> {
  const db = getDb();
  const organizationId = getHomeOrganization(db).id;
  return loadedForm({ year: String(year) }, listYearTotalIndicators(db, organizationId, year), String(year));
}

function loadedForm(hidden: Record<string, string>, indicators: readonly IndicatorDefinition[], period: string): Record<string, string> {
  const db = getDb();
  const shown = monthFormValues(indicators, getPeriodFigures(db, getHomeOrganization(db).id, period));
  const fields: Record<string, string> = { ...hidden };
  for (const [name, value] of Object.entries(shown)) {
    fields[name] = value;
    fields[baseField(name)] = value;
  }
  return fields;
}

/** A loaded form posted with some fields typed over. */
export function typedInto(loaded: Record<string, string>, typed: Record<string, string>): FormData {
  return form({ ...loaded, ...typed });
}
