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
function body(text: string, lead?: string): Paragraph {
  return new Paragraph({
    spacing: { line: LINE },
    indent: { firstLine: 640 },
    alignment: AlignmentType.JUSTIFIED,
    children: [...(lead ? [run(lead, "body", SIZE.body, { bold: true })] : []), run(text, "body", SIZE.body)],
  });
}

function cell(text: string, options: { header?: boolean; span?: number; width?: number; align?: "left" | "right" | "center"; shade?: string } = {}): TableCell {
  const lines = text.split("\n");
  return new TableCell({
    columnSpan: options.span,
    width: options.width ? { size: options.width, type: WidthType.DXA } : undefined,
    verticalAlign: VerticalAlign.CENTER,
    shading: options.shade ? { fill: options.shade, color: "auto", type: "clear" } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: lines.map(
      (line) =>
        new Paragraph({
          alignment: options.align === "right" ? AlignmentType.RIGHT : options.align === "center" || options.header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(line, options.header ? "heading" : "table", SIZE.table)],
        }),
    ),
  });
}

const TABLE_BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;

/** A table whose first row is a header repeated at the top of every page it runs onto. */
function table(headers: readonly string[], widths: readonly number[], rows: readonly TableRow[]): Table {
  const total = widths.reduce((sum, width) => sum + width, 0);
  const scaled = widths.map((width) => Math.floor((width / total) * TEXT_WIDTH));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: scaled,
    layout: TableLayoutType.FIXED,
    borders: { top: TABLE_BORDER, bottom: TABLE_BORDER, left: TABLE_BORDER, right: TABLE_BORDER, insideHorizontal: TABLE_BORDER, insideVertical: TABLE_BORDER },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        height: { value: 400, rule: HeightRule.ATLEAST },
        children: headers.map((header, index) => cell(header, { header: true, width: scaled[index], shade: "E5E7EB" })),
      }),
      ...rows,
    ],
  });
}

function row(cells: readonly TableCell[]): TableRow {
  return new TableRow({ cantSplit: true, children: [...cells] });
}

function categoryRow(name: string, columns: number): TableRow {
  return new TableRow({ cantSplit: true, children: [cell(name, { span: columns, shade: "F3F4F6" })] });
}

function targetText(targets: readonly PackTarget[]): string {
  if (targets.length === 0) return "未设目标";
  return targets
    .map((target) => [`【${target.statusLabel}】${target.label}`, target.resultText, target.catchUpText].filter(Boolean).join("，"))
    .join("\n");
}

function packRowCells(number: number, packRow: PackRow): TableCell[] {
  const { indicator } = packRow;
  const quarter = [packRow.quarter.text, packRow.quarter.missingText && `（${packRow.quarter.missingText}）`, packRow.quarter.averageText].filter(Boolean).join("\n");
  const comparison = (text: string, relative: string | null) => (relative ? `${text}\n${relative}` : text);
  const rank = packRow.rank ? `${packRow.rank.text}${packRow.rank.monthNote ?? ""}\n${packRow.rank.changeText}` : "—";
  return [
    cell(String(number), { align: "center" }),
    cell(`${"　".repeat(indicator.depth)}${indicator.name}`),
    cell(quarter, { align: "right" }),
    cell(packRow.yearToDate.text, { align: "right" }),
    cell(targetText([...packRow.targets, ...(packRow.rank?.targets ?? [])])),
    cell(comparison(packRow.quarterOnQuarter.text, packRow.quarterOnQuarter.relativeText), { align: "right" }),
    cell(comparison(packRow.yearOnYear.text, packRow.yearOnYear.relativeText), { align: "right" }),
    cell(rank, { align: "right" }),
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

function document(options: { header: string; children: (Paragraph | Table)[]; titleText: string }): Document {
  const pageNumber = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, font: { ascii: DOC_FONTS.latin.name, hAnsi: DOC_FONTS.latin.name, eastAsia: DOC_FONTS.table.name }, size: SIZE.small });
  return new Document({
    creator: "科普KPI看板",
    title: options.titleText,
    styles: {
      default: {
        document: { run: { font: { ascii: DOC_FONTS.latin.name, hAnsi: DOC_FONTS.latin.name, eastAsia: DOC_FONTS.body.name }, size: SIZE.body } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 851, footer: 992 },
          },
        },
        headers: {
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(options.header, "table", SIZE.note)] })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [pageNumber(["第 ", PageNumber.CURRENT, " 页 共 ", PageNumber.TOTAL_PAGES, " 页"])],
              }),
            ],
          }),
        },
        children: options.children,
      },
    ],
  });
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
  const children: (Paragraph | Table)[] = [];
  children.push(...title([pack_.organization.name, `${pack_.title}${pack_.draft ? "（草稿）" : ""}`]));
  children.push(centredNote(`（${pack_.quarterText}，${pack_.monthsText}）`));
  if (pack_.demo) children.push(centredNote("含示例数据（非真实填报）"));

  children.push(heading("一、总体情况"));
  const counts = pack_.statusCounts.map((count) => `${count.label}${count.count}项`).join("，");
  children.push(body(`本季度对照目标评估：${counts}（其余指标未设目标）。${pack_.progressText ?? ""}${pack_.completenessText}`));
  children.push(body(pack_.judgedAtText));
  children.push(body(`审核情况：${pack_.approval.text}`));
  children.push(body(`${pack_.basisNote}。`));

  children.push(heading("二、总体分析"));
  if (!pack_.overall.saved) children.push(body("（以下为系统根据填报数据草拟的文字，尚未经工作人员审定保存。）"));
  for (const paragraph of pack_.overall.text.split("\n").filter((line) => line.trim() !== "")) children.push(body(paragraph));

  children.push(heading("三、指标完成情况"));
  let serial = 0;
  const headers = ["序号", "指标", "本季度", "本年累计", "目标与达成", "环比（上季度）", "同比（去年同季）", "全省排名"];
  children.push(
    table(
      headers,
      [4, 22, 11, 9, 22, 11, 11, 11],
      pack_.categories.flatMap(({ name, rows }) => [categoryRow(name, headers.length), ...rows.map((packRow) => row(packRowCells((serial += 1), packRow)))]),
    ),
  );

  children.push(heading(`四、未达标指标及措施（${pack_.red.length}项）`));
  if (pack_.red.length === 0) children.push(body("本季度没有未达标的指标。"));
  pack_.red.forEach((item, index) => {
    children.push(subheading(`（${chineseNumber(index + 1)}）${item.name}`));
    children.push(body(`${item.target.label}（${item.target.basis}）：${[item.target.summary, item.target.catchUpText].filter(Boolean).join("；")}。`, "目标与完成情况："));
    children.push(body(item.cause ?? "待填写", "原因："));
    children.push(body(item.nextStep ?? "待填写", "下步措施："));
  });

  children.push(heading("五、缺报与数据一致性"));
  if (pack_.missing.items.length === 0) children.push(body(pack_.missing.emptyText));
  else children.push(body(pack_.missing.items.map((item) => `${item.name}${item.text}`).join("；") + "。", "缺报："));
  if (pack_.warnings.items.length === 0) children.push(body(pack_.warnings.emptyText, "一致性提醒："));
  else pack_.warnings.items.forEach((item, index) => children.push(body(`${item.monthText}：${item.message}`, index === 0 ? `一致性提醒（${pack_.warnings.items.length}条）：` : undefined)));

  children.push(signatureLine(pack_.signatures));
  children.push(...signOff(pack_.organization.name, pack_.dateText, pack_.draft));
  return pack(document({ header: `${pack_.organization.name} · ${pack_.title}${pack_.draft ? "（草稿）" : ""}`, titleText: pack_.title, children }));
}

