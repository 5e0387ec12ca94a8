/**
 * The meeting's slides: a title slide, the key figures, the 总体分析, the 保姆式 monthly bars with the
 * monthly target as a line, the provincial ranking trends (第1名 at the top) and the red items with
 * their 原因 and 下步措施. Charts are native PowerPoint charts whose data can be edited in PowerPoint
 * or WPS (not pictures); every text is set at a size that fits its box, and long lists run on to
 * further slides. Renders the pack only.
 */
import PptxGenJS from "pptxgenjs";
import { rankRowsAxis } from "../chart-scale";
import type { Pack, PackRedItem } from "./model";
import { fitSize, textHeight } from "./text-fit";

/** A font that holds Chinese in PowerPoint and WPS (LibreOffice substitutes its own CJK sans). */
export const SLIDE_FONT = "微软雅黑";
const WIDTH = 10;
const HEIGHT = 5.625;
const MARGIN = 0.45;
const INNER = WIDTH - 2 * MARGIN;
const PT = 72;
const INK = "1F2937";
const MUTED = "64748B";
const BRAND = "1D4ED8";
const STATUS_COLOURS: Record<string, string> = { green: "047857", amber: "B45309", red: "B91C1C", pending: "475569", none: "64748B" };
const TEXT_INSET = 4;
/**
 * The share of a box's width the estimate may fill: renderers space Latin from Chinese and set bold
 * wider, so text is planned narrower than the box.
 */
const SLACK = 0.86;

type Slide = ReturnType<PptxGenJS["addSlide"]>;

/**
 * A chart point, or a gap for a month without a figure. pptxgenjs takes numbers only and writes any
 * value that is neither truthy nor 0 as an empty point (a gap in PowerPoint); NaN is such a number.
 */
function gapOr(value: number | null): number {
  return value === null ? Number.NaN : value;
}
type Box = { x: number; y: number; w: number; h: number };

/** A text set at the largest size in `range` that fits `box` (the smallest, cut to fit, if none does). */
function fittedText(slide: Slide, text: string, box: Box, range: { max: number; min: number }, style: PptxGenJS.TextPropsOptions = {}): number {
  const area = { width: (box.w * PT - 2 * TEXT_INSET) * SLACK, height: box.h * PT - 2 * TEXT_INSET };
  const size = fitSize(text, area, range) ?? range.min;
  slide.addText(text, { ...box, fontFace: SLIDE_FONT, fontSize: size, color: INK, margin: TEXT_INSET, valign: "top", lineSpacingMultiple: 1.0, ...style });
  return size;
}

function slideTitle(slide: Slide, pack: Pack, text: string): void {
  fittedText(slide, text, { x: MARGIN, y: 0.25, w: INNER, h: 0.6 }, { max: 24, min: 14 }, { bold: true, color: BRAND, valign: "middle" });
  slide.addShape("line", { x: MARGIN, y: 0.88, w: INNER, h: 0, line: { color: BRAND, width: 1.5 } });
  slide.addText(`${pack.organization.name} · ${pack.title}${pack.draft ? "（草稿）" : ""}`, {
    x: MARGIN, y: HEIGHT - 0.35, w: INNER, h: 0.25, fontFace: SLIDE_FONT, fontSize: 8, color: MUTED, margin: 0,
  });
}

function titleSlide(pptx: PptxGenJS, pack: Pack): void {
  const slide = pptx.addSlide();
  slide.background = { color: "FFFFFF" };
  slide.addShape("rect", { x: 0, y: 0, w: WIDTH, h: 0.18, fill: { color: BRAND }, line: { color: BRAND } });
  fittedText(slide, pack.organization.name, { x: MARGIN, y: 1.3, w: INNER, h: 0.6 }, { max: 24, min: 14 }, { align: "center", color: MUTED });
  fittedText(slide, `${pack.title}${pack.draft ? "（草稿）" : ""}`, { x: MARGIN, y: 1.95, w: INNER, h: 1.2 }, { max: 36, min: 20 }, { align: "center", bold: true, valign: "middle" });
  fittedText(slide, `${pack.quarterText}（${pack.monthsText}）`, { x: MARGIN, y: 3.2, w: INNER, h: 0.5 }, { max: 18, min: 12 }, { align: "center", color: MUTED });
  const notes = [pack.dateText, pack.demo ? "含示例数据（非真实填报）" : null].filter(Boolean).join(" · ");
  fittedText(slide, notes, { x: MARGIN, y: 4.3, w: INNER, h: 0.4 }, { max: 14, min: 10 }, { align: "center", color: MUTED });
}

