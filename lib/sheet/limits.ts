/** What an uploaded file may hold, and what its zip container may unpack to. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_CELLS = 20_000;
/** Rows × columns of a sheet's used area: a few stray cells far away must not make a huge grid. */
export const MAX_SHEET_AREA = 400_000;

export const ZIP_LIMITS = {
  entries: 1_000,
  /** An xlsx of 20 000 cells unpacks to a few megabytes; this leaves room for styles and images. */
  totalBytes: 60 * 1024 * 1024,
  entryBytes: 40 * 1024 * 1024,
  /** Unpacked ÷ packed for a part of more than 1 MB; real sheet XML packs 5–30 times. */
  ratio: 250,
} as const;

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export const MESSAGES = {
  tooLarge: (bytes: number) => `文件过大（${formatBytes(bytes)}），上限为 ${formatBytes(MAX_FILE_BYTES)}：请只保留需要导入的工作表，或分几次导入。`,
  tooManyCells: (cells: number) => `表格内容过多（${cells} 个非空单元格），上限为 ${MAX_CELLS} 个：请分几次导入。`,
  areaTooLarge: (sheet: string) => `工作表“${sheet}”的使用范围过大（可能有远处的零散单元格）：请删除多余的行列后另存再导入。`,
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
