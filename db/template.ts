import "server-only";
import { monthOfDate } from "@/lib/periods";
import type { TemplateInput, TemplateLayout } from "@/lib/sheet/template";
import { listUnitIndicators, toDefinition } from "./catalog";
import type { Queryable } from "./client";
import { storedLookup } from "./import-figures";
import { getHomeOrganization } from "./organizations";
import type { Organization } from "./schema";

/** The import template's content for a year: the unit's live catalog (the home unit by default) and what it has stored for that year. */
export function loadTemplateInput(db: Queryable, year: number, layout: TemplateLayout, today: Date, unit?: Organization): TemplateInput {
  const organization = unit ?? getHomeOrganization(db);
  return {
    year,
    layout,
    organization: organization.name,
    catalog: listUnitIndicators(db, organization).map(toDefinition),
    stored: storedLookup(db, organization.id).figures,
    today,
  };
}

/** The year a template is asked for: `YYYY` from 2000 to this year; this year when none is given. */
export function templateYear(param: string | null, today: Date): { ok: true; year: number } | { ok: false; message: string } {
  const thisYear = Number(monthOfDate(today).slice(0, 4));
  if (param === null || param.trim() === "") return { ok: true, year: thisYear };
  if (!/^\d{4}$/.test(param.trim())) return { ok: false, message: `year 应为四位年份，例如 ${thisYear}。` };
  const year = Number(param);
  if (year < 2000 || year > thisYear) return { ok: false, message: `只能下载 2000 年至 ${thisYear} 年的模板。` };
  return { ok: true, year };
}

/** `layout=wide` (the default: indicators as rows, months as columns) or `layout=long` (one row per figure). */
export function templateLayout(param: string | null): { ok: true; layout: TemplateLayout } | { ok: false; message: string } {
  const value = param?.trim() || "wide";
  if (value === "wide" || value === "long") return { ok: true, layout: value };
  return { ok: false, message: "layout 应为 wide（指标为行、月份为列）或 long（每行一个数）。" };
}
