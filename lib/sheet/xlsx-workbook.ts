/**
 * What an xlsx says about itself before its sheets are read: its sheets in order (name, hidden or
 * not, which part holds it), whether its dates count from 1904, the number format of each cell style
 * (read as exceljs reads them, so a date or % cell is what it was), and its shared strings — each
 * counted against the import's reading budget as it streams.
 */
import { MESSAGES, READ_LIMITS, ZIP_LIMITS } from "./limits";
import type { ReadBudget, Stop } from "./read-budget";
import type { WorkbookParts } from "./xlsx-parts";

export type SheetEntry = { name: string; hidden: boolean; part: string | null };
export type CellFormat = { date: boolean; percent: boolean };
export type WorkbookInfo = {
  sheets: SheetEntry[];
  date1904: boolean;
  /** The format of cell style `s` (an index into the styles' cellXfs). */
  formatOf: (style: number) => CellFormat;
  sharedStrings: readonly string[];
};
export type InfoRead = { ok: true; info: WorkbookInfo } | { ok: false; message: string };

const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
const PLAIN: CellFormat = { date: false, percent: false };

/** Excel's built-in number formats that show a date or time (ids 14–22, 45–47) or a percentage (9, 10). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
const BUILT_IN_PERCENTS = new Set([9, 10]);

/** A format shows a date when a date or time letter is left once bracketed and quoted parts are removed (as exceljs decides). */
function isDateCode(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** `_x000D_` and the like: how Office writes a character XML cannot hold. */
export function officeUnescape(text: string): string {
  return text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A relationship's target as a part name: relative to xl/, or absolute from the zip's root. */
function partName(target: string): string {
  const segments: string[] = [];
  const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  for (const segment of path.split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

type Relationship = { type: string; part: string };

async function readRelationships(parts: WorkbookParts): Promise<{ relationships: Map<string, Relationship>; stop: Stop }> {
  const relationships = new Map<string, Relationship>();
  const stop = await parts.read(WORKBOOK_RELS, {
    open: (name, attributes) => {
      const { Id: id, Type: type = "", Target: target, TargetMode: mode } = attributes;
      if (name !== "Relationship" || !id || !target || mode === "External") return;
      if (relationships.size >= ZIP_LIMITS.entries) return MESSAGES.zipBomb;
      relationships.set(id, { type: type.slice(type.lastIndexOf("/") + 1), part: partName(target) });
    },
  });
  return { relationships, stop };
}

async function readSheetList(parts: WorkbookParts, relationships: ReadonlyMap<string, Relationship>): Promise<{ sheets: SheetEntry[]; date1904: boolean; stop: Stop }> {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  const stop = await parts.read(WORKBOOK, {
    open: (name, attributes) => {
      if (name === "workbookPr") date1904 = attributes.date1904 === "1" || attributes.date1904 === "true";
      if (name !== "sheet") return;
      if (sheets.length >= ZIP_LIMITS.entries) return MESSAGES.zipBomb;
      // the relationship id's attribute is r:id, whatever prefix the writer chose for its namespace
      const idKey = Object.keys(attributes).find((key) => key.endsWith(":id"));
      const relationship = idKey ? relationships.get(attributes[idKey] ?? "") : undefined;
      const state = attributes.state;
      sheets.push({
        name: attributes.name ?? `Sheet${sheets.length + 1}`,
        hidden: state === "hidden" || state === "veryHidden",
        part: relationship?.type === "worksheet" ? relationship.part : null,
      });
    },
  });
  return { sheets, date1904, stop };
}

async function readFormats(parts: WorkbookParts, path: string, budget: ReadBudget): Promise<{ formats: CellFormat[]; stop: Stop }> {
  const codes = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  let inNumFmts = false;
  const stop = await parts.read(path, {
    open: (name, attributes) => {
      if (name === "numFmts") inNumFmts = true;
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "numFmt" && inNumFmts) {
        const code = attributes.formatCode ?? "";
        const textStop = budget.text(code.length, () => "数字格式");
        if (textStop) return textStop;
        codes.set(parseInt(attributes.numFmtId ?? "", 10), code);
      } else if (name === "xf" && inCellXfs) {
        if (styleFormats.length >= READ_LIMITS.cellFormats) return MESSAGES.tooManyFormats;
        styleFormats.push(parseInt(attributes.numFmtId ?? "0", 10));
      }
    },
    close: (name) => {
      if (name === "numFmts") inNumFmts = false;
      else if (name === "cellXfs") inCellXfs = false;
    },
  });
  const formats = styleFormats.map((id): CellFormat => {
    // as exceljs: format 0 (General), or none, is no format at all; a workbook's own codes come first
    if (!id) return PLAIN;
    const code = codes.get(id);
    if (code === undefined) return { date: BUILT_IN_DATES.has(id), percent: BUILT_IN_PERCENTS.has(id) };
    return { date: isDateCode(code), percent: code.includes("%") };
  });
  return { formats, stop };
}

/** The shared strings in order: a rich text's runs joined, its phonetic guide (rPh) left out. */
async function readSharedStrings(parts: WorkbookParts, path: string, budget: ReadBudget): Promise<{ strings: string[]; stop: Stop }> {
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  const stop = await parts.read(path, {
    open: (name) => {
      if (name === "si") current = [];
      else if (name === "rPh") phonetic += 1;
      else if (name === "t" && phonetic === 0) inText = true;
    },
    text: (text) => {
      if (inText) current?.push(text);
    },
    close: (name) => {
      if (name === "t") inText = false;
      else if (name === "rPh") phonetic -= 1;
      else if (name === "si" && current) {
        if (strings.length >= READ_LIMITS.sharedStrings) return MESSAGES.tooManyStrings;
        const text = officeUnescape(current.join(""));
        current = null;
        const textStop = budget.text(text.length, () => `第 ${strings.length + 1} 条共享文字`);
        if (textStop) return textStop;
        strings.push(text);
      }
    },
  });
  return { strings, stop };
}

export async function readWorkbookInfo(parts: WorkbookParts, budget: ReadBudget): Promise<InfoRead> {
  const { relationships, stop } = await readRelationships(parts);
  if (stop) return { ok: false, message: stop };
  const list = await readSheetList(parts, relationships);
  if (list.stop) return { ok: false, message: list.stop };
  const partOf = (type: string, fallback: string) => [...relationships.values()].find((relationship) => relationship.type === type)?.part ?? fallback;
  const styles = await readFormats(parts, partOf("styles", "xl/styles.xml"), budget);
  if (styles.stop) return { ok: false, message: styles.stop };
  const strings = await readSharedStrings(parts, partOf("sharedStrings", "xl/sharedStrings.xml"), budget);
  if (strings.stop) return { ok: false, message: strings.stop };
  const { formats } = styles;
  return {
    ok: true,
    info: { sheets: list.sheets, date1904: list.date1904, formatOf: (style) => formats[style] ?? PLAIN, sharedStrings: strings.strings },
  };
}
