import fs from "node:fs";
import path from "node:path";
import { zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/catalog";
import { MAX_CELLS, MAX_FILE_BYTES, MESSAGES } from "./limits";
import { NO_LAYOUT_MESSAGE, planImport } from "./plan";
import { readPaste, readUpload } from "./read-file";
import { figureLines, planFile, TODAY, workbookBytes } from "./test-support";

/** Building and reading tens of megabytes can be slow on a busy machine; no timing is asserted. */
const HEAVY = 60_000;

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name));

async function refusal(bytes: Uint8Array, name = "upload.xlsx"): Promise<string> {
  const read = await readUpload(bytes, name);
  if (read.ok) throw new Error("expected the file to be refused");
  return read.message;
}

/** Offsets of a zip's central directory records (signature PK\1\2). */
function centralRecords(zip: Uint8Array): number[] {
  const offsets: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i += 1) {
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x01 && zip[i + 3] === 0x02) offsets.push(i);
  }
  return offsets;
}

function minimalWorkbookZip(extra: Zippable = {}): Uint8Array {
  return zipSync({ "[Content_Types].xml": new TextEncoder().encode("<Types/>"), "xl/workbook.xml": new TextEncoder().encode("<workbook/>"), ...extra });
}

describe("files that are read", () => {
  it("reads an xlsx saved by LibreOffice: formulas as its computed values, a number stored as text", async () => {
    const plan = await planFile(fixture("libreoffice-formulas.xlsx"));
    expect(plan.problems).toEqual([]);
    expect(figureLines(plan)).toEqual([
      "2026-01 users_new 103", "2026-01 users_new_individual 100", "2026-01 users_new_org 3", "2026-01 users_total 14432",
      "2026-02 users_new 114", "2026-02 users_new_individual 110", "2026-02 users_new_org 4", "2026-02 users_total 14542",
    ]);
  });

  it("reads a CSV saved by Excel as UTF-8 with a byte-order mark", async () => {
    const plan = await planFile(fixture("excel-utf8-bom.csv"), "figures.csv");
    expect(figureLines(plan)).toEqual(["2026-01 users_new 120", "2026-02 users_new 1130", "2026-03 deal_amount_total 13900"]);
  });

  it("reads a CSV saved by WPS in GBK", async () => {
    const plan = await planFile(fixture("wps-gbk.csv"), "数据.csv");
    expect(figureLines(plan)).toEqual([
      "2025 demand_new 2100",
      "2025-10 supply_total 9400", "2025-10 demand_new 160",
      "2025-11 supply_total 9500", "2025-11 demand_new 170",
    ]);
  });

  it("reads Excel's Unicode text (UTF-16 with a byte-order mark, tab-separated)", async () => {
    const text = "\ufeff指标\t2026年5月\r\n新增注册用户\t150\r\n";
    const bytes = Buffer.from(text, "utf16le");
    expect(figureLines(await planFile(bytes, "figures.txt"))).toEqual(["2026-05 users_new 150"]);
  });

  it("says so when a readable sheet holds nothing it can import", async () => {
    const read = readPaste("姓名\t电话\n张三\t123\n");
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(planImport(read.sheets, CATALOG, TODAY)).toEqual({ ok: false, message: NO_LAYOUT_MESSAGE });
  });
});

