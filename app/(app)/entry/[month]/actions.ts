"use server";

import { revalidatePath } from "next/cache";
import { entryFieldNames, figureFields, monthSchema, parseMonthlyEntry } from "@/lib/entry-schema";
import { formatMonth, isFutureMonth } from "@/lib/periods";
import { listIndicators, toDefinition } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getHomeOrganization } from "@/db/organizations";
import { closedMonthMessage, PeriodLockedError } from "@/db/period-locks";
import { saveFigures } from "@/db/save-figures";
import { textFields } from "@/app/_lib/form-data";
import { guarded } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";
import type { EntryState } from "./entry-state";

/** Save one month's figures: all or nothing, with a revision (and its author) for each changed figure. */
export const saveMonth = guarded(
  "figures:write",
  (refusal, [, formData]): EntryState => ({
    status: "refused",
    message: refusal.message,
    values: textFields(formData),
    fieldErrors: {},
  }),
  async (user: SessionUser, _previous: EntryState, formData: FormData): Promise<EntryState> => {
    const month = String(formData.get("month") ?? "");
    const db = getDb();
    const indicators = listIndicators(db).map(toDefinition);
    const values = textFields(formData, entryFieldNames(indicators));

    const parsedMonth = monthSchema.safeParse(month);
    if (!parsedMonth.success) {
      return { status: "refused", message: "月份无效，应为 YYYY-MM。", values, fieldErrors: {} };
    }
    if (isFutureMonth(parsedMonth.data, new Date())) {
      return {
        status: "refused",
        message: `${formatMonth(parsedMonth.data)}尚未到来，不能填报未来月份的数据。`,
        values,
        fieldErrors: {},
      };
    }

    const parsed = parseMonthlyEntry(indicators, values);
    if (!parsed.ok) {
      const count = Object.keys(parsed.fieldErrors).length;
      return {
        status: "invalid",
        message: `有 ${count} 项填写有误，请按提示修改。本次未保存任何数据。`,
        values,
        fieldErrors: parsed.fieldErrors,
      };
    }

    let changed;
    try {
      changed = saveFigures(db, {
        organizationId: getHomeOrganization(db).id,
        period: parsedMonth.data,
        figures: parsed.figures,
        source: "form",
        changedBy: user.id,
      });
    } catch (error) {
      if (!(error instanceof PeriodLockedError)) throw error;
      return {
        status: "refused",
        message: closedMonthMessage(error, formatMonth(parsedMonth.data)),
        values,
        fieldErrors: {},
      };
    }
    revalidatePath("/", "layout");

    const saved: Record<string, string> = { ...values };
    for (const indicator of indicators) {
      const figure = parsed.figures.get(indicator.key);
      if (figure) Object.assign(saved, figureFields(indicator, figure));
    }
    return {
      status: "saved",
      message:
        changed.length === 0
          ? "没有改动，未写入任何数据。"
          : `已保存${formatMonth(parsedMonth.data)}：更新 ${changed.length} 项指标，每项均已记录修订。`,
      values: saved,
      fieldErrors: {},
    };
  },
);