export async function renderMonthDocx(report: MonthReport): Promise<Buffer> {
  const { brief } = report;
  const children: (Paragraph | Table)[] = [];
  children.push(...title([report.organization.name, report.title]));
  children.push(centredNote(`（生成于 ${report.generatedText}）`));
  if (report.demo) children.push(centredNote("含示例数据（非真实填报）"));

  children.push(heading("一、工作简报"));
  if (!report.saved) children.push(body("（以下为系统根据填报数据草拟的文字，尚未经工作人员审定保存。）"));
  for (const paragraph of report.text.split("\n").filter((line) => line.trim() !== "")) children.push(body(paragraph));
  children.push(body(`审核情况：${report.approval.text}`));

  children.push(heading("二、主要指标"));
  const headers = ["序号", "指标", "本月", "较上月", "本年累计", "全省排名", "目标评估"];
  let serial = 0;
  const categories = [...new Set(brief.rows.map((item) => item.category))];
  children.push(
    table(
      headers,
      [5, 22, 12, 10, 14, 13, 26],
      categories.flatMap((category) => [
        categoryRow(category, headers.length),
        ...brief.rows
          .filter((item) => item.category === category)
          .map((item) =>
            row([
              cell(String((serial += 1)), { align: "center" }),
              cell(item.name),
              cell(item.valueText, { align: "right" }),
              cell(item.changeText ?? "—", { align: "right" }),
              cell(item.yearToDateText ?? "—", { align: "right" }),
              cell(item.rankText ? `${item.rankText}${item.rankChangeText ? `\n${item.rankChangeText}` : ""}` : "—", { align: "right" }),
              cell(item.targetTexts.join("\n") || "未设目标"),
            ]),
          ),
      ]),
    ),
  );

  children.push(heading(`三、未达标指标（${brief.red.length}项）`));
  if (brief.red.length === 0) children.push(body("本年截至本月没有未达标的指标。"));
  brief.red.forEach((item, index) => children.push(body(`${item.summary}。`, `${index + 1}. ${item.name}：`)));

  children.push(heading("四、缺报情况"));
  const missing: string[] = [];
  if (brief.emptyMonths.length > 0) missing.push(`本年尚未填报的月份：${brief.emptyMonths.map((month) => `${Number(month.slice(5))}月`).join("、")}。`);
  if (brief.unreported.length > 0) missing.push(`本月未填报的指标（${brief.unreported.length}项）：${brief.unreported.join("、")}。`);
  children.push(body(missing.join("") || "本年截至本月各月均已填报。"));

  children.push(signatureLine(report.signatures));
  children.push(...signOff(report.organization.name, report.dateText, false));
  return pack(document({ header: `${report.organization.name} · ${report.title}`, titleText: report.title, children }));
}

/** 1 → 一, 12 → 十二 (for "（一）" headings). */
export function chineseNumber(value: number): string {
  const digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
  if (value < 10) return digits[value] ?? String(value);
  if (value < 20) return `十${value % 10 === 0 ? "" : digits[value % 10]}`;
  if (value < 100) return `${digits[Math.floor(value / 10)]}十${value % 10 === 0 ? "" : digits[value % 10]}`;
  return String(value);
}
