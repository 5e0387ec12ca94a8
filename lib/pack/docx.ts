/**
 * Word documents of the pack and of a month's report, in the layout of a 党政机关公文 (GB/T 9704):
 * A4, a centred title in 小标宋, body in 仿宋 三号 with first-line indents, headings numbered 一、二、
 * in 黑体, tables whose header row repeats on every page, "第 n 页 共 m 页" at the foot, and the
 * unit and date at the end. The font table names a fallback for each font (仿宋_GB2312 → 仿宋,
 * 方正小标宋简体 → 宋体), so Word and WPS without the official fonts still show the right family.
 * Renders the model only.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeightRule,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from "docx";
import JSZip from "jszip";
import type { Pack, PackRow, PackTarget } from "./model";
import type { MonthReport } from "./month-report";
import { chineseNumber } from "./sections";
import { columnEm, layoutTable, wrapFigure } from "./table-layout";

/** Font names as official documents give them, each with the fallback written into the font table. */
export const DOC_FONTS = {
  title: { name: "方正小标宋简体", fallback: "宋体" },
  heading: { name: "黑体", fallback: "SimHei" },
  subheading: { name: "楷体_GB2312", fallback: "楷体" },
  body: { name: "仿宋_GB2312", fallback: "仿宋" },
  table: { name: "宋体", fallback: "SimSun" },
  latin: { name: "Times New Roman", fallback: "Liberation Serif" },
} as const;
type FontRole = keyof typeof DOC_FONTS;

/** Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 五号 10.5pt, 小五 9pt. */
const SIZE = { title: 44, body: 32, small: 28, table: 21, note: 18 } as const;
/** A4 in twips, with the margins of GB/T 9704 (上37 下35 左28 右26 mm). */
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474 } as const;
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** A landscape page's text width: the portrait page turned, its top and bottom margins now at the sides. */
const LANDSCAPE_TEXT_WIDTH = PAGE.height - PAGE.top - PAGE.bottom;
/** A 三号 line: 28磅 line spacing as official documents set it. */
const LINE = 560;

function run(text: string, role: FontRole, size: number, more: Partial<IRunOptions> = {}): TextRun {
  const font = DOC_FONTS[role].name;
  return new TextRun({ text, font: { ascii: DOC_FONTS.latin.name, hAnsi: DOC_FONTS.latin.name, eastAsia: font, hint: "eastAsia" }, size, ...more });
}

function title(lines: readonly string[]): Paragraph[] {
  return lines.map(
    (line, index) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: 700, after: index === lines.length - 1 ? 240 : 0 },
        children: [run(line, "title", SIZE.title)],
      }),
  );
}

function centredNote(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: LINE, after: 120 }, children: [run(text, "subheading", SIZE.small)] });
}

function heading(text: string): Paragraph {
  return new Paragraph({ spacing: { line: LINE, before: 120 }, indent: { firstLine: 640 }, keepNext: true, children: [run(text, "heading", SIZE.body)] });
}

function subheading(text: string): Paragraph {
  return new Paragraph({ spacing: { line: LINE }, indent: { firstLine: 640 }, keepNext: true, children: [run(text, "subheading", SIZE.body)] });
}

/** A body paragraph: 仿宋 三号, two characters' first-line indent; an optional bold lead ("原因："). */
function body(text: string, lead?: string, options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { line: LINE },
    indent: { firstLine: 640 },
    alignment: AlignmentType.JUSTIFIED,
    keepNext: options.keepNext,
    children: [...(lead ? [run(lead, "body", SIZE.body, { bold: true })] : []), run(text, "body", SIZE.body)],
  });
}

type Align = "left" | "right" | "center";

