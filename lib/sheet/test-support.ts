/** Helpers for the importer's tests: workbooks built with exceljs, read and planned like an upload. */
import ExcelJS from "exceljs";
import { CATALOG } from "@/lib/catalog";
import { planImport, type ImportPlan } from "./plan";
import { readPaste, readUpload } from "./read-file";

/** The real day the team works on: late November 2026, so December 2026 is still to come. */
export const TODAY = new Date("2026-11-27T10:00:00+08:00");

export async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function planFile(bytes: Uint8Array, name = "figures.xlsx"): Promise<ImportPlan> {
  const read = await readUpload(bytes, name);
  if (!read.ok) throw new Error(`unreadable: ${read.message}`);
  const planned = planImport(read.sheets, CATALOG, TODAY);
  if (!planned.ok) throw new Error(`no plan: ${planned.message}`);
  return planned.plan;
}

export function planPaste(text: string): ImportPlan {
  const read = readPaste(text);
  if (!read.ok) throw new Error(`unreadable: ${read.message}`);
  const planned = planImport(read.sheets, CATALOG, TODAY);
  if (!planned.ok) throw new Error(`no plan: ${planned.message}`);
  return planned.plan;
}

/** The plan's figures as "period key value" lines, easy to compare. */
export function figureLines(plan: ImportPlan): string[] {
  return plan.figures.map((figure) => {
    const units = figure.figure.rankedUnits != null ? `/${figure.figure.rankedUnits}` : "";
    return `${figure.period} ${figure.key} ${figure.figure.value}${units}`;
  });
}

export function problemLines(plan: ImportPlan): string[] {
  return plan.problems.map((problem) => `${problem.address}：${problem.message}`);
}
