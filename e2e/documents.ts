/** Reading back the documents the app hands out: Word text, slides' chart series, a workbook. */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Download } from "@playwright/test";
import fs from "node:fs";

export async function downloaded(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file);
}

/** A Word document's text, a paragraph a line. */
export async function wordText(body: Buffer): Promise<string> {
  const xml = (await (await JSZip.loadAsync(body)).file("word/document.xml")?.async("string")) ?? "";
  return xml
    .split(/<\/w:p>/)
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(""))
    .join("\n");
}

/** Every chart of a deck: each series' name and values (a gap is null). */
export async function chartSeries(body: Buffer): Promise<{ name: string; values: (number | null)[] }[]> {
  const zip = await JSZip.loadAsync(body);
  const charts = await Promise.all(Object.keys(zip.files).filter((name) => /^ppt\/charts\/chart\d+\.xml$/.test(name)).map((name) => zip.file(name)?.async("string") ?? ""));
  return charts.flatMap((xml) =>
    [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map(([, series = ""]) => ({
      name: /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(series)?.[1] ?? "",
      values: [...(/<c:val>([\s\S]*?)<\/c:val>/.exec(series)?.[1] ?? "").matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map(([, value]) =>
        value === "" || value === undefined ? null : Number(value),
      ),
    })),
  );
}

export async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const copy = new ArrayBuffer(body.byteLength);
  new Uint8Array(copy).set(body);
  await workbook.xlsx.load(copy);
  return workbook;
}

export function rowNamed(sheet: ExcelJS.Worksheet | undefined, name: string, column = 2): ExcelJS.Row | undefined {
  let found: ExcelJS.Row | undefined;
  sheet?.eachRow((row) => {
    if (String(row.getCell(column).value).trim() === name) found = row;
  });
  return found;
}