function cell(text: string, options: { header?: boolean; span?: number; width?: number; align?: Align; shade?: string; size: number; keepNext?: boolean }): TableCell {
  const lines = text.split("\n");
  return new TableCell({
    columnSpan: options.span,
    width: options.width ? { size: options.width, type: WidthType.DXA } : undefined,
    verticalAlign: VerticalAlign.CENTER,
    shading: options.shade ? { fill: options.shade, color: "auto", type: "clear" } : undefined,
    margins: { top: 40, bottom: 40, left: CELL_MARGIN, right: CELL_MARGIN },
    children: lines.map(
      (line) =>
        new Paragraph({
          alignment: options.align === "right" ? AlignmentType.RIGHT : options.align === "center" || options.header ? AlignmentType.CENTER : AlignmentType.LEFT,
          // Word keeps a row whose paragraphs are "keep with next" on the page of the row after it
          keepNext: options.keepNext,
          children: [run(line, options.header ? "heading" : "table", options.size)],
        }),
    ),
  });
}

const TABLE_BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
/** Left and right cell margins, in twips (4 pt): the room `layoutTable` allows for. */
const CELL_MARGIN = 80;
/** Table text at 五号, or 小五 where 五号 does not fit the page. */
const TABLE_SIZES = [10.5, 9] as const;

export type DocColumn = {
  /** Lines separated by "\n": "环比\n（上季度）". */
  header: string;
  align: Align;
  /** "figure": keeps figures and short phrases whole; "text": running text, broken between characters. */
  wrap: "figure" | "text";
  /** A running-text column's share of the width left once every column has what it needs. */
  share?: number;
  minChars?: number;
};
export type DocRow = { cells: string[] } | { category: string };

/**
 * A table as wide as `width`, each column as wide as its longest unbreakable piece (lib/pack/
 * table-layout.ts), at 五号 or, where that does not fit, 小五. Its header row repeats on every page
 * and is kept with the first row below it, as is each category's row; no row breaks across pages.
 * `fits` is false when even 小五 does not fit.
 */
function dataTable(columns: readonly DocColumn[], rows: readonly DocRow[], width: number): { table: Table; fits: boolean } {
  const layout = layoutTable(
    columns.map((column, index) => ({ ...column, cells: rows.flatMap((row) => ("cells" in row ? [row.cells[index] ?? ""] : [])) })),
    width,
    TABLE_SIZES,
  );
  const { widths } = layout;
  const size = layout.sizePoints * 2;
  const table = new Table({
    width: { size: widths.reduce((sum, each) => sum + each, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: TABLE_BORDER, bottom: TABLE_BORDER, left: TABLE_BORDER, right: TABLE_BORDER, insideHorizontal: TABLE_BORDER, insideVertical: TABLE_BORDER },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        height: { value: 400, rule: HeightRule.ATLEAST },
        children: columns.map((column, index) =>
          cell(wrapFigure(column.header, columnEm(widths[index] ?? 0, layout.sizePoints), layout.loose), { header: true, width: widths[index], shade: "E5E7EB", size, keepNext: true }),
        ),
      }),
      ...rows.map((row) =>
        "cells" in row
          ? new TableRow({
              cantSplit: true,
              children: row.cells.map((text, index) => {
                const width = widths[index] ?? 0;
                // a figure column's lines are broken here, where they may be, so that no renderer breaks a figure
                const lines = columns[index]?.wrap === "figure" ? wrapFigure(text, columnEm(width, layout.sizePoints), layout.loose) : text;
                return cell(lines, { width, align: columns[index]?.align, size });
              }),
            })
          : new TableRow({ cantSplit: true, children: [cell(row.category, { span: columns.length, shade: "F3F4F6", size, keepNext: true })] }),
      ),
    ],
  });
  return { table, fits: layout.fits };
}

function targetText(targets: readonly PackTarget[]): string {
  if (targets.length === 0) return "未设目标";
  return targets
    .map((target) => [`【${target.statusLabel}】${target.label}`, target.resultText, target.catchUpText].filter(Boolean).join("，"))
    .join("\n");
}