describe("bad files get a clear message and no exception", () => {
  it("refuses an empty file and a workbook whose sheets are empty", async () => {
    expect(await refusal(new Uint8Array())).toBe(MESSAGES.empty);
    expect(await refusal(await workbookBytes((workbook) => workbook.addWorksheet("Sheet1")))).toBe(MESSAGES.emptySheets);
    expect(readPaste("  \n\t\n")).toEqual({ ok: false, message: MESSAGES.empty });
  });

  it("refuses a file over 5 MB before reading it", async () => {
    const message = await refusal(new Uint8Array(MAX_FILE_BYTES + 1), "big.csv");
    expect(message).toBe(MESSAGES.tooLarge(MAX_FILE_BYTES + 1));
    expect(message).toContain("上限为 5.0 MB");
  });

  it("refuses more than 20 000 cells, in a CSV and in an xlsx", async () => {
    const csv = Array.from({ length: MAX_CELLS / 10 + 1 }, () => "1,2,3,4,5,6,7,8,9,10").join("\n");
    expect(await refusal(Buffer.from(csv), "many.csv")).toContain("上限为 20000 个");
    const xlsx = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("数据");
      for (let row = 0; row < 2001; row += 1) sheet.addRow(Array.from({ length: 10 }, (_, col) => row * 10 + col));
    });
    expect(await refusal(xlsx)).toBe(MESSAGES.tooManyCells(20010));
  }, HEAVY);

  it("refuses a sheet whose used area is huge because of a stray far-away cell", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("数据");
      sheet.getCell("A1").value = "指标";
      sheet.getCell("ZZ9000").value = 1;
    });
    expect(await refusal(bytes)).toBe(MESSAGES.areaTooLarge("数据"));
  });

  it("refuses files that are not spreadsheets: PDF, images, other binaries", async () => {
    expect(await refusal(Buffer.from("%PDF-1.7\n..."), "report.pdf")).toBe(MESSAGES.notSpreadsheet("（这是 PDF 文件）"));
    expect(await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), "figures.xlsx")).toBe(MESSAGES.notSpreadsheet("（这是图片）"));
    expect(await refusal(Buffer.from([0x01, 0x00, 0x02, 0x00, 0x03]), "figures.csv")).toBe(MESSAGES.notSpreadsheet(""));
  });

  it("refuses old .xls files and password-protected workbooks, both OLE containers", async () => {
    expect(await refusal(fixture("old-format.xls"), "old.xls")).toBe(MESSAGES.oldXls);
    // an Office file with an opening password: an OLE container whose directory names an EncryptedPackage stream
    const encrypted = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(1000),
      Buffer.from("EncryptionInfo", "utf16le"),
      Buffer.alloc(50),
      Buffer.from("EncryptedPackage", "utf16le"),
      Buffer.alloc(500),
    ]);
    expect(await refusal(encrypted)).toBe(MESSAGES.encrypted);
  });

  it("refuses a zip whose parts are encrypted", async () => {
    const zip = minimalWorkbookZip({ "xl/worksheets/sheet1.xml": new TextEncoder().encode("<worksheet/>") });
    for (const offset of centralRecords(zip)) zip[offset + 8] = (zip[offset + 8] ?? 0) | 1;
    expect(await refusal(zip)).toBe(MESSAGES.encrypted);
  });

  it("refuses a truncated or garbled xlsx as corrupt", async () => {
    const good = await workbookBytes((workbook) => workbook.addWorksheet("数据").addRow(["指标", "2026-01"]));
    expect(await refusal(good.subarray(0, Math.floor(good.length / 2)))).toBe(MESSAGES.corrupt);
    const garbled = Buffer.from(good);
    garbled.fill(0x41, 200, 900);
    expect(await refusal(garbled)).toBe(MESSAGES.corrupt);
    expect(await refusal(Buffer.from("PK\u0003\u0004 not really a zip"))).toBe(MESSAGES.corrupt);
  });

  it("refuses zips that are not workbooks: a Word document, an OpenDocument sheet", async () => {
    const docx = zipSync({ "[Content_Types].xml": new Uint8Array(8), "word/document.xml": new Uint8Array(8) });
    expect(await refusal(docx, "report.xlsx")).toBe(MESSAGES.notExcelZip("（Word 文档）"));
    const ods = zipSync({ mimetype: new TextEncoder().encode("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": new Uint8Array(8) });
    expect(await refusal(ods, "figures.ods")).toBe(MESSAGES.ods);
  });

  it("refuses a zip bomb from its declared sizes, before inflating it", async () => {
    const bomb = minimalWorkbookZip({ "xl/worksheets/sheet1.xml": [new Uint8Array(45 * 1024 * 1024), { level: 9 }] });
    expect(bomb.length).toBeLessThan(MAX_FILE_BYTES);
    expect(await refusal(bomb)).toBe(MESSAGES.zipBomb);
  }, HEAVY);

  it("refuses a zip bomb that lies about its sizes, without holding what it inflates", async () => {
    const zip = minimalWorkbookZip({ "xl/worksheets/sheet1.xml": new Uint8Array(30 * 1024 * 1024) });
    const records = centralRecords(zip);
    const sheetRecord = records.find((offset) => Buffer.from(zip.subarray(offset + 46, offset + 46 + 24)).toString() === "xl/worksheets/sheet1.xml");
    expect(sheetRecord).toBeDefined();
    // declare 1 000 bytes unpacked where 30 MB come out
    new DataView(zip.buffer, zip.byteOffset).setUint32((sheetRecord ?? 0) + 24, 1000, true);
    expect(await refusal(zip)).toBe(MESSAGES.zipBomb);
  }, HEAVY);

  it("reads any byte soup without throwing", async () => {
    for (let seed = 1; seed <= 30; seed += 1) {
      const bytes = Buffer.alloc(200 + seed * 37, 0).map((_, index) => (index * 7919 + seed * 104729) % 251);
      if (seed % 3 === 0) bytes.set([0x50, 0x4b, 0x03, 0x04]);
      const read = await readUpload(bytes, "x.xlsx");
      expect(typeof read.ok).toBe("boolean");
    }
  });
});
