/**
 * Reads one file as an import does, in a process of its own, and prints what came out with the
 * process's peak resident memory (VmHWM). lib/sheet/read-memory.test.ts bundles it as the server is
 * bundled and runs it with the server's node flags, so a file that would exhaust the server's heap
 * exhausts this process instead and shows as a crash.
 *
 *   node read-probe.cjs paste|upload|xlsx <file>
 *
 * `paste` reads the file's text as pasted cells, `upload` as an uploaded file (zip guard included),
 * `xlsx` hands the bytes straight to the workbook reader, with no zip guard in front of it.
 */
import fs from "node:fs";
import { readPaste, readUpload, type ReadOutcome } from "@/lib/sheet/read-file";
import { readXlsx } from "@/lib/sheet/read-xlsx";

export type ProbeAnswer = { ok: boolean; message: string; cells: number; peakKB: number };

function peakKB(): number {
  const match = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return match?.[1] ? Number(match[1]) : Number.NaN;
}

async function read(mode: string, file: string): Promise<ReadOutcome | { ok: false; message: string }> {
  if (mode === "paste") return readPaste(fs.readFileSync(file, "utf8"));
  if (mode === "upload") return readUpload(new Uint8Array(fs.readFileSync(file)), file);
  if (mode === "xlsx") {
    const read = await readXlsx(fs.readFileSync(file));
    return read.ok ? { ok: true, kind: "xlsx", sheets: read.sheets } : read;
  }
  return { ok: false, message: `unknown mode ${mode}` };
}

async function main(): Promise<void> {
  const [mode = "", file = ""] = process.argv.slice(2);
  const outcome = await read(mode, file);
  const cells = outcome.ok ? outcome.sheets.reduce((sum, sheet) => sum + sheet.rows.reduce((count, row) => count + row.length, 0), 0) : 0;
  const answer: ProbeAnswer = { ok: outcome.ok, message: outcome.ok ? "" : outcome.message, cells, peakKB: peakKB() };
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}

void main();