/** The pack's table: the page's columns, a 序号 before them. */
const PACK_COLUMNS: DocColumn[] = [
  { header: "序号", align: "center", wrap: "figure" },
  { header: "指标", align: "left", wrap: "text", share: 1, minChars: 5 },
  { header: "本季度", align: "right", wrap: "figure" },
  { header: "本年\n累计", align: "right", wrap: "figure" },
  { header: "目标与达成", align: "left", wrap: "text", share: 1.5, minChars: 6 },
  { header: "环比\n（上季度）", align: "right", wrap: "figure" },
  { header: "同比\n（去年同季）", align: "right", wrap: "figure" },
  { header: "全省排名", align: "right", wrap: "figure" },
];

function packRowCells(number: number, packRow: PackRow): string[] {
  const { indicator } = packRow;
  const lines = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join("\n");
  const rank = packRow.rank ? lines(packRow.rank.text, packRow.rank.monthNote, packRow.rank.changeText) : "—";
  return [
    String(number),
    `${"　".repeat(indicator.depth)}${indicator.name}`,
    lines(packRow.quarter.text, packRow.quarter.missingText && `（${packRow.quarter.missingText}）`, packRow.quarter.averageText),
    packRow.yearToDate.text,
    targetText([...packRow.targets, ...(packRow.rank?.targets ?? [])]),
    lines(packRow.quarterOnQuarter.text, packRow.quarterOnQuarter.relativeText),
    lines(packRow.yearOnYear.text, packRow.yearOnYear.relativeText),
    rank,
  ];
}

/** The unit and the date, right-aligned under the text, as a document is signed off. */
function signOff(unit: string, date: string, draft: boolean): Paragraph[] {
  const line = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: LINE }, indent: { right: 640 }, children: [run(text, "body", SIZE.body)] });
  return [new Paragraph({ spacing: { line: LINE }, children: [] }), line(unit), line(`${date}${draft ? "（草稿）" : ""}`)];
}

function signatureLine(signatures: { unit: string; preparedBy: string | null; reviewedBy: string | null; date: string }): Paragraph {
  const blank = "＿＿＿＿";
  const text = `填报单位：${signatures.unit}　填报人：${signatures.preparedBy ?? blank}　审核人：${signatures.reviewedBy ?? blank}　日期：${signatures.date}`;
  return new Paragraph({ spacing: { before: 240 }, children: [run(text, "table", SIZE.table)] });
}

type Part = { landscape: boolean; children: (Paragraph | Table)[] };

/**
 * The document: A4 parts, portrait unless a part holds a table too wide for it. Every part repeats
 * the running header and the "第 n 页 共 m 页" footer, and the pages are numbered straight through.
 */
function document(options: { header: string; parts: Part[]; titleText: string }): Document {
  const pageNumber = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, font: { ascii: DOC_FONTS.latin.name, hAnsi: DOC_FONTS.latin.name, eastAsia: DOC_FONTS.table.name }, size: SIZE.small });
  const header = () =>
    new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(options.header, "table", SIZE.note)] })] });
  const footer = () =>
    new Footer({
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [pageNumber(["第 ", PageNumber.CURRENT, " 页 共 ", PageNumber.TOTAL_PAGES, " 页"])] })],
    });
  return new Document({
    creator: "科普KPI看板",
    title: options.titleText,
    styles: {
      default: {
        document: { run: { font: { ascii: DOC_FONTS.latin.name, hAnsi: DOC_FONTS.latin.name, eastAsia: DOC_FONTS.body.name }, size: SIZE.body } },
      },
    },
    sections: options.parts.filter((part) => part.children.length > 0).map((part) => ({
      properties: {
        page: {
          // given as portrait; docx turns it for a landscape part, whose margins turn with the page
          size: { width: PAGE.width, height: PAGE.height, orientation: part.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: part.landscape
            ? { top: PAGE.right, bottom: PAGE.left, left: PAGE.top, right: PAGE.bottom, header: 567, footer: 567 }
            : { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 851, footer: 992 },
        },
      },
      headers: { default: header() },
      footers: { default: footer() },
      children: part.children,
    })),
  });
}

