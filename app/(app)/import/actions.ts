"use server";

import { revalidatePath } from "next/cache";
import type { IndicatorDefinition } from "@/lib/catalog";
import { readUnitRow } from "@/lib/sheet/unit-row";
import type { KnownUnit } from "@/lib/unit-names";
import { currentTime } from "@/lib/clock";
import { formatFigure } from "@/lib/format";
import { formatPeriod, isFutureMonth, isMonth, type Month } from "@/lib/periods";
import { can } from "@/lib/roles";
import { PLAUSIBLE_TICK, readConfirmations, type PlausibilityFlag } from "@/lib/plausibility";
import { cleanFileName, commitPayload, planOfBatches, readCommitPayload } from "@/lib/sheet/commit-payload";
import { MAX_CELLS, MAX_FILE_BYTES, MESSAGES } from "@/lib/sheet/limits";
import { EARLIEST_IMPORT_YEAR, planImport, planReadings, type ImportPlan } from "@/lib/sheet/plan";
import { importConfirmation, importFlags } from "@/lib/sheet/preview-flags";
import { closedCountsText, leftOutNotice, leftOutSentence, previewImport, type ImportPreview, type StoredValue } from "@/lib/sheet/preview";
import { readPaste, readUpload, type ReadOutcome } from "@/lib/sheet/read-file";
import { listUnitIndicators, toDefinition } from "@/db/catalog";
import { getDb, type Db } from "@/db/client";
import { listBulletinUnits } from "@/db/organizations";
import { historyLookup, ImportConflictError, saveImportedFigures, storedLookup } from "@/db/import-figures";
import type { Organization } from "@/db/schema";
import { PeriodLockedError } from "@/db/period-locks";
import { BaselineProtectedError, FigureRuleError, PlausibilityError } from "@/db/save-figures";
import { guarded } from "@/app/_auth/guard";
import { actionUnit, isDistrictWide } from "@/app/_auth/scope";
import type { SessionUser } from "@/app/_auth/session";
import type { ImportState, PreviewView } from "./import-state";
import { IMPORT_BUSY_MESSAGE, importTurns } from "./import-turn";

const MAX_PASTE_KEPT = 200_000;

function pasted(formData: FormData): string {
  const value = formData.get("paste");
  return typeof value === "string" ? value : "";
}

/**
 * The import page's one action: `intent=preview` reads the uploaded file (or the pasted cells) and
 * shows what would change; `intent=commit` writes what the preview showed, all or nothing. Either
 * waits its turn behind any other import in this process (./import-turn.ts).
 */
export const importFigures = guarded(
  "figures:write",
  (refusal, [, formData]): ImportState => ({
    status: "refused",
    message: refusal.message,
    paste: pasted(formData).slice(0, MAX_PASTE_KEPT),
    preview: null,
    payload: null,
  }),
  async (user: SessionUser, _previous: ImportState, formData: FormData): Promise<ImportState> => {
    const intent = formData.get("intent");
    // a town's staff import into their town; a district account into the district or the town it picked
    const unit = actionUnit(user, formData);
    if (!unit.ok) return { status: "refused", message: unit.message, paste: pasted(formData).slice(0, MAX_PASTE_KEPT), preview: null, payload: null };
    const target = unit.unit;
    return importTurns().run(
      () => (intent === "commit" ? commit(user, target, formData) : preview(user, target, formData)),
      (): ImportState => ({ status: "refused", message: IMPORT_BUSY_MESSAGE, paste: pasted(formData).slice(0, MAX_PASTE_KEPT), preview: null, payload: null }),
    );
  },
);

