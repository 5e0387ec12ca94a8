import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/catalog";
import { exportWorkbook } from "@/lib/export/figures-file";
import { bulletinWorkbook } from "@/tests/fixtures/bulletin";
import { BLANK, columnLetters, parseAddress, type Cell, type Range, type Sheet } from "./grid";
import { MAX_CELLS, MESSAGES, READ_LIMITS } from "./limits";
import { readXlsx, type SheetsRead } from "./read-xlsx";
import { templateXlsx } from "./template";
import { TODAY, workbookBytes } from "./test-support";

/** Building and reading tens of thousands of cells can be slow on a busy machine; no timing is asserted. */
const HEAVY = 60_000;

/**
 * The reader this one replaced: exceljs loads the whole workbook, then its visible sheets become
 * grids. Kept here as the reference the streaming reader must agree with on every workbook it can load.
 */
async function readWithExceljsLoad(bytes: Buffer): Promise<SheetsRead> {
  const workbook = new ExcelJS.Workbook();
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  await workbook.xlsx.load(copy);
  const sheets: Sheet[] = [];
  for (const worksheet of workbook.worksheets) {
    if (worksheet.state !== "visible") continue;
    const found: { row: number; col: number; cell: Cell }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const value = fromValue(cell.value, /%/.test(cell.numFmt ?? ""));
        if (value.kind !== "blank") found.push({ row: rowNumber - 1, col: colNumber - 1, cell: value });
      });
    });
    const height = Math.max(0, ...found.map((entry) => entry.row + 1));
    const width = Math.max(0, ...found.map((entry) => entry.col + 1));
    const rows: Cell[][] = Array.from({ length: height }, () => Array.from({ length: width }, () => BLANK));
    for (const entry of found) {
      const row = rows[entry.row];
      if (row) row[entry.col] = entry.cell;
    }
    sheets.push({ name: worksheet.name, rows, merges: worksheet.model.merges.flatMap(rangeOf) });
  }
  return { ok: true, sheets };
}

function rangeOf(text: string): Range[] {
  const [from, to] = text.split(":");
  const start = from ? parseAddress(from) : null;
  const end = to ? parseAddress(to) : start;
  return start && end ? [{ top: start.row, left: start.col, bottom: end.row, right: end.col }] : [];
}

function fromValue(value: ExcelJS.CellValue, percent: boolean): Cell {
  if (value === null || value === undefined) return BLANK;
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value, percent } : { kind: "error", text: "#NUM!" };
  if (typeof value === "string") return { kind: "text", text: value };
  if (typeof value === "boolean") return { kind: "bool", value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: "error", text: "#VALUE!" } : { kind: "date", date: value };
  if ("error" in value) return { kind: "error", text: value.error };
  if ("richText" in value) return { kind: "text", text: value.richText.map((run) => run.text).join("") };
  if ("hyperlink" in value) return { kind: "text", text: String(value.text) };
  if ("result" in value && value.result !== undefined) return fromValue(value.result, percent);
  return { kind: "formula", formula: "sharedFormula" in value ? value.sharedFormula : value.formula };
}

async function expectSameAsLoad(bytes: Buffer): Promise<Sheet[]> {
  const streamed = await readXlsx(bytes);
  expect(streamed).toEqual(await readWithExceljsLoad(bytes));
  return streamed.ok ? streamed.sheets : [];
}

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name));