function keyFiguresSlide(pptx: PptxGenJS, pack: Pack): void {
  const slide = pptx.addSlide();
  slideTitle(slide, pack, `关键指标（${pack.quarterText}）`);
  const figures = pack.keyFigures.slice(0, 8);
  const columns = 4;
  const gap = 0.15;
  const cardW = (INNER - gap * (columns - 1)) / columns;
  const cardH = 1.55;
  figures.forEach((figure, index) => {
    const x = MARGIN + (index % columns) * (cardW + gap);
    const y = 1.05 + Math.floor(index / columns) * (cardH + gap);
    slide.addShape("rect", { x, y, w: cardW, h: cardH, fill: { color: "F8FAFC" }, line: { color: "CBD5E1", width: 0.75 } });
    fittedText(slide, figure.name, { x: x + 0.05, y: y + 0.05, w: cardW - 0.1, h: 0.45 }, { max: 12, min: 8 }, { color: MUTED });
    fittedText(slide, figure.compactText, { x: x + 0.05, y: y + 0.5, w: cardW - 0.1, h: 0.55 }, { max: 24, min: 12 }, { bold: true, valign: "middle" });
    const foot = [figure.statusLabel, figure.changeText].filter(Boolean).join(" · ");
    if (foot) {
      fittedText(slide, foot, { x: x + 0.05, y: y + 1.07, w: cardW - 0.1, h: 0.42 }, { max: 11, min: 8 }, { color: figure.status ? (STATUS_COLOURS[figure.status] ?? MUTED) : MUTED });
    }
  });
  if (figures.length === 0) fittedText(slide, "本季度关键指标尚未填报。", { x: MARGIN, y: 1.2, w: INNER, h: 0.6 }, { max: 18, min: 12 });
  const counts = pack.statusCounts.map((count) => `${count.label} ${count.count} 项`).join("　");
  fittedText(slide, `目标评估：${counts}\n${pack.judgedAtText}\n${pack.approval.text}`, { x: MARGIN, y: 4.35, w: INNER, h: 0.9 }, { max: 12, min: 8 }, { color: MUTED });
}

/** The analysis, its paragraphs spread over as many slides as they need at a readable size. */
function analysisSlides(pptx: PptxGenJS, pack: Pack): void {
  const box = { x: MARGIN, y: 1.05, w: INNER, h: HEIGHT - 1.55 };
  const area = { width: (box.w * PT - 2 * TEXT_INSET) * SLACK, height: box.h * PT - 2 * TEXT_INSET };
  const size = 14;
  const note = pack.overall.saved ? null : "（系统根据填报数据草拟，尚未经工作人员审定保存）";
  const paragraphs = [...pack.overall.text.split("\n").filter((line) => line.trim() !== ""), ...(note ? [note] : [])];
  // sentence by sentence, so that a long paragraph fills a slide before running on to the next
  const sentences = paragraphs.flatMap((paragraph) => sentencesOf(paragraph).map((text, index) => ({ text, opens: index === 0 })));
  const pages = paginate(sentences, (page) => textHeight(joinSentences(page), size, area.width, 1.3) <= area.height, () => null);
  pages.forEach((page, index) => {
    const slide = pptx.addSlide();
    slideTitle(slide, pack, `总体分析${pages.length > 1 ? `（${index + 1}/${pages.length}）` : ""}`);
    fittedText(slide, joinSentences(page), box, { max: size, min: 9 }, { lineSpacingMultiple: 1.1, paraSpaceAfter: 4 });
  });
}

/** Sentences (and the clauses a ；ends) of a paragraph, each with its punctuation. */
function sentencesOf(paragraph: string): string[] {
  return paragraph.split(/(?<=[。；！？])/).filter((sentence) => sentence !== "");
}

/** Sentences back into text: a sentence that opens a paragraph starts a new line. */
function joinSentences(sentences: readonly { text: string; opens: boolean }[]): string {
  return sentences.map((sentence, index) => (sentence.opens && index > 0 ? `\n${sentence.text}` : sentence.text)).join("");
}