async function preview(user: SessionUser, unit: Organization, formData: FormData): Promise<ImportState> {
  const paste = pasted(formData);
  const kept = paste.slice(0, MAX_PASTE_KEPT);
  const file = formData.get("file");
  let read: ReadOutcome;
  let fileName: string;
  if (file instanceof File && file.size > 0) {
    fileName = cleanFileName(file.name);
    read = file.size > MAX_FILE_BYTES ? { ok: false, message: MESSAGES.tooLarge(file.size) } : await readUpload(new Uint8Array(await file.arrayBuffer()), file.name);
  } else if (paste.trim() !== "") {
    fileName = "粘贴内容";
    read = readPaste(paste);
  } else {
    return { status: "invalid", message: "请选择要导入的文件，或把从 Excel / WPS 复制的单元格粘贴到文本框中。", paste: kept, preview: null, payload: null };
  }
  if (!read.ok) return { status: "invalid", message: `${read.message}本次未写入任何数据。`, paste: kept, preview: null, payload: null };

  const db = getDb();
  const catalog = listUnitIndicators(db, unit).map(toDefinition);
  const year = chosenYear(formData);
  if (year === "invalid") return { status: "invalid", message: "所选年份无效，请从列表中选择。本次未写入任何数据。", paste: kept, preview: null, payload: null };
  const planned = planImport(read.sheets, catalog, currentTime(), { year: year ?? undefined });
  if (!planned.ok && planned.yearChoice) return { status: "invalid", message: planned.message, paste: kept, preview: null, payload: null, yearChoice: planned.yearChoice };
  let plan: ImportPlan;
  let bulletinNote = "";
  // offered only to those who may import a bulletin (a district-wide account with the grant)
  const bulletinSentence = isDistrictWide(user) && can(user, "bulletin:import") ? BULLETIN_SENTENCE : "";
  if (planned.ok && planned.plan.figures.length > 0) plan = planned.plan;
  else {
    // nothing reads as figures by period: perhaps a table of units (the province's bulletin), of which one row is this unit's
    const month = chosenMonth(formData);
    if (month === "invalid") return { status: "invalid", message: "所选月份无效，请从列表中选择。本次未写入任何数据。", paste: kept, preview: null, payload: null };
    const row = readUnitRow(read.sheets, catalog, knownUnits(db, unit), { id: unit.id, name: unit.name }, { chosenMonth: month, today: currentTime() });
    if (row === null) {
      if (planned.ok) plan = planned.plan;
      else return { status: "invalid", message: planned.message, paste: kept, preview: null, payload: null };
    } else if (!row.ok) {
      return { status: "invalid", message: `这是一张每个单位一行的通报表：${row.message}。${bulletinSentence}本次未写入任何数据。`, paste: kept, preview: null, payload: null, monthChoice: row.monthChoice ?? null };
    } else {
      plan = planReadings([row.reading], catalog, currentTime());
      bulletinNote = bulletinSentence;
    }
  }
  const shown = previewImport(plan, catalog, storedLookup(db, unit.id));
  const flags = importFlags(shown.items, catalog, historyLookup(db, unit.id));
  return {
    status: shown.problems.length > 0 ? "invalid" : "preview",
    message: `${previewMessage(shown)}${shown.canCommit ? flagsSentence(flags.size) : ""}${bulletinNote}`,
    paste: kept,
    preview: previewView(shown, fileName, catalog, flags),
    payload: shown.canCommit ? commitPayload(shown, fileName, catalog) : null,
  };
}

/** Beside a table of units: the bulletin import reads the same table for every unit, and derives the ranks. */
const BULLETIN_SENTENCE = "这张表也可到“导入省级通报”页面（/import/bulletin）导入：那里还会读出名次和相邻单位。";

/** The units a table of units is matched against: the home unit and its peers with their aliases, and the unit imported into (a town). */
function knownUnits(db: Db, unit: Organization): KnownUnit<number>[] {
  const units = listBulletinUnits(db);
  return units.some((known) => known.unit === unit.id) ? units : [...units, { unit: unit.id, names: [unit.name, unit.shortName] }];
}

