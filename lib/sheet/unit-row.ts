/**
 * A province-style table brought to the figures import (one row per unit: 序号, 市（州）, 县（市、区）,
 * indicator columns with bracketed units): the row of the unit being imported into, read as that
 * unit's figures of one month. The table is found and its name columns chosen by content as the
 * bulletin import does (lib/bulletin/sheet.ts, ./name-columns.ts), its columns mapped by their headings
 * with the bracketed unit saying how to read the cells ("数值（万人次）"). A bulletin names no month
 * column: the month is the one its title states, else the one the user chooses.
 *
 * Ranks are left out: a rank needs the number of units ranked, which only the bulletin import derives.
 */
import { chooseNameColumns, type NameChoice } from "@/lib/bulletin/name-columns";
import { isNonUnitName, unitNameOf } from "@/lib/bulletin/cells";
import { findBulletinTable, suggestMapping } from "@/lib/bulletin/sheet";
import type { IndicatorDefinition } from "@/lib/catalog";
import { addMonths, formatMonth, monthOfDate, type Month } from "@/lib/periods";
import { matchUnitNames, type KnownUnit } from "@/lib/unit-names";
import { cellAddress, cellAt, isBlank, type Sheet } from "./grid";
import type { FoundValue, SheetReading } from "./layout";

type RowIndicator = Pick<IndicatorDefinition, "key" | "name" | "unit" | "kind" | "decimals" | "ranksKey">;

/** The months a user may say a bulletin is of: this month and the twelve before, the last one preselected. */
export type MonthChoice = { months: Month[]; defaultMonth: Month };

export type UnitRowOutcome =
  | { ok: true; reading: SheetReading; names: NameChoice; month: Month }
  | { ok: false; message: string; names: NameChoice; monthChoice?: MonthChoice };

const MONTHS_OFFERED = 13;

export function monthChoice(today: Date): MonthChoice {
  const current = monthOfDate(today);
  return { months: Array.from({ length: MONTHS_OFFERED }, (_, back) => addMonths(current, -back)), defaultMonth: addMonths(current, -1) };
}

/**
 * The row of `unit` in the first bulletin table of `sheets`, or null when no sheet holds one.
 * `units`: the known units and their aliases (the names are chosen by how many of them match);
 * `chosenMonth`: the month the user said, used only when the table names none.
 */
export function readUnitRow(
  sheets: readonly Sheet[],
  catalog: readonly RowIndicator[],
  units: readonly KnownUnit<number>[],
  unit: { id: number; name: string },
  options: { chosenMonth: Month | null; today: Date },
): UnitRowOutcome | null {
  const found = findBulletinTable(sheets);
  if (!found.ok) return null;
  const { table } = found;
  const sheet = sheets.find((candidate) => candidate.name === table.sheet);
  if (!sheet) return null;
  const names = chooseNameColumns(table.rows, table.nameCandidates, units);
  const rowNames = table.rows.map((cells) => unitNameOf(cells, names.columns));
  const matching = matchUnitNames(
    rowNames.map((name) => (isNonUnitName(name) ? "" : name)),
    units,
  );
  const rows = matching.matches.flatMap((match, index) => (match.status === "matched" && match.unit === unit.id ? [index] : []));
  const index = rows[0];
  if (index === undefined) return { ok: false, names, message: `表中没有找到“${unit.name}”的一行（${names.sentence}）` };
  if (rows.length > 1) {
    return { ok: false, names, message: `表中有 ${rows.length} 行都是“${unit.name}”（第 ${rows.map((row) => table.firstRow + row).join("、")} 行），无法确定用哪一行` };
  }
  const month = table.month ?? options.chosenMonth;
  if (month === null) {
    return {
      ok: false,
      names,
      message: "表格的标题中没有写月份（如“2026年10月……通报”），无法确定是哪个月的数：请在下方选择月份后点“按所选月份预览”",
      monthChoice: monthChoice(options.today),
    };
  }
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const mapping = suggestMapping(table.columns, catalog, null);
  const sheetRow = table.firstRow - 1 + index;
  const values: FoundValue[] = [];
  let ranks = 0;
  for (const column of table.columns) {
    const indicator = byKey.get(mapping.get(column.column) ?? "");
    if (!indicator) continue;
    const cell = cellAt(sheet, sheetRow, column.column);
    if (indicator.kind === "rank") {
      if (!isBlank(cell)) ranks += 1;
      continue;
    }
    values.push({
      period: { period: month, whole: "month" },
      target: { field: indicator.key, key: indicator.key, detail: null },
      cell,
      address: cellAddress(sheetRow, column.column),
      unitHint: column.unit,
    });
  }
  const monthSource = table.month ? `标题所写的${formatMonth(month)}` : `所选的${formatMonth(month)}`;
  const rankNote = ranks > 0 ? `；其中 ${ranks} 个名次未导入（名次须连同参与排名的单位数一起导入）` : "";
  return {
    ok: true,
    names,
    month,
    reading: {
      sheet: sheet.name,
      layout: "unit-row",
      description: `工作表“${sheet.name}”：每个单位一行的通报表，${names.sentence}；读取“${rowNames[index]?.trim() ?? unit.name}”一行（第 ${sheetRow + 1} 行），作为${monthSource}的数${rankNote}`,
      values,
      problems: [],
    },
  };
}