function nannySlide(pptx: PptxGenJS, pack: Pack): void {
  const nanny = pack.charts.nanny;
  if (!nanny) return;
  const slide = pptx.addSlide();
  slideTitle(slide, pack, nanny.title);
  const labels = nanny.bars.map((bar) => bar.label);
  const bars = { name: nanny.name, labels, values: nanny.bars.map((bar) => gapOr(bar.value)) };
  const box = { x: MARGIN, y: 1.0, w: INNER, h: HEIGHT - 1.5 };
  const common = {
    fontFace: SLIDE_FONT,
    catAxisLabelFontFace: SLIDE_FONT,
    valAxisLabelFontFace: SLIDE_FONT,
    legendFontFace: SLIDE_FONT,
    catAxisLabelFontSize: 10,
    valAxisLabelFontSize: 10,
    showLegend: true,
    legendPos: "b" as const,
    legendFontSize: 10,
    valAxisMinVal: 0,
    displayBlanksAs: "gap",
  };
  if (nanny.threshold === null) {
    slide.addChart(pptx.ChartType.bar, [bars], { ...box, ...common, barDir: "col", chartColors: [BRAND], showValue: true, dataLabelFontSize: 9 });
    return;
  }
  const threshold = nanny.threshold;
  const line = { name: `目标：月均 ${threshold} ${nanny.unit}`, labels, values: labels.map(() => threshold) };
  const types: PptxGenJS.IChartMulti[] = [
    { type: pptx.ChartType.bar, data: [bars], options: { barDir: "col", chartColors: [BRAND], showValue: true, dataLabelFontSize: 9 } },
    { type: pptx.ChartType.line, data: [line], options: { chartColors: ["DC2626"], lineDataSymbol: "none", lineSize: 2, lineDash: "dash" } },
  ];
  const options: PptxGenJS.IChartOpts = { ...box, ...common };
  // a combined chart takes its options second (pptxgenjs reads `data || options` there); its type
  // definitions declare that argument as data only
  Reflect.apply(slide.addChart, slide, [types, options]);
}

function rankSlide(pptx: PptxGenJS, pack: Pack): void {
  const ranks = pack.charts.ranks;
  const slide = pptx.addSlide();
  slideTitle(slide, pack, ranks.title);
  const box = { x: MARGIN, y: 1.0, w: INNER, h: HEIGHT - 1.5 };
  if (ranks.rows.length === 0 || ranks.series.length === 0) {
    fittedText(slide, "暂无排名数据。", { x: MARGIN, y: 1.2, w: INNER, h: 0.6 }, { max: 18, min: 12 });
    return;
  }
  const labels = ranks.rows.map((row) => row.label);
  const data = ranks.series.map((series) => ({
    name: series.name,
    labels,
    values: ranks.rows.map((row) => {
      const value = row[series.key];
      return gapOr(typeof value === "number" ? value : null);
    }),
  }));
  // the pages' axis (lib/chart-scale): zoomed to the places shown, ticks a whole step apart from the top
  const axis = rankRowsAxis(ranks.rows, ranks.series.map((series) => series.key), { rankedUnits: ranks.rankedUnits });
  const options: PptxGenJS.IChartOpts = {
    ...box,
    fontFace: SLIDE_FONT,
    catAxisLabelFontFace: SLIDE_FONT,
    valAxisLabelFontFace: SLIDE_FONT,
    legendFontFace: SLIDE_FONT,
    catAxisLabelFontSize: 9,
    valAxisMajorUnit: axis.step,
    valAxisLabelFontSize: 10,
    showLegend: true,
    legendPos: "b",
    legendFontSize: 10,
    valAxisMinVal: axis.domain[0],
    valAxisMaxVal: axis.domain[1],
    valAxisTitle: ranks.rankedUnits ? `名次（共${ranks.rankedUnits}个单位）` : "名次",
    showValAxisTitle: true,
    valAxisTitleFontSize: 10,
    lineDataSymbol: "circle",
    lineDataSymbolSize: 6,
    lineSize: 2,
    // with more than two lines the labels would cover each other: the axis and grid carry the places
    showValue: data.length <= 2,
    dataLabelFontSize: 9,
    dataLabelPosition: "t",
    displayBlanksAs: "gap",
    chartColors: ["1D4ED8", "059669", "D97706", "DC2626", "7C3AED"],
  };
  // 第1名 at the top: the value axis runs from max to min. pptxgenjs 4.0.1 declares only "minMax"
  // for this option, though it writes whatever it is given into <c:orientation>.
  Object.assign(options, { valAxisOrientation: "maxMin" });
  slide.addChart(pptx.ChartType.line, data, options);
}

