/**
 * How a worksheet prints on A4: portrait when its columns fit the portrait page, landscape when they
 * fit only the landscape one, and shrunk to one page wide (`fitToPage`) only while the text stays
 * readable — 10-point cells no smaller than 9 points. A sheet wider than that has too many columns:
 * its tables are designed to stay within it (and tests hold them to it). Also the font that holds
 * Chinese and the height a row of wrapped text needs.
 *
 * Column widths are in Excel's units (characters of the workbook's default font). Excel prints a
 * unit at about 5.6 points (Calibri 11); LibreOffice, without Calibri or its metric twin Carlito,
 * at 7 points (DejaVu Sans). Widths are planned at the wider of the two, so that a sheet fits in
 * both; in Excel it then simply leaves a wider margin.
 */
import type ExcelJS from "exceljs";

/** A font that holds Chinese in Excel, WPS and LibreOffice alike (each substitutes its own 宋体). */
export const SHEET_FONT = "宋体";

/** The most a column-width unit prints at, in points. */
export const POINTS_PER_WIDTH_UNIT = 7;
/** Page margins in inches, as Excel's page setup takes them. */
export const SHEET_MARGINS = { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;
/** 10-point text printed at no less than 9 points. */
export const MIN_PRINT_SCALE = 0.9;

const A4_POINTS = { short: 595.3, long: 841.9 } as const;
const SIDE_MARGINS = (SHEET_MARGINS.left + SHEET_MARGINS.right) * 72;

export const PRINTABLE_WIDTH = { portrait: A4_POINTS.short - SIDE_MARGINS, landscape: A4_POINTS.long - SIDE_MARGINS } as const;

export type SheetPrint = {
  orientation: "portrait" | "landscape";
  /** The scale the columns print at on one page wide (1 where they fit as they are). */
  scale: number;
  /** Shrink to one page wide: only where the scale keeps the text readable. */
  fitToWidth: boolean;
};

export function sheetPrint(widths: readonly number[]): SheetPrint {
  const points = widths.reduce((sum, width) => sum + width, 0) * POINTS_PER_WIDTH_UNIT;
  if (points <= PRINTABLE_WIDTH.portrait) return { orientation: "portrait", scale: 1, fitToWidth: true };
  const scale = Math.min(1, PRINTABLE_WIDTH.landscape / points);
  return { orientation: "landscape", scale, fitToWidth: scale >= MIN_PRINT_SCALE };
}

/** The page setup (exceljs `pageSetup`) of `sheetPrint`: A4, the margins above, one page wide where readable. */
export function pageSetupOf(print: SheetPrint): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: print.orientation,
    ...(print.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { fitToPage: false, scale: 100 }),
    horizontalCentered: true,
    margins: { ...SHEET_MARGINS },
  };
}

/** Points per line of 10-point text, and the width (in column units) a character of 10-point text takes. */
const LINE_HEIGHT = 13.5;
const charWidth = (char: string) => (/[\u0000-\u00ff]/.test(char) ? 1.05 : 1.8);

/**
 * The height a row needs for its wrapped text (of `size` points; cells that are not text take one
 * line). Excel, WPS and LibreOffice do not all size a row to its wrapped text on opening a file,
 * so the height is written: lines of each cell at its width.
 */
export function rowHeight(cells: readonly unknown[], widths: readonly number[], size = 10): number {
  let lines = 1;
  const scale = size / 10;
  cells.forEach((cell, index) => {
    if (typeof cell !== "string") return;
    const width = Math.max(1, (widths[index] ?? 10) - 0.5);
    const count = cell.split("\n").reduce((sum, line) => sum + Math.max(1, Math.ceil(([...line].reduce((total, char) => total + charWidth(char), 0) * scale) / width)), 0);
    lines = Math.max(lines, count);
  });
  return Math.ceil(lines * LINE_HEIGHT * scale + 4);
}
