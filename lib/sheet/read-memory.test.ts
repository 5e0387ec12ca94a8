/**
 * The audit's worst imports, each read in a process started as `npm start` starts the server
 * (node --max-old-space-size=256 --max-semi-space-size=4, the code bundled as the server's is): each
 * must be refused with a Chinese message, and the process's peak resident memory stay under 300 MB.
 * Before reading was bounded, each of these ran the process out of heap.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeAnswer } from "@/tests/support/read-probe";
import { MAX_FILE_BYTES, MESSAGES, ZIP_LIMITS } from "./limits";

const run = promisify(execFile);
/** Building a 1 000 000-cell workbook and reading 5 MB files can be slow on a busy machine; no timing is asserted. */
const HEAVY = 180_000;
const PEAK_LIMIT_KB = 300 * 1024;
const ROOT = path.resolve(import.meta.dirname, "../..");

let dir = "";
let probe = "";

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-read-memory-"));
  probe = path.join(dir, "read-probe.cjs");
  await build({
    entryPoints: [path.join(ROOT, "tests/support/read-probe.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    outfile: probe,
    logLevel: "warning",
  });
}, HEAVY);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Read `file` in a process of its own, started like the server; a crash fails with its output. */
async function probeRead(mode: "paste" | "upload" | "xlsx", file: string): Promise<ProbeAnswer> {
  try {
    const { stdout } = await run(process.execPath, ["--max-old-space-size=256", "--max-semi-space-size=4", probe, mode, file], {
      // the bundle keeps its packages external: they are found in the project's node_modules
      env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") },
      maxBuffer: 1024 * 1024,
    });
    const answer: ProbeAnswer = JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
    return answer;
  } catch (error) {
    const detail = error instanceof Error && "stderr" in error ? String(error.stderr).split("\n").slice(-6).join("\n") : String(error);
    throw new Error(`the reading process died: ${detail}`);
  }
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** A sheet of `rows` × 10 numbers, written as exceljs streams it (1 000 000 cells take about 3 MB). */
async function numbersWorkbook(name: string, rows: number): Promise<string> {
  const file = path.join(dir, name);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet("数据");
  for (let row = 0; row < rows; row += 1) sheet.addRow(Array.from({ length: 10 }, (_, col) => (row * 10 + col) % 1000)).commit();
  sheet.commit();
  await workbook.commit();
  return file;
}

/** Refused with `message` (every limit's message is Chinese and names the limit), the process's peak under 300 MB. */
function expectRefusedWithin(answer: ProbeAnswer, message: string | RegExp): void {
  expect(answer.ok).toBe(false);
  expect(answer.message).toMatch(/上限/);
  if (typeof message === "string") expect(answer.message).toBe(message);
  else expect(answer.message).toMatch(message);
  expect(answer.peakKB).toBeGreaterThan(0);
  expect(answer.peakKB).toBeLessThan(PEAK_LIMIT_KB);
}

const FIVE_MB = MAX_FILE_BYTES - 1;

describe("the worst imports are refused while they are read, in bounded memory", () => {
  it("5 MB of newlines, pasted and as a CSV", async () => {
    const file = write("newlines.csv", `${"\n".repeat(FIVE_MB - 1)}1`);
    for (const mode of ["paste", "upload"] as const) expectRefusedWithin(await probeRead(mode, file), MESSAGES.tooManyRows);
  }, HEAVY);

  it("5 MB of commas, pasted and as a CSV", async () => {
    const file = write("commas.csv", `${",".repeat(FIVE_MB - 1)}1`);
    for (const mode of ["paste", "upload"] as const) expectRefusedWithin(await probeRead(mode, file), MESSAGES.lineTooLong(1));
  }, HEAVY);

  it("5 MB of empty cells in rows of 1 000", async () => {
    const line = `${",".repeat(999)}\n`;
    const file = write("blank-grid.csv", `1${line.repeat(Math.floor(FIVE_MB / line.length) - 1)}`);
    expectRefusedWithin(await probeRead("upload", file), MESSAGES.tooManyCellsRead);
  }, HEAVY);

  it("an xlsx of 1 000 000 numeric cells (3 MB), through the upload and through the workbook reader alone", async () => {
    const file = await numbersWorkbook("million.xlsx", 100_000);
    expect(fs.statSync(file).size).toBeLessThan(MAX_FILE_BYTES);
    // its sheet unpacks to some 30 MB, where a real 20 000-cell sheet takes under 1 MB
    const tooLarge = new RegExp(`^文件中的一个工作表（或其文字、格式）解压后过大（\\d+\\.\\d MB），上限为 ${ZIP_LIMITS.partBytes / 1024 / 1024}\\.0 MB`);
    expectRefusedWithin(await probeRead("upload", file), tooLarge);
    // the workbook reader bounds itself too, with no zip guard in front of it
    expectRefusedWithin(await probeRead("xlsx", file), tooLarge);
  }, HEAVY);

  it("a 1 KB xlsx whose data validation, or merged range, covers millions of cells", async () => {
    const text = (value: string) => new TextEncoder().encode(value);
    const workbook = (sheetXml: string) =>
      Buffer.from(
        zipSync({
          "[Content_Types].xml": text("<Types/>"),
          "xl/workbook.xml": text('<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>'),
          "xl/_rels/workbook.xml.rels": text(
            '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
          ),
          "xl/worksheets/sheet1.xml": text(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>${sheetXml}</worksheet>`),
        }),
      );
    // exceljs's whole-workbook load made an entry for each of the 4 million cells validated: the file itself is fine
    const validated = write("validated.xlsx", workbook('<dataValidations count="1"><dataValidation type="whole" sqref="A1:D1048576"><formula1>0</formula1></dataValidation></dataValidations>'));
    const answer = await probeRead("upload", validated);
    expect(answer).toMatchObject({ ok: true, cells: 1 });
    expect(answer.peakKB).toBeLessThan(PEAK_LIMIT_KB);
    // and a cell for each of the million merged ones
    const merged = write("merged.xlsx", workbook('<mergeCells count="1"><mergeCell ref="A1:Z40000"/></mergeCells>'));
    expect(fs.statSync(merged).size).toBeLessThan(2048);
    expectRefusedWithin(await probeRead("upload", merged), MESSAGES.tooManyCells(26 * 40_000));
  }, HEAVY);

  it("an xlsx of 200 000 numeric cells within the part allowance is counted as it streams", async () => {
    const file = await numbersWorkbook("two-hundred-thousand.xlsx", 20_000);
    for (const mode of ["upload", "xlsx"] as const) expectRefusedWithin(await probeRead(mode, file), MESSAGES.tooManyCells(200_000));
  }, HEAVY);
});