/** Row heights of the red-items table, in points, at `size`. */
const RED_COLUMNS = [1.9, 2.5, 2.25, 2.45];
function redRowHeight(item: PackRedItem, size: number): number {
  const cells = redCells(item);
  return Math.max(...cells.map((text, index) => textHeight(text, size, ((RED_COLUMNS[index] ?? 2) * PT - 8) * SLACK, 1.2))) + 8;
}

function redCells(item: PackRedItem): string[] {
  return [
    item.name,
    `${item.target.label}（${item.target.basis}）\n${[item.target.summary, item.target.catchUpText].filter(Boolean).join("；")}`,
    item.cause ?? "待填写",
    item.nextStep ?? "待填写",
  ];
}

function redSlides(pptx: PptxGenJS, pack: Pack): void {
  const size = 11;
  const available = (HEIGHT - 1.05 - 0.5) * PT - 24;
  if (pack.red.length === 0) {
    const slide = pptx.addSlide();
    slideTitle(slide, pack, pack.sections.red.title);
    fittedText(slide, "本季度没有未达标的指标。", { x: MARGIN, y: 1.2, w: INNER, h: 0.6 }, { max: 18, min: 12 }, { color: STATUS_COLOURS.green });
    return;
  }
  const pages = paginate(pack.red, (page) => page.reduce((sum, item) => sum + redRowHeight(item, size), 0) <= available, () => null);
  pages.forEach((page, index) => {
    const slide = pptx.addSlide();
    slideTitle(slide, pack, `${pack.sections.red.title}（${pack.red.length}项${pages.length > 1 ? `，${index + 1}/${pages.length}` : ""}）`);
    const header = ["指标", "目标与完成情况", "原因", "下步措施"].map((text) => ({
      text,
      options: { bold: true, fill: { color: "E2E8F0" }, fontFace: SLIDE_FONT, fontSize: size, color: INK },
    }));
    // a single item taller than a slide is set smaller until it fits
    const pageSize = page.length === 1 && (page[0] ? redRowHeight(page[0], size) : 0) > available
      ? shrinkToFit(page[0], available)
      : size;
    const rows = page.map((item) =>
      redCells(item).map((text, column) => ({
        text,
        options: {
          fontFace: SLIDE_FONT,
          fontSize: pageSize,
          color: column >= 2 && (text === "待填写") ? STATUS_COLOURS.red : INK,
          bold: column === 0,
        },
      })),
    );
    slide.addTable([header, ...rows], {
      x: MARGIN, y: 1.05, w: INNER, colW: RED_COLUMNS, fontFace: SLIDE_FONT, fontSize: size, valign: "top",
      border: { type: "solid", pt: 0.75, color: "94A3B8" }, margin: 0.05,
    });
  });
}

function shrinkToFit(item: PackRedItem | undefined, available: number): number {
  if (!item) return 11;
  for (let size = 11; size > 6; size -= 0.5) if (redRowHeight(item, size) <= available) return size;
  return 6;
}

/**
 * Items spread over pages in order: each page takes as many as `fits` allows, at least one. An item
 * too big for a page on its own may be split by `split` (a paragraph into sentences).
 */
export function paginate<T>(items: readonly T[], fits: (page: T[]) => boolean, split: (item: T) => T[] | null): T[][] {
  const queue = [...items];
  const pages: T[][] = [];
  let page: T[] = [];
  while (queue.length > 0) {
    const item = queue.shift();
    if (item === undefined) break;
    if (fits([...page, item])) {
      page.push(item);
      continue;
    }
    if (page.length > 0) {
      pages.push(page);
      page = [];
      queue.unshift(item);
      continue;
    }
    const parts = split(item);
    if (parts && parts.length > 1) {
      queue.unshift(...parts);
      continue;
    }
    pages.push([item]);
  }
  if (page.length > 0) pages.push(page);
  return pages;
}


export async function renderPackPptx(pack: Pack): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_16x9";
  pptx.author = pack.organization.name;
  pptx.company = pack.organization.name;
  pptx.title = pack.title;
  pptx.theme = { headFontFace: SLIDE_FONT, bodyFontFace: SLIDE_FONT };
  titleSlide(pptx, pack);
  keyFiguresSlide(pptx, pack);
  analysisSlides(pptx, pack);
  nannySlide(pptx, pack);
  rankSlide(pptx, pack);
  redSlides(pptx, pack);
  const output = await pptx.write({ outputType: "nodebuffer" });
  if (!(output instanceof Uint8Array)) throw new Error("pptxgenjs did not return a buffer");
  return Buffer.from(output);
}
