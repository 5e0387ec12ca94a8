/** What an uploaded file may hold, and what its zip container may unpack to. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_CELLS = 20_000;
/** Rows × columns of a sheet's used area: a few stray cells far away must not make a huge grid. */
export const MAX_SHEET_AREA = 400_000;

/**
 * What reading one import may go through, counted on what is read — blank rows and empty cells
 * included — not on what is kept, and checked while the file streams: the reader stops at the first
 * one passed. With the zip guard's part sizes and one import at a time per process, these bound
 * what an import can make the server hold (README: 导入的上限).
 */
export const READ_LIMITS = {
  /** Rows read, blank ones included, in all sheets together. */
  rows: 50_000,
  /** Fields in one row of a CSV or paste (an xlsx places its cells by address: its area is checked instead). */
  columns: 1_000,
  /** Cells read, empty ones included: CSV fields, and an xlsx's cell elements (a formatted empty cell is one). */
  cells: MAX_SHEET_AREA,
  /** Characters of one CSV or pasted row. */
  lineChars: 100_000,
  /** Characters of one cell: Excel's own limit. */
  cellChars: 32_767,
  /** Characters of text held: the shared strings, text cells and formulas (about 8 MB). */
  textChars: 4_000_000,
  /** Entries of an xlsx's shared string table and of its list of cell formats. */
  sharedStrings: 100_000,
  cellFormats: 100_000,
  /** Merged ranges in all sheets together. */
  merges: 10_000,
  /** Rows × columns of the grids handed on, all sheets together. */
  totalArea: 1_000_000,
} as const;

export const ZIP_LIMITS = {
  entries: 1_000,
  /** An xlsx of 20 000 cells unpacks to a few megabytes; this leaves room for styles and images. */
  totalBytes: 60 * 1024 * 1024,
  /** A part nothing reads (an image, a theme, a pivot cache) may be large; only its size is checked. */
  entryBytes: 40 * 1024 * 1024,
  /**
   * A part the reader parses (a sheet, the shared strings, the styles, the workbook): 20 000 cells of
   * numbers, of text or formatted unpack to 0.6–0.8 MB of sheet XML and 0.5 MB of shared strings
   * (the app's own template: 20–140 KB); this leaves ten times that room for formulas and formatting.
   */
  partBytes: 8 * 1024 * 1024,
  /** Unpacked ÷ packed for a part of more than 1 MB; real sheet XML packs 5–30 times. */
  ratio: 250,
} as const;

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export const MESSAGES = {
  tooLarge: (bytes: number) => `文件过大（${formatBytes(bytes)}），上限为 ${formatBytes(MAX_FILE_BYTES)}：请只保留需要导入的工作表，或分几次导入。`,
  tooManyCells: (cells: number) => `表格内容过多（${cells} 个非空单元格），上限为 ${MAX_CELLS} 个：请分几次导入。`,
  areaTooLarge: (sheet: string) => `工作表“${sheet}”的使用范围过大（可能有远处的零散单元格），上限为 ${MAX_SHEET_AREA} 个单元格：请删除多余的行列后另存再导入。`,
  totalAreaTooLarge: `各工作表的使用范围合计过大，上限为 ${READ_LIMITS.totalArea} 个单元格：请只保留需要导入的工作表，或分几次导入。`,
  tooManyRows: `表格行数过多：连同空行已超过上限 ${READ_LIMITS.rows} 行。请删除多余的空行，或分几次导入。`,
  tooManyCellsRead: `表格单元格过多：连同空单元格已超过上限 ${READ_LIMITS.cells} 个（可能有大片空白行列，或整行整列设置了格式）。请删除多余的行列后另存，或分几次导入。`,
  tooManyColumns: (row: number) => `第 ${row} 行的列数过多，上限为 ${READ_LIMITS.columns} 列：请检查文件是否为正常的表格（分隔符是否正确），或删除多余的列。`,
  lineTooLong: (row: number) => `第 ${row} 行过长，上限为 ${READ_LIMITS.lineChars} 个字符：请检查文件是否为正常的表格（引号是否成对）。`,
  cellTooLong: (where: string) => `${where}的内容过长，上限为 ${READ_LIMITS.cellChars} 个字符（Excel 单元格的上限）：请删减后再导入。`,
  tooMuchText: `表格中的文字过多，上限为 ${READ_LIMITS.textChars} 个字符：请只保留需要导入的内容，或分几次导入。`,
  tooManyStrings: `表格中不同的文字过多，上限为 ${READ_LIMITS.sharedStrings} 条：请只保留需要导入的内容，或分几次导入。`,
  tooManyFormats: `表格中的单元格格式过多，上限为 ${READ_LIMITS.cellFormats} 种：请在 Excel 或 WPS 中清除多余的格式后另存，再导入。`,
  tooManyMerges: `表格中的合并单元格过多，上限为 ${READ_LIMITS.merges} 处：请取消多余的合并后另存，再导入。`,
  partTooLarge: (bytes: number) =>
    `文件中的一个工作表（或其文字、格式）解压后过大（${formatBytes(bytes)}），上限为 ${formatBytes(ZIP_LIMITS.partBytes)}：表格内容过多，请只保留需要导入的工作表和行列，或分几次导入。`,
  empty: "文件是空的：没有任何内容。",
  emptySheets: "表格中没有任何数据：所有工作表都是空的。",
  notSpreadsheet: (what: string) => `这不是表格文件${what}：请上传 Excel（.xlsx）或 CSV 文件，或直接粘贴单元格。`,
  oldXls: "这是旧版 Excel（.xls）格式，无法读取：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。",
  encrypted: "文件设置了打开密码（已加密），无法读取：请在 Excel 或 WPS 中取消密码后另存，再导入。",
  corrupt: "文件已损坏或不完整，无法读取：请在 Excel 或 WPS 中打开确认后重新保存，再导入。",
  zipBomb: "文件解压后异常巨大（疑似“压缩炸弹”），已拒绝读取。",
  notExcelZip: (what: string) => `这是压缩文件${what}，不是 Excel 表格：请上传 .xlsx 或 .csv 文件。`,
  ods: "这是 OpenDocument 表格（.ods）：请在 WPS 或 LibreOffice 中“另存为” .xlsx 后再导入。",
  undecodable: "无法识别文件的文字编码：请另存为“CSV UTF-8”或 .xlsx 后再导入。",
} as const;
