import "server-only";
import { describeFilter, readFigureFilter, type FigureFilter } from "@/lib/export/filter";
import { listIndicators } from "./catalog";
import type { Queryable } from "./client";

/** A request's export filter, checked against every indicator ever in the catalog (retired ones included). */
export function exportFilter(db: Queryable, params: URLSearchParams): { ok: true; filter: FigureFilter; text: string } | { ok: false; message: string } {
  const indicators = listIndicators(db, { includeRetired: true });
  const read = readFigureFilter(params, new Set(indicators.map((indicator) => indicator.key)));
  if (!read.ok) return read;
  return { ok: true, filter: read.filter, text: describeFilter(read.filter, new Map(indicators.map((indicator) => [indicator.key, indicator.name]))) };
}
