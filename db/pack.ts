import { currentTime } from "@/lib/clock";
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { buildPack, type Pack } from "@/lib/pack/model";
import { buildMonthReport, type MonthReport } from "@/lib/pack/month-report";
import { monthOfDate, monthsOfQuarter, type Month, type Quarter } from "@/lib/periods";
import type { Queryable } from "./client";
import { listCatalogOfUnit } from "./catalog";
import { listComments } from "./comments";
import { loadFigureWindow, periodFigures, type FigureWindow } from "./dashboard";
import { listMonthStandings, standingLookup } from "./month-review";
import { getStatusBands } from "./settings";
import { listTargets } from "./targets";
import { monthEvents, organizations, periodLocks, users } from "./schema";

function organizationNames(db: Queryable, organizationId: number): { name: string; shortName: string } {
  const row = db.select({ name: organizations.name, shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, organizationId)).get();
  if (!row) throw new Error(`没有这个单位：${organizationId}`);
  return row;
}

/** Who submitted the months (the last submission of each) and who approved those now approved. */
export function listSignatories(db: Queryable, organizationId: number, months: readonly Month[]): { preparedBy: string[]; reviewedBy: string[] } {
  if (months.length === 0) return { preparedBy: [], reviewedBy: [] };
  const submissions = db
    .select({ month: monthEvents.month, name: users.name })
    .from(monthEvents)
    .leftJoin(users, eq(users.id, monthEvents.userId))
    .where(and(eq(monthEvents.organizationId, organizationId), inArray(monthEvents.month, [...months]), eq(monthEvents.action, "submit")))
    .orderBy(asc(monthEvents.id))
    .all();
  const lastSubmitter = new Map<string, string>();
  for (const row of submissions) if (row.name) lastSubmitter.set(row.month, row.name);
  const approvals = db
    .select({ name: users.name })
    .from(periodLocks)
    .leftJoin(users, eq(users.id, periodLocks.lockedBy))
    .where(and(eq(periodLocks.organizationId, organizationId), inArray(periodLocks.month, [...months])))
    .orderBy(asc(periodLocks.month))
    .all();
  return {
    preparedBy: [...new Set(months.flatMap((month) => lastSubmitter.get(month) ?? []))],
    reviewedBy: [...new Set(approvals.flatMap((row) => row.name ?? []))],
  };
}

function isDemoIn(window: FigureWindow) {
  return (key: string, month: Month) => window.demo.has(`${key}|${month}`);
}

/** Everything the quarter's pack is built from, read once, and the pack. */
export function loadPack(db: Queryable, input: { organizationId: number; quarter: Quarter; now?: Date }): Pack {
  const now = input.now ?? currentTime();
  const months = monthsOfQuarter(input.quarter);
  const last = months[2] ?? months[0];
  if (!last) throw new Error(`季度无效：${input.quarter}`);
  const window = loadFigureWindow(db, input.organizationId, last);
  const standings = standingLookup(listMonthStandings(db, input.organizationId, months[0] ?? last, last, now));
  return buildPack({
    quarter: input.quarter,
    catalog: listCatalogOfUnit(db, input.organizationId),
    seriesByKey: window.seriesByKey,
    figuresOf: (month) => periodFigures(window, month),
    targets: listTargets(db, input.organizationId),
    bands: getStatusBands(db),
    today: monthOfDate(now),
    organization: organizationNames(db, input.organizationId),
    comments: listComments(db, input.organizationId, input.quarter),
    monthStanding: standings,
    signatories: listSignatories(db, input.organizationId, months),
    isDemo: isDemoIn(window),
    generatedAt: now,
  });
}

/** A month's report: the drafted brief, the saved one, the month's table and lists. */
export function loadMonthReport(db: Queryable, input: { organizationId: number; month: Month; now?: Date }): MonthReport {
  const now = input.now ?? currentTime();
  const window = loadFigureWindow(db, input.organizationId, input.month);
  const standings = standingLookup(listMonthStandings(db, input.organizationId, input.month, input.month, now));
  const saved = listComments(db, input.organizationId, input.month).find((comment) => comment.topic === "overall" && comment.indicatorKey === "")?.body ?? null;
  return buildMonthReport({
    month: input.month,
    today: monthOfDate(now),
    shortName: organizationNames(db, input.organizationId).shortName,
    catalog: listCatalogOfUnit(db, input.organizationId),
    seriesByKey: window.seriesByKey,
    rankedUnitsOf: (key, month) => periodFigures(window, month).get(key)?.rankedUnits ?? null,
    targets: listTargets(db, input.organizationId),
    bands: getStatusBands(db),
    organization: organizationNames(db, input.organizationId),
    saved,
    demo: (window.byPeriod.get(input.month) ?? []).some((figure) => figure.isDemo),
    monthStanding: standings,
    signatories: listSignatories(db, input.organizationId, [input.month]),
    generatedAt: now,
  });
}