/** The month chosen for a table of units that names none, if any: a month from 2000 to this one. */
function chosenMonth(formData: FormData): Month | null | "invalid" {
  const raw = formData.get("month");
  if (typeof raw !== "string" || raw.trim() === "") return null;
  const month = raw.trim();
  return isMonth(month) && Number(month.slice(0, 4)) >= EARLIEST_IMPORT_YEAR && !isFutureMonth(month, currentTime()) ? month : "invalid";
}

/** The year chosen for bare months ("6月"), if any: a whole year from 2000 to this year. */
function chosenYear(formData: FormData): number | null | "invalid" {
  const raw = formData.get("year");
  if (typeof raw !== "string" || raw.trim() === "") return null;
  const year = Number(raw.trim());
  return /^\d{4}$/.test(raw.trim()) && year >= EARLIEST_IMPORT_YEAR && year <= currentTime().getUTCFullYear() ? year : "invalid";
}

function commit(user: SessionUser, unit: Organization, formData: FormData): ImportState {
  const db = getDb();
  const catalog = listUnitIndicators(db, unit).map(toDefinition);
  const payload = readCommitPayload(String(formData.get("payload") ?? ""), catalog, currentTime());
  if (!payload.ok) return { status: "invalid", message: payload.message, paste: "", preview: null, payload: null };
  const organizationId = unit.id;
  const again = (status: ImportState["status"], message: string): ImportState => {
    const shown = previewImport(planOfBatches(payload.batches, ["重新预览：仅列出本次要写入的数据"]), catalog, storedLookup(db, organizationId));
    const flags = importFlags(shown.items, catalog, historyLookup(db, organizationId));
    return {
      status,
      message,
      paste: "",
      preview: previewView(shown, payload.fileName, catalog, flags),
      payload: shown.canCommit ? commitPayload(shown, payload.fileName, catalog) : null,
    };
  };
  let changed;
  try {
    changed = saveImportedFigures(db, {
      organizationId,
      batches: payload.batches,
      fileName: payload.fileName,
      changedBy: user.id,
      confirmed: readConfirmations(String(formData.get(PLAUSIBLE_TICK) ?? ""), MAX_CELLS),
    });
  } catch (error) {
    if (error instanceof ImportConflictError) {
      const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
      const list = error.conflicts
        .slice(0, 5)
        .map((conflict) => {
          const indicator = byKey.get(conflict.key);
          const name = indicator?.name ?? conflict.key;
          return `${formatPeriod(conflict.period)}“${name}”（预览时为 ${valueText(conflict.expected, indicator)}，现为 ${valueText(conflict.actual, indicator)}）`;
        })
        .join("；");
      const more = error.conflicts.length > 5 ? ` 等 ${error.conflicts.length} 项` : "";
      return again("conflict", `预览之后，有人修改了其中的数据：${list}${more}。本次未写入任何数据。下面已按最新数据重新预览，请核对后再确认。`);
    }
    if (error instanceof PeriodLockedError) {
      // the preview left out every month closed when it was made: this one closed since
      const what = error.state === "submitted" ? "提交审核" : "审核通过并锁定";
      return again("refused", `${formatPeriod(error.month)}已在预览之后被${what}，不能导入。本次未写入任何数据。下面已重新预览：该月的数已标出并不再导入，其余的数可再次确认导入。`);
    }
    if (error instanceof BaselineProtectedError) {
      return again("refused", `文件中含有2023年基线数据的改动（${namesOf(error.keys, catalog)}）：基线只能由管理员在指标页“更正基线”修改。本次未写入任何数据。`);
    }
    if (error instanceof PlausibilityError) {
      return again(
        "refused",
        `有 ${error.flags.length} 个数与以往相差很大（下方已标出），尚未确认核对：请逐个核对，无误后勾选“我已核对以上异常值”再确认导入。本次未写入任何数据。`,
      );
    }
    if (error instanceof FigureRuleError) {
      return again("refused", `导入后${error.problems.map((problem) => `“${namesOf([problem.key], catalog)}”${problem.message}`).join("；")}。本次未写入任何数据。`);
    }
    throw error;
  }
  revalidatePath("/", "layout");
  const added = changed.filter((figure) => figure.oldValue === null).length;
  return {
    status: "done",
    message:
      changed.length === 0
        ? "没有改动，未写入任何数据。"
        : `已导入“${payload.fileName}”${unit.kind === "home" ? "" : `到${unit.name}`}：新增 ${added} 项、更新 ${changed.length - added} 项，每项均已记录修订（来源：导入）。${leftOutSentence(payload.leftOut)}`,
    paste: "",
    preview: null,
    payload: null,
  };
}