describe("the streaming reader reads what exceljs's whole-workbook load read", () => {
  it("numbers, shared and rich text, booleans, errors, dates and % formats, a hyperlink's text", async () => {
    const sheets = await expectSameAsLoad(
      await workbookBytes((workbook) => {
        const sheet = workbook.addWorksheet("数据");
        sheet.addRow(["指标", new Date(Date.UTC(2026, 0, 1)), "2026年2月", 2026.1]);
        sheet.addRow(["新增注册用户", 120, "１３０", -0.5]);
        sheet.addRow([{ richText: [{ text: "累计", font: { bold: true } }, { text: "注册用户" }] }, 14432, true, { error: "#N/A" }]);
        const rate = sheet.addRow(["精准科普覆盖率", 0.0487, 0.05, 12.5]);
        rate.getCell(2).numFmt = "0.00%";
        rate.getCell(3).numFmt = "0%";
        rate.getCell(4).numFmt = '0.0"%"';
        const dated = sheet.addRow(["日期", 46023, 46054.5, 46000]);
        dated.getCell(2).numFmt = "yyyy-mm-dd";
        dated.getCell(3).numFmt = 'yyyy"年"m"月"';
        dated.getCell(4).numFmt = "mm-dd-yy";
        sheet.addRow([{ text: "天府科技云", hyperlink: "https://example.com" }, "  带空格 ", "", "_x000D_不是转义"]);
        sheet.getCell("F9").value = "远处的单元格";
      }),
    );
    expect(sheets[0]?.rows[2]?.[0]).toEqual({ kind: "text", text: "累计注册用户" });
    expect(sheets[0]?.rows[3]?.[1]).toEqual({ kind: "number", value: 0.0487, percent: true });
    expect(sheets[0]?.rows[4]?.[1]).toEqual({ kind: "date", date: new Date(Date.UTC(2026, 0, 1)) });
  });

  it("formulas as their cached results — number, text, TRUE/FALSE, error, date — and one saved without a result", async () => {
    const sheets = await expectSameAsLoad(
      await workbookBytes((workbook) => {
        const sheet = workbook.addWorksheet("公式");
        sheet.addRow(["新增个人用户", 100, 110]);
        sheet.addRow(["新增企事业单位", 3, 4]);
        sheet.addRow(["新增注册用户", { formula: "B1+B2", result: 103 }, { formula: "C1+C2", result: { error: "#DIV/0!" } }]);
        sheet.addRow(["文字", { formula: 'CONCAT("a","b")', result: "ab" }, { formula: "B1>C1", result: true }]);
        sheet.addRow(["无结果", { formula: "B1*2" }, { formula: "0.1+0.2", result: 0.30000000000000004 }]);
        const date = sheet.addRow(["日期", { formula: "DATE(2026,3,1)", result: 46082 }]);
        date.getCell(2).numFmt = "yyyy-mm-dd";
        sheet.getCell("D1").value = { formula: "B1*2", result: 200 };
        sheet.getCell("D2").value = { sharedFormula: "D1", result: 6 };
        sheet.getCell("D3").value = { sharedFormula: "D1" };
      }),
    );
    expect(sheets[0]?.rows[2]?.[2]).toEqual({ kind: "error", text: "#DIV/0!" });
    expect(sheets[0]?.rows[4]?.[1]).toEqual({ kind: "formula", formula: "B1*2" });
    expect(sheets[0]?.rows[2]?.[3]).toEqual({ kind: "formula", formula: "D1" });
  });

  it("a formula whose cached result is FALSE reads as FALSE (exceljs's load dropped the result)", async () => {
    const read = await readXlsx(await workbookBytes((workbook) => workbook.addWorksheet("公式").addRow([{ formula: "1>2", result: false }])));
    expect(read).toEqual({ ok: true, sheets: [{ name: "公式", rows: [[{ kind: "bool", value: false }]], merges: [] }] });
  });

  it("merged ranges, their other cells holding the top-left value; hidden and very hidden sheets left out", async () => {
    const sheets = await expectSameAsLoad(
      await workbookBytes((workbook) => {
        const sheet = workbook.addWorksheet("通报");
        sheet.addRow(["2026年10月通报"]);
        sheet.mergeCells("A1:E1");
        sheet.addRow(["单位", "科普服务量", "", "排名"]);
        sheet.mergeCells("B2:C2");
        sheet.mergeCells("A2:A3");
        sheet.mergeCells("E2:E3");
        sheet.addRow(["", "数值", "全省排名"]);
        sheet.addRow(["西区", 878.44, 12]);
        workbook.addWorksheet("隐藏", { state: "hidden" }).addRow(["不读"]);
        workbook.addWorksheet("很隐藏", { state: "veryHidden" }).addRow(["也不读"]);
        workbook.addWorksheet("空表");
      }),
    );
    expect(sheets.map((sheet) => sheet.name)).toEqual(["通报", "空表"]);
    expect(sheets[0]?.rows[0]?.[4]).toEqual({ kind: "text", text: "2026年10月通报" });
  });

  it("a workbook whose dates count from 1904", async () => {
    await expectSameAsLoad(
      await workbookBytes((workbook) => {
        workbook.properties.date1904 = true;
        const row = workbook.addWorksheet("1904").addRow(["期间", 44561]);
        row.getCell(2).numFmt = "yyyy-mm";
      }),
    );
  });

  it("the app's own templates, its export, the province bulletin and a LibreOffice file", async () => {
    const stored = () => new Map();
    for (const layout of ["wide", "long"] as const) {
      await expectSameAsLoad(await templateXlsx({ year: 2026, layout, organization: "西区科协", catalog: CATALOG, stored, today: TODAY }));
    }
    const at = new Date("2026-11-02T01:30:00Z");
    const figure = { valueAbove: null, valueBelow: null, isDemo: false, note: "=1+1", enteredBy: "zhangsan", enteredByName: "张三", enteredAt: at };
    await expectSameAsLoad(
      await exportWorkbook(
        [{ ...figure, key: "nanny_new", name: "促成“保姆式”服务单数", unit: "单", kind: "flow", decimals: 0, period: "2026-10", value: 40, rankedUnits: null }],
        [],
        { organization: "西区科协", generatedAt: at, filterText: "全部" },
      ),
    );
    await expectSameAsLoad((await bulletinWorkbook()).buffer);
    await expectSameAsLoad(fixture("libreoffice-formulas.xlsx"));
  }, HEAVY);

  it("a workbook streamed without shared strings, and cells written inline as a generator writes them", async () => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
    const sheet = writer.addWorksheet("流式");
    sheet.addRow(["指标", "2026年1月", "2026年2月"]).commit();
    const rate = sheet.addRow(["精准科普覆盖率", 0.0487, { formula: "B2*2", result: 0.0974 }]);
    rate.getCell(2).numFmt = "0.00%";
    rate.commit();
    sheet.commit();
    await writer.commit();
    await expectSameAsLoad(Buffer.concat(chunks));
    const inline = handWritten(
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>指标</t></is></c><c r="B1" t="inlineStr"><is><r><t>2026年</t></r><r><rPr><b/></rPr><t>3月</t></r></is></c></row></sheetData>',
    );
    expect(await expectSameAsLoad(inline)).toEqual([{ name: "数据", rows: [[{ kind: "text", text: "指标" }, { kind: "text", text: "2026年3月" }]], merges: [] }]);
  });

  it("20 000 cells of text, as many as an import may hold", async () => {
    await expectSameAsLoad(
      await workbookBytes((workbook) => {
        const sheet = workbook.addWorksheet("数据");
        for (let row = 0; row < MAX_CELLS / 20; row += 1) sheet.addRow(Array.from({ length: 20 }, (_, col) => `单位${row}-${col}`));
      }),
    );
  }, HEAVY);
});

