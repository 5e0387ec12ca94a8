import "server-only";
import type { IndicatorDefinition } from "@/lib/catalog";
import { currentTime } from "@/lib/clock";
import { describeChange } from "@/lib/conflict-text";
import { entryFieldNames, parseMonthlyEntry, readableFigures } from "@/lib/entry-schema";
import { PART_LABELS, partField } from "@/lib/figure-parts";
import { expectedFigures, loadedValues, monthFormValues, postedBases } from "@/lib/form-base";
import { formatMonth, isMonth } from "@/lib/periods";
import { formConfirmations, plausibleField } from "@/lib/plausibility";
import { ranksAboveUnits } from "@/lib/rank-rules";
import { parseRevisionNote, REVISION_NOTE_FIELD } from "@/lib/revision-note";
import { listIndicators, toDefinition } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getPeriodFigures } from "@/db/observations";
import { closedMonthMessage, PeriodLockedError } from "@/db/period-locks";
import {
  BaselineProtectedError,
  FigureConflictError,
  FigureRuleError,
  PlausibilityError,
  saveFigures,
  type FigureConflict,
} from "@/db/save-figures";
import { fieldText, type FieldConflict } from "@/app/_lib/field-conflict";
import { answerWith } from "@/app/_lib/conflict-form";
import { textFields } from "@/app/_lib/form-data";
import type { SessionUser } from "@/app/_auth/session";
import type { EntryFlag, EntryState } from "./entry-state";

const STALE_FORM = "本页缺少打开时的数值（可能是更新前打开的旧页面）：请复制已填内容后刷新页面再保存。本次未保存任何数据。";

/** A form's period: a month "YYYY-MM", or a past year "YYYY" of whole-year totals; its label; the indicators it asks for. */
export type EntryPeriod = { organizationId: number; period: string; label: string; indicators: readonly IndicatorDefinition[] };

function conflictView(conflict: FigureConflict, indicator: IndicatorDefinition | undefined, typed: Record<string, string>, now: Date): FieldConflict {
  const field = partField(conflict.key, conflict.part);
  const name = indicator?.name ?? conflict.key;
  const theirs = fieldText(conflict.theirs);
  return {
    field,
    label: conflict.part === "value" ? name : `${name}（${PART_LABELS[conflict.part]}）`,
    mine: typed[field] ?? fieldText(conflict.mine),
    theirs,
    message: describeChange({ who: conflict.changedByName, at: conflict.changedAt, theirs }, now),
  };
}

/** A form refused before its period is known (a bad or future period): everything typed comes back. */
export function refuseEntry(formData: FormData, message: string): EntryState {
  const indicators = listIndicators(getDb(), { includeRetired: true }).map(toDefinition);
  const posted = textFields(formData);
  const values = textFields(formData, [...entryFieldNames(indicators), REVISION_NOTE_FIELD]);
  return answerWith(values, postedBases(posted))("refused", message);
}

/**
 * Save a period's form: only the fields the user changed, all or nothing, with a revision (and its
 * author) for each changed figure; nothing at all when someone else changed one of them first.
 */
