"use server";

import { currentTime } from "@/lib/clock";
import { monthSchema } from "@/lib/entry-schema";
import { formatMonth, isFutureMonth } from "@/lib/periods";
import { listMonthIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { refusedForm } from "@/app/_lib/conflict-form";
import { guarded } from "@/app/_auth/guard";
import { actionUnit } from "@/app/_auth/scope";
import type { SessionUser } from "@/app/_auth/session";
import type { EntryState } from "./entry-state";
import { refuseEntry, saveEntry } from "./save-entry";

/**
 * Save one month's figures, as the month's form asks for them (the indicators in force that month):
 * only the fields the user changed, all or nothing, with a revision (and its author) for each
 * changed figure; nothing at all when someone else changed one of them first.
 */
export const saveMonth = guarded(
  "figures:write",
  (refusal, [, formData]): EntryState => refusedForm(refusal.message, formData),
  async (user: SessionUser, _previous: EntryState, formData: FormData): Promise<EntryState> => {
    const parsedMonth = monthSchema.safeParse(String(formData.get("month") ?? ""));
    if (!parsedMonth.success) return refuseEntry(formData, "月份无效，应为 YYYY-MM。");
    const month = parsedMonth.data;
    if (isFutureMonth(month, currentTime())) return refuseEntry(formData, `${formatMonth(month)}尚未到来，不能填报未来月份的数据。`);
    const unit = actionUnit(user, formData);
    if (!unit.ok) return refuseEntry(formData, unit.message);
    const db = getDb();
    const organizationId = unit.unit.id;
    // a town's form asks only for the indicators chosen for towns: any other field it posts is ignored
    const indicators = listMonthIndicators(db, organizationId, month);
    const label = `${unit.unit.kind === "home" ? "" : unit.unit.name}${formatMonth(month)}`;
    return saveEntry(user, formData, { organizationId, period: month, label, indicators });
  },
);