function namesOf(keys: readonly string[], catalog: readonly IndicatorDefinition[]): string {
  return keys.map((key) => catalog.find((indicator) => indicator.key === key)?.name ?? key).join("、");
}

function valueText(figure: StoredValue | null, indicator: IndicatorDefinition | undefined): string {
  if (!figure) return "空";
  return indicator ? formatFigure(figure.value, indicator, figure.rankedUnits) : String(figure.value);
}

function previewMessage(shown: ImportPreview): string {
  const { counts } = shown;
  if (shown.items.length === 0 && shown.problems.length === 0) return "表格中找到了指标和期间，但数值单元格都是空的：没有可导入的数。";
  const summary = `新增 ${counts.new} 项、修改 ${counts.changed} 项、不变 ${counts.unchanged} 项`;
  if (shown.problems.length > 0) return `有 ${shown.problems.length} 个单元格无法导入（见下方列表）：请在文件中改正后重新上传。${summary}。尚未写入任何数据。`;
  const closedHint = leftOutNotice(counts);
  if (counts.new + counts.changed === 0) {
    if (closedHint === "") return `文件中的 ${counts.unchanged} 个数与系统中完全一致，没有需要导入的改动。`;
    return `没有可导入的改动：${closedCountsText(counts)}，不能导入（如需更正，请审核人退回或解除锁定后再导入）；其余 ${counts.unchanged} 个数与系统中一致。`;
  }
  return `预览：${summary}。${closedHint}核对无误后点“确认导入”；在此之前不会写入任何数据。`;
}

/** After the preview's summary: how many values are flagged as far outside their history, and what confirming takes. */
function flagsSentence(count: number): string {
  return count === 0 ? "" : `其中 ${count} 个数与以往相差很大（已标出“请核对”）：确认导入前须逐个核对并勾选“我已核对以上异常值”。`;
}

function previewView(shown: ImportPreview, fileName: string, catalog: readonly IndicatorDefinition[], flags: ReadonlyMap<string, PlausibilityFlag>): PreviewView {
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const periods = new Map<string, PreviewView["periods"][number]>();
  for (const item of shown.items) {
    const indicator = byKey.get(item.key);
    if (!indicator) continue;
    const group = periods.get(item.period) ?? { period: item.period, label: formatPeriod(item.period), rows: [] };
    group.rows.push({
      id: `${item.period}-${item.key}`,
      name: indicator.name,
      unit: indicator.unit,
      status: item.status,
      before: valueText(item.before, indicator),
      after: valueText(item.after, indicator),
      cells: item.cells.join("、"),
      flag: flags.get(`${item.period}|${item.key}`)?.text ?? null,
    });
    periods.set(item.period, group);
  }
  return {
    fileName,
    layouts: shown.layouts,
    counts: shown.counts,
    canCommit: shown.canCommit,
    problems: shown.problems.map((problem) => (problem.address ? `${problem.address}：${problem.message}` : problem.message)),
    warnings: shown.warnings.map((warning) => `${formatPeriod(warning.period)}：${warning.message}`),
    periods: [...periods.values()],
    flags: flags.size === 0 ? null : { count: flags.size, confirmation: importConfirmation(flags.values()) },
  };
}