export function saveEntry(user: SessionUser, formData: FormData, target: EntryPeriod): EntryState {
  const db = getDb();
  const { indicators, period, label, organizationId } = target;
  const names = entryFieldNames(indicators);
  const keys = indicators.map((indicator) => indicator.key);
  const posted = textFields(formData);
  const values = textFields(formData, [...names, REVISION_NOTE_FIELD, ...keys.map(plausibleField)]);
  const bases = postedBases(posted);
  const answer = answerWith(values, bases);

  const loaded = loadedValues(posted, names);
  const expected = loaded.ok ? expectedFigures(indicators, loaded.bases) : null;
  if (!expected?.ok) return answer("refused", STALE_FORM);

  const parsed = parseMonthlyEntry(indicators, values);
  const note = parseRevisionNote(values[REVISION_NOTE_FIELD]);
  if (!parsed.ok || !note.ok) {
    // a rank above the N typed beside it is named even when another field's error stopped the schema early
    const fieldErrors: Record<string, string[]> = parsed.ok ? {} : { ...parsed.fieldErrors };
    for (const [key, error] of Object.entries(ranksAboveUnits(indicators, readableFigures(indicators, values)))) {
      if (!fieldErrors[key]?.includes(error)) fieldErrors[key] = [...(fieldErrors[key] ?? []), error];
    }
    if (!note.ok) fieldErrors[REVISION_NOTE_FIELD] = [note.error];
    const count = Object.keys(fieldErrors).length;
    return answer("invalid", `有 ${count} 项填写有误，请按提示修改。本次未保存任何数据。`, { fieldErrors });
  }

  let changed;
  try {
    changed = saveFigures(db, {
      organizationId,
      period,
      figures: parsed.figures,
      expected: expected.expected,
      source: "form",
      changedBy: user.id,
      reason: note.note,
      confirmed: formConfirmations(values, keys),
    });
  } catch (error) {
    if (error instanceof PeriodLockedError) {
      // a whole-year figure closes with its December
      const closed = isMonth(period) || !isMonth(error.month) ? label : `${formatMonth(error.month)}（含${label}）`;
      return answer("refused", closedMonthMessage(error, closed));
    }
    if (error instanceof BaselineProtectedError) {
      const names = error.keys.map((key) => indicators.find((indicator) => indicator.key === key)?.name ?? key).join("、");
      return answer("refused", `${names}是文件中的2023年基线数据，只读；如确需更正，请管理员在指标页使用“更正基线”。本次未保存任何数据。`);
    }
    if (error instanceof FigureConflictError) {
      const now = currentTime();
      const conflicts = error.conflicts.map((conflict) =>
        conflictView(conflict, indicators.find((indicator) => indicator.key === conflict.key), values, now),
      );
      return answer(
        "conflict",
        `未保存：有 ${conflicts.length} 项在您打开本页后已被他人修改，请在该项旁选择采用对方的值或保留您的值。`,
        { conflicts },
      );
    }
    if (error instanceof PlausibilityError) {
      // the flags stand beside their fields, each with its tick; everything typed stays
      const flags: Record<string, EntryFlag> = {};
      for (const flag of error.flags) flags[flag.key] = { text: flag.text, value: String(flag.value) };
      const count = error.flags.length;
      return {
        ...answer(
          "invalid",
          `有 ${count} 项数值与以往相差很大（见该项旁的提示）：请核对，确认无误后勾选“我已核对，数值无误”再保存。本次未保存任何数据。`,
        ),
        flags,
      };
    }
    if (error instanceof FigureRuleError) {
      const fieldErrors: Record<string, string[]> = {};
      for (const problem of error.problems) (fieldErrors[partField(problem.key, problem.part)] ??= []).push(problem.message);
      return answer("invalid", `有 ${Object.keys(fieldErrors).length} 项填写有误，请按提示修改。本次未保存任何数据。`, { fieldErrors });
    }
    throw error;
  }
  // no revalidatePath: the answer is the form's new state alone, not the whole page rendered again
  // (the form refreshes the page's other parts itself; cached pages follow the data version)

  // the form now shows the period as stored, including what others saved meanwhile
  const stored = monthFormValues(indicators, getPeriodFigures(db, organizationId, period));
  const written = new Set(changed.map((figure) => figure.key));
  const updatedByOthers = indicators.filter(
    (indicator) =>
      !written.has(indicator.key) &&
      entryFieldNames([indicator]).some((name) => bases[name] !== undefined && bases[name] !== stored[name]),
  );
  const others =
    updatedByOthers.length === 0
      ? ""
      : `另有 ${updatedByOthers.length} 项在您打开本页后已被他人更新，表中已显示最新值：${updatedByOthers.map((indicator) => indicator.name).join("、")}。`;
  return answer(
    "saved",
    (changed.length === 0 ? "没有改动，未写入任何数据。" : `已保存${label}：更新 ${changed.length} 项指标，每项均已记录修订。`) + others,
    { values: stored, bases: stored },
  );
}
