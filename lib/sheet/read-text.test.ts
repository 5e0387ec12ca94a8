import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Cell } from "./grid";
import { MAX_CELLS, MESSAGES, READ_LIMITS } from "./limits";
import { readDelimitedText } from "./read-text";

function refusal(text: string): string {
  const read = readDelimitedText(text, "CSV");
  if (read.ok) throw new Error("expected the text to be refused");
  return read.message;
}

/** The text as papaparse reads it in one go, as cells (the reader parses it a chunk at a time). */
function parsedWhole(text: string): Cell[][] {
  const rows = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: false }).data.map((row) =>
    row.map((value): Cell => (value.trim() === "" ? { kind: "blank" } : { kind: "text", text: value })),
  );
  while (rows.length > 0 && rows.at(-1)?.every((cell) => cell.kind === "blank")) rows.pop();
  return rows;
}

describe("delimited text read a chunk at a time", () => {
  it("reads rows across chunk boundaries exactly as a whole parse: quoted commas and line breaks, CR LF, blank rows", () => {
    const filler = "（说明文字）".repeat(8);
    const lines = Array.from({ length: 4000 }, (_, index) =>
      index % 7 === 0 ? "" : index % 5 === 0 ? `"第${index}行\r\n换行",",逗号,",${index}` : `单位${index}${filler},"${index},000",,${index * 3}`,
    );
    const text = `${lines.join("\r\n")}\r\n\r\n`;
    expect(text.length).toBeGreaterThan(3 * 64 * 1024);
    const read = readDelimitedText(text, "CSV");
    expect(read).toEqual({ ok: true, sheets: [{ name: "CSV", rows: parsedWhole(text), merges: [] }] });
  });

  it("takes cells copied from Excel or WPS as tab-separated", () => {
    const read = readDelimitedText("指标\t2026年1月\n新增注册用户\t1,200\n", "粘贴内容");
    expect(read.ok && read.sheets[0]?.rows).toEqual([
      [{ kind: "text", text: "指标" }, { kind: "text", text: "2026年1月" }],
      [{ kind: "text", text: "新增注册用户" }, { kind: "text", text: "1,200" }],
    ]);
  });
});

describe("delimited text is refused at the first limit it passes, counted on what is read", () => {
  it("rows, blank ones included", () => {
    expect(refusal(`a\n${"\n".repeat(READ_LIMITS.rows)}b`)).toBe(MESSAGES.tooManyRows);
  });

  it("a row of more fields than a sheet has columns, and a row longer than a line may be", () => {
    expect(refusal(`a,b\n${",".repeat(READ_LIMITS.columns)}\n`)).toBe(MESSAGES.tooManyColumns(2));
    expect(refusal(`a;b\n${"x".repeat(READ_LIMITS.lineChars + 1)}\n`)).toBe(MESSAGES.lineTooLong(2));
  });

  it("a quoted field left open, read no further than a line's worth past its start", () => {
    expect(refusal(`a,b\n"${"x,\n".repeat(READ_LIMITS.lineChars)}`)).toBe(MESSAGES.lineTooLong(2));
  });

  it("cells, empty ones included", () => {
    const row = `${",".repeat(99)}\n`;
    expect(refusal(`1${row.repeat(READ_LIMITS.cells / 100 + 1)}`)).toBe(MESSAGES.tooManyCellsRead);
  });

  it("a used area too large for the grid it makes: one wide row above thousands of blank ones", () => {
    expect(refusal(`${"x,".repeat(999)}x\n${"\n".repeat(1000)}y`)).toBe(MESSAGES.areaTooLarge("CSV"));
  });

  it("a cell longer than Excel allows", () => {
    expect(refusal(`a,${"长".repeat(READ_LIMITS.cellChars + 1)}\n`)).toBe(MESSAGES.cellTooLong("第 1 行第 2 列"));
  });

  it("more cells with a value than an import takes, with how many there are", () => {
    const text = Array.from({ length: MAX_CELLS / 10 + 3 }, () => "1,2,3,4,5,6,7,8,9,10").join("\n");
    expect(refusal(text)).toBe(MESSAGES.tooManyCells(MAX_CELLS + 30));
  });
});