/** A workbook of one sheet written by hand: the sheet's XML inside <worksheet>, plus any other parts. */
function handWritten(sheetXml: string, extra: Record<string, string> = {}): Buffer {
  const text = (value: string) => new TextEncoder().encode(value);
  const parts: Record<string, Uint8Array> = {
    "[Content_Types].xml": text("<Types/>"),
    "xl/workbook.xml": text(
      '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    "xl/_rels/workbook.xml.rels": text(
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    "xl/worksheets/sheet1.xml": text(`<worksheet>${sheetXml}</worksheet>`),
  };
  for (const [name, value] of Object.entries(extra)) parts[name] = text(value);
  return Buffer.from(zipSync(parts));
}

const repeat = (count: number, make: (index: number) => string) => Array.from({ length: count }, (_, index) => make(index)).join("");

async function refusalOf(bytes: Buffer): Promise<string> {
  const read = await readXlsx(bytes);
  if (read.ok) throw new Error("expected the workbook to be refused");
  return read.message;
}

describe("a workbook is refused at the first limit it passes, counted on what is read", () => {
  it("rows, blank ones included", async () => {
    const bytes = handWritten(`<sheetData>${repeat(READ_LIMITS.rows + 1, (index) => `<row r="${index + 1}"/>`)}</sheetData>`);
    expect(await refusalOf(bytes)).toBe(MESSAGES.tooManyRows);
  }, HEAVY);

  it("cells, formatted empty ones included", async () => {
    const row = repeat(1000, () => `<c s="1"><v></v></c>`);
    const bytes = handWritten(`<sheetData>${repeat(READ_LIMITS.cells / 1000 + 1, () => `<row>${row}</row>`)}</sheetData>`);
    expect(await refusalOf(bytes)).toBe(MESSAGES.tooManyCellsRead);
  }, HEAVY);

  it("a cell longer than Excel allows, and more text than an import may hold", async () => {
    const long = "长".repeat(READ_LIMITS.cellChars + 1);
    expect(await refusalOf(handWritten(`<sheetData><row><c r="B2" t="inlineStr"><is><t>${long}</t></is></c></row></sheetData>`))).toBe(
      MESSAGES.cellTooLong("工作表“数据”的单元格 B2"),
    );
    const strings = `<sst>${repeat(200, () => `<si><t>${"a".repeat(READ_LIMITS.textChars / 200 + 1)}</t></si>`)}</sst>`;
    expect(await refusalOf(handWritten("<sheetData/>", { "xl/sharedStrings.xml": strings }))).toBe(MESSAGES.tooMuchText);
  }, HEAVY);

  it("more shared strings, cell formats or merged ranges than any real workbook has", async () => {
    const strings = `<sst>${repeat(READ_LIMITS.sharedStrings + 1, () => "<si><t>a</t></si>")}</sst>`;
    expect(await refusalOf(handWritten("<sheetData/>", { "xl/sharedStrings.xml": strings }))).toBe(MESSAGES.tooManyStrings);
    const styles = `<styleSheet><cellXfs>${repeat(READ_LIMITS.cellFormats + 1, () => '<xf numFmtId="0"/>')}</cellXfs></styleSheet>`;
    expect(await refusalOf(handWritten("<sheetData/>", { "xl/styles.xml": styles }))).toBe(MESSAGES.tooManyFormats);
    const merges = `<mergeCells>${repeat(READ_LIMITS.merges + 1, (index) => `<mergeCell ref="A${index * 2 + 1}:A${index * 2 + 2}"/>`)}</mergeCells>`;
    expect(await refusalOf(handWritten(`<sheetData/>${merges}`))).toBe(MESSAGES.tooManyMerges);
  }, HEAVY);

  it("one merged range over a million cells: refused as too many cells, without making them", async () => {
    const bytes = handWritten('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>');
    expect(await refusalOf(bytes)).toBe(MESSAGES.tooManyCells(16384 * 1048576));
  });

  it("a data validation or a column range over a whole sheet is not expanded (exceljs's load made a cell or a column of each)", async () => {
    const bytes = handWritten(
      '<cols><col min="1" max="2000000000" width="9"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' +
        '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>',
    );
    const read = await readXlsx(bytes);
    expect(read).toEqual({ ok: true, sheets: [{ name: "数据", rows: [[{ kind: "number", value: 1, percent: false }]], merges: [] }] });
  });

  it("grids that together are too large, though each sheet's is not", async () => {
    // 1 000 rows × 400 columns: a sheet's whole allowance, three times over
    const farCell = `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1000"><c r="${columnLetters(399)}1000"><v>2</v></c></row></sheetData>`;
    const sheets = [1, 2, 3].map((n) => `<sheet name="表${n}" sheetId="${n}" r:id="rId${n}"/>`).join("");
    const rels = [1, 2, 3].map((n) => `<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/>`).join("");
    const bytes = handWritten(farCell, {
      "xl/workbook.xml": `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets}</sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": `<Relationships>${rels}</Relationships>`,
      "xl/worksheets/sheet2.xml": `<worksheet>${farCell}</worksheet>`,
      "xl/worksheets/sheet3.xml": `<worksheet>${farCell}</worksheet>`,
    });
    expect(await refusalOf(bytes)).toBe(MESSAGES.totalAreaTooLarge);
  });

  it("refuses XML that is not well formed, or a cell with a broken address, as corrupt", async () => {
    expect(await refusalOf(handWritten("<sheetData><row><c><v>1</v></row></sheetData>"))).toBe(MESSAGES.corrupt);
    expect(await refusalOf(handWritten('<sheetData><row><c r="1A"><v>1</v></c></row></sheetData>'))).toBe(MESSAGES.corrupt);
    expect(await refusalOf(handWritten('<sheetData><row><c r="A1" t="s"><v>7</v></c></row></sheetData>'))).toBe(MESSAGES.corrupt);
  });
});