/**
 * A table in the part it fits: under its heading in the portrait text if it fits there, else on
 * landscape pages of their own (heading included), the portrait text going on after them.
 */
function placeTable(parts: Part[], heading: Paragraph, columns: readonly DocColumn[], rows: readonly DocRow[]): void {
  const current = parts.at(-1);
  const portrait = dataTable(columns, rows, TEXT_WIDTH);
  if (portrait.fits && current && !current.landscape) {
    current.children.push(heading, portrait.table);
    return;
  }
  parts.push({ landscape: true, children: [heading, dataTable(columns, rows, LANDSCAPE_TEXT_WIDTH).table] }, { landscape: false, children: [] });
}

/** Writes the font table with a fallback (w:altName) for each font the document names. */
async function withFontFallbacks(buffer: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const fonts = Object.values(DOC_FONTS)
    .map(({ name, fallback }) => {
      const chinese = /[^\x00-\x7f]/.test(name);
      return `<w:font w:name="${name}"><w:altName w:val="${fallback}"/><w:charset w:val="${chinese ? "86" : "00"}"/><w:family w:val="${chinese ? "modern" : "roman"}"/><w:pitch w:val="${chinese ? "fixed" : "variable"}"/></w:font>`;
    })
    .join("");
  zip.file(
    "word/fontTable.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`,
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function pack(doc: Document): Promise<Buffer> {
  return withFontFallbacks(await Packer.toBuffer(doc));
}

export async function renderPackDocx(pack_: Pack): Promise<Buffer> {
  const { sections } = pack_;
  const parts: Part[] = [{ landscape: false, children: [] }];
  const add = (...children: (Paragraph | Table)[]) => parts.at(-1)?.children.push(...children);
  add(...title([pack_.organization.name, `${pack_.title}${pack_.draft ? "（草稿）" : ""}`]));
  add(centredNote(`（${pack_.quarterText}，${pack_.monthsText}）`));
  if (pack_.demo) add(centredNote("含示例数据（非真实填报）"));

  add(heading(sections.overview.heading));
  const counts = pack_.statusCounts.map((count) => `${count.label}${count.count}项`).join("，");
  add(body(`本季度对照目标评估：${counts}（其余指标未设目标）。${pack_.progressText ?? ""}${pack_.completenessText}`));
  add(body(pack_.judgedAtText));
  add(body(`审核情况：${pack_.approval.text}`));
  add(body(`${pack_.basisNote}。`));
  // the 总体分析 is part of 一、总体情况, as on the page
  if (!pack_.overall.saved) add(body("（以下总体分析为系统根据填报数据草拟的文字，尚未经工作人员审定保存。）"));
  pack_.overall.text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .forEach((paragraph, index) => add(body(paragraph, index === 0 ? "总体分析：" : undefined)));

  let serial = 0;
  placeTable(
    parts,
    heading(sections.table.heading),
    PACK_COLUMNS,
    pack_.categories.flatMap(({ name, rows }): DocRow[] => [{ category: name }, ...rows.map((packRow) => ({ cells: packRowCells((serial += 1), packRow) }))]),
  );

  add(heading(`${sections.red.heading}（${pack_.red.length}项）`));
  if (pack_.red.length === 0) add(body("本季度没有未达标的指标。"));
  pack_.red.forEach((item, index) => {
    add(subheading(`（${chineseNumber(index + 1)}）${item.name}`));
    // an item's paragraphs stay on one page
    add(body(`${item.target.label}（${item.target.basis}）：${[item.target.summary, item.target.catchUpText].filter(Boolean).join("；")}。`, "目标与完成情况：", { keepNext: true }));
    add(body(item.cause ?? "待填写", "原因：", { keepNext: true }));
    add(body(item.nextStep ?? "待填写", "下步措施："));
  });

  add(heading(sections.missing.heading));
  if (pack_.missing.items.length === 0) add(body(pack_.missing.emptyText));
  else add(body(pack_.missing.items.map((item) => `${item.name}${item.text}`).join("；") + "。", "缺报："));
  if (pack_.warnings.items.length === 0) add(body(pack_.warnings.emptyText, "一致性提醒："));
  else pack_.warnings.items.forEach((item, index) => add(body(`${item.monthText}：${item.message}`, index === 0 ? `一致性提醒（${pack_.warnings.items.length}条）：` : undefined)));

  add(heading(sections.charts.heading));
  const charts = [pack_.charts.nanny?.title, pack_.charts.ranks.title].filter(Boolean).join("；");
  add(body(`${charts}，见同一材料的推进会幻灯片（PPT，图表数据可在 PowerPoint、WPS 中编辑）。`));

  add(signatureLine(pack_.signatures));
  add(...signOff(pack_.organization.name, pack_.dateText, pack_.draft));
  return pack(document({ header: `${pack_.organization.name} · ${pack_.title}${pack_.draft ? "（草稿）" : ""}`, titleText: pack_.title, parts }));
}

/** The month's table: the report page's columns, a 序号 before them. */
const MONTH_COLUMNS: DocColumn[] = [
  { header: "序号", align: "center", wrap: "figure" },
  { header: "指标", align: "left", wrap: "text", share: 1, minChars: 5 },
  { header: "本月", align: "right", wrap: "figure" },
  { header: "较上月", align: "right", wrap: "figure" },
  { header: "本年累计", align: "right", wrap: "figure" },
  { header: "全省排名", align: "right", wrap: "figure" },
  { header: "目标评估", align: "left", wrap: "text", share: 1.5, minChars: 8 },
];

export async function renderMonthDocx(report: MonthReport): Promise<Buffer> {
  const { brief } = report;
  const parts: Part[] = [{ landscape: false, children: [] }];
  const add = (...children: (Paragraph | Table)[]) => parts.at(-1)?.children.push(...children);
  add(...title([report.organization.name, report.title]));
  add(centredNote(`（生成于 ${report.generatedText}）`));
  if (report.demo) add(centredNote("含示例数据（非真实填报）"));

  add(heading("一、工作简报"));
  if (!report.saved) add(body("（以下为系统根据填报数据草拟的文字，尚未经工作人员审定保存。）"));
  for (const paragraph of report.text.split("\n").filter((line) => line.trim() !== "")) add(body(paragraph));
  add(body(`审核情况：${report.approval.text}`));

  let serial = 0;
  const categories = [...new Set(brief.rows.map((item) => item.category))];
  placeTable(
    parts,
    heading("二、主要指标"),
    MONTH_COLUMNS,
    categories.flatMap((category): DocRow[] => [
      { category },
      ...brief.rows
        .filter((item) => item.category === category)
        .map((item) => ({
          cells: [
            String((serial += 1)),
            item.name,
            item.valueText,
            item.changeText ?? "—",
            item.yearToDateText ?? "—",
            item.rankText ? `${item.rankText}${item.rankChangeText ? `\n${item.rankChangeText}` : ""}` : "—",
            item.targetTexts.join("\n") || "未设目标",
          ],
        })),
    ]),
  );

  add(heading(`三、未达标指标（${brief.red.length}项）`));
  if (brief.red.length === 0) add(body("本年截至本月没有未达标的指标。"));
  brief.red.forEach((item, index) => add(body(`${item.summary}。`, `${index + 1}. ${item.name}：`)));

  add(heading("四、缺报情况"));
  const missing: string[] = [];
  if (brief.emptyMonths.length > 0) missing.push(`本年尚未填报的月份：${brief.emptyMonths.map((month) => `${Number(month.slice(5))}月`).join("、")}。`);
  if (brief.unreported.length > 0) missing.push(`本月未填报的指标（${brief.unreported.length}项）：${brief.unreported.join("、")}。`);
  add(body(missing.join("") || "本年截至本月各月均已填报。"));

  add(signatureLine(report.signatures));
  add(...signOff(report.organization.name, report.dateText, false));
  return pack(document({ header: `${report.organization.name} · ${report.title}`, titleText: report.title, parts }));
}
