"use server";

import { currentTime } from "@/lib/clock";
import { isYear } from "@/lib/periods";
import { yearTotalRefusal } from "@/lib/year-entry";
import { listYearTotalIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { refusedForm } from "@/app/_lib/conflict-form";
import { actionUnit } from "@/app/_auth/scope";
import { guarded } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";
import type { EntryState } from "./entry-state";
import { refuseEntry, saveEntry } from "./save-entry";

/**
 * Save a past year's whole-year totals (flows known only for the year as a whole), stored against
 * the year "YYYY" and never spread over its months, through the same path and with the same checks
 * as a month's form. The 2023 baseline stays read-only (the save path refuses it).
 */
export const saveYearTotals = guarded(
  "figures:write",
  (refusal, [, formData]): EntryState => refusedForm(refusal.message, formData),
  async (user: SessionUser, _previous: EntryState, formData: FormData): Promise<EntryState> => {
    const year = String(formData.get("year") ?? "");
    if (!isYear(year)) return refuseEntry(formData, "年份无效，应为 2000–2100 年间的四位年份，例如 2025。");
    const notOver = yearTotalRefusal(Number(year), currentTime());
    if (notOver) return refuseEntry(formData, `${notOver}。本次未保存任何数据。`);
    const unit = actionUnit(user, formData);
    if (!unit.ok) return refuseEntry(formData, unit.message);
    // whole-year totals are the district's own (its baseline and earlier years); a town reports months
    if (unit.unit.kind !== "home") return refuseEntry(formData, "往年全年合计只由区科协填报，镇街按月填报。本次未保存任何数据。");
    const db = getDb();
    const organizationId = unit.unit.id;
    const indicators = listYearTotalIndicators(db, organizationId, Number(year));
    return saveEntry(user, formData, { organizationId, period: year, label: `${year}年全年合计`, indicators });
  },
);
