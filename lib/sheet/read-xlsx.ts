/**
 * An xlsx workbook's visible sheets as grids of cells, streamed part by part (lib/sheet/xlsx-*.ts)
 * and counted against the import's reading budget as they stream, so a workbook too large to import
 * is refused while it is read, before what it holds is built: a formula counts as the value Excel or
 * WPS last computed for it (its cached result), a date cell as a date, a number under a % format as
 * a percentage; hidden sheets are not read.
 */
import type { Sheet } from "./grid";
import { MESSAGES } from "./limits";
import { ReadBudget } from "./read-budget";
import { WorkbookParts } from "./xlsx-parts";
import { readSheet } from "./xlsx-sheet";
import { readWorkbookInfo } from "./xlsx-workbook";

export type SheetsRead = { ok: true; sheets: Sheet[] } | { ok: false; message: string };

export async function readXlsx(bytes: Buffer, budget = new ReadBudget()): Promise<SheetsRead> {
  const parts = await WorkbookParts.open(bytes);
  if (!parts) return { ok: false, message: MESSAGES.corrupt };
  try {
    if (!parts.has("xl/workbook.xml")) return { ok: false, message: MESSAGES.corrupt };
    const read = await readWorkbookInfo(parts, budget);
    if (!read.ok) return read;
    const sheets: Sheet[] = [];
    for (const entry of read.info.sheets) {
      if (entry.hidden || entry.part === null || !parts.has(entry.part)) continue;
      const sheet = await readSheet(parts, entry.part, entry.name, read.info, budget);
      if (!sheet.ok) return sheet;
      // past MAX_CELLS the sheets are only counted, for the refusal to say how many cells there are
      if (sheet.sheet) sheets.push(sheet.sheet);
    }
    const stop = budget.fillStop();
    return stop ? { ok: false, message: stop } : { ok: true, sheets };
  } catch {
    return { ok: false, message: MESSAGES.corrupt };
  } finally {
    parts.close();
  }
}
