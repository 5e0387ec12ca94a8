import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { renderMonthDocx, renderPackDocx } from "./docx";
import { buildMonthReport } from "./month-report";
import { paginate, renderPackPptx } from "./pptx";
import { fitSize, lineCount } from "./text-fit";
import { monthBriefInput, packOf, TEN_MONTHS } from "./test-support";
import { POINTS_PER_WIDTH_UNIT, PRINTABLE_WIDTH, sheetPrint } from "../sheet-print";
import { renderPackWorkbook } from "./xlsx";

const pack = packOf(TEN_MONTHS, "2025-Q3", "2025-11", {
  comments: [
    { indicatorKey: "popsci_volume", topic: "cause", body: "=HYPERLINK(\"http://evil\",\"点我\") 活动场次不足" },
    { indicatorKey: "popsci_volume", topic: "next_step", body: "+1 每月开展社区科普活动4场" },
  ],
});

/** The text of a Word part: its runs, each paragraph on a line. */
function wordText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(""))
    .join("\n")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"');
}

async function unzip(buffer: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(buffer);
}

async function part(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`no ${name} in the file`);
  return file.async("string");
}

/** A chart's series: each name with the values of its points (a gap is null). */
function chartSeries(xml: string): { name: string; values: (number | null)[] }[] {
  return [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map(([, series = ""]) => {
    const name = /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(series)?.[1] ?? "";
    const values = /<c:val>([\s\S]*?)<\/c:val>/.exec(series)?.[1] ?? "";
    return { name, values: [...values.matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map(([, value]) => (value === "" || value === undefined ? null : Number(value))) };
  });
}

describe("the pack as a Word document", async () => {
  const zip = await unzip(await renderPackDocx(pack));
  const document = await part(zip, "word/document.xml");
  const text = wordText(document);

  it("holds the title, the numbered sections and the figures the page shows", () => {
    // its one red item has a cause and a next step: no longer a draft
    expect(pack.draft).toBe(false);
    expect(text).toContain("攀枝花市西区科学技术协会\n2025年第三季度工作推进会材料\n");
    // the page's sections, numbered as the page numbers them
    for (const section of ["一、总体情况", "二、指标完成情况", "三、未达标指标及措施（1项）", "四、缺报与数据一致性", "五、重点图表"]) {
      expect(text).toContain(section);
    }
    expect(Object.values(pack.sections).map((section) => section.heading)).toEqual(["一、总体情况", "二、指标完成情况", "三、未达标指标及措施", "四、缺报与数据一致性", "五、重点图表"]);
    expect(text).toContain(`总体分析：${pack.overall.text.split("\n")[0]}`);
    const users = pack.rows.find((row) => row.indicator.key === "users_new");
    expect(users?.quarter.text).toBe("246户");
    expect(text).toContain("246户");
    // a rank with N on two lines where the column is narrow, never broken inside a number
    expect(text).toMatch(/第1名\n?（共183）/);
    expect(text).toContain(pack.overall.text.split("\n")[0]);
    expect(text).toContain("原因：=HYPERLINK(\"http://evil\",\"点我\") 活动场次不足");
    expect(text).toContain("下步措施：+1 每月开展社区科普活动4场");
  });

  it("is A4 with a table header that repeats on every page, page numbers and the unit and date at the end", async () => {
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(document).toContain("<w:tblHeader/>");
    const footer = (await Promise.all(Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name)).map((name) => part(zip, name)))).join("");
    expect(footer).toMatch(/第 [\s\S]*PAGE[\s\S]* 页 共 [\s\S]*NUMPAGES[\s\S]* 页/);
    expect(text).toMatch(/填报单位：攀枝花市西区科学技术协会　填报人：张三　审核人：＿＿＿＿　日期：2025年11月1日/);
    expect(text.trim().split("\n").slice(-2)).toEqual(["攀枝花市西区科学技术协会", "2025年11月1日"]);
  });

  it("names 仿宋 and 宋体 family fonts, each with a fallback in the font table", async () => {
    expect(document).toContain('w:eastAsia="仿宋_GB2312"');
    const fonts = await part(zip, "word/fontTable.xml");
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
  });
});

describe("a pack whose figures are too wide for a portrait table", async () => {
  const huge = (value: number) => ({ "2024-09": value / 3, "2025-06": value / 2, "2025-09": value });
  const wide = packOf({ series: { deal_amount_total: huge(987654321098.55), popsci_volume: huge(987654321098.55), users_total: huge(987654321098) } }, "2025-Q3", "2025-11");
  const document = await part(await unzip(await renderPackDocx(wide)), "word/document.xml");

  it("sets the table on landscape pages of its own, the sections after it portrait again, every figure whole in a cell", () => {
    const sections = [...document.matchAll(/<w:pgSz [^>]*w:orient="(\w+)"/g)].map((match) => match[1]);
    expect(sections).toEqual(["portrait", "landscape", "portrait"]);
    const text = wordText(document);
    expect(text).toContain("987654321098.55万元");
    expect(text).toMatch(/二、指标完成情况[\s\S]*三、未达标指标及措施/);
  });
});

describe("the month's report as a Word document", async () => {
  const report = buildMonthReport({
    ...monthBriefInput(TEN_MONTHS, "2025-10", "2025-11"),
    organization: { name: "攀枝花市西区科学技术协会", shortName: "西区" },
    saved: null,
    demo: false,
    monthStanding: () => ({ kind: "approved", label: "已审核" }),
    signatories: { preparedBy: ["张三"], reviewedBy: ["赵书记"] },
    generatedAt: new Date("2025-11-03T02:00:00Z"),
  });
  const text = wordText(await part(await unzip(await renderMonthDocx(report)), "word/document.xml"));

  it("holds the drafted brief, the month's table and the red items", () => {
    expect(text).toContain("2025年10月工作简报");
    expect(text).toContain(report.brief.paragraphs[0]);
    expect(text).toContain("二、主要指标");
    expect(text).toContain("8930条");
    expect(text).toContain("审核人：赵书记");
  });
});

describe("the slides", async () => {
  const zip = await unzip(await renderPackPptx(pack));
  const charts = await Promise.all(Object.keys(zip.files).filter((name) => /^ppt\/charts\/chart\d+\.xml$/.test(name)).sort().map((name) => part(zip, name)));
  const slides = await Promise.all(
    Object.keys(zip.files)
      .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
      .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))
      .map((name) => part(zip, name)),
  );
  const slideText = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((match) => match[1]).join("");

  it("charts the 保姆式 months as native bars with the monthly target as a line series", () => {
    const nanny = charts.map(chartSeries).find((series) => series.some((one) => one.name === "促成“保姆式”服务单数"));
    expect(nanny).toEqual([
      { name: "促成“保姆式”服务单数", values: [30, 28, 33, 35, 29, 31, 30, 34, 32] },
      { name: "目标：月均 34 单", values: [34, 34, 34, 34, 34, 34, 34, 34, 34] },
    ]);
    expect(charts.join("")).toContain("<c:barChart>");
    expect(charts.join("")).toContain("<c:lineChart>");
  });

  it("charts the ranks with 第1名 at the top, a month without a rank as a gap", () => {
    const ranks = charts.find((xml) => xml.includes("科普服务量全省排名"));
    expect(ranks).toBeDefined();
    expect(chartSeries(ranks ?? "")).toContainEqual({ name: "科普服务量全省排名", values: [12] });
    expect(chartSeries(ranks ?? "")).toContainEqual({ name: "人均科普服务量全省排名", values: [null] });
    expect(/<c:valAx>[\s\S]*?<c:orientation val="maxMin"\/>/.test(ranks ?? "")).toBe(true);
  });

  it("keeps the charts' data editable (an embedded workbook per chart)", () => {
    const embedded = Object.keys(zip.files).filter((name) => /^ppt\/embeddings\/.*\.xlsx$/.test(name));
    expect(embedded).toHaveLength(charts.length);
  });

  it("has a title slide, the key figures, the analysis and the red items with their cause and next step", () => {
    expect(slideText(slides[0] ?? "")).toContain("2025年第三季度工作推进会材料");
    expect(slideText(slides[1] ?? "")).toContain("246户");
    expect(slides.map(slideText).join("")).toContain("2025年第三季度（7—9月）");
    const red = slides.map(slideText).find((text) => text.includes("未达标指标及措施")) ?? "";
    expect(red).toContain("科普服务量");
    expect(red).toContain("+1 每月开展社区科普活动4场");
  });
});

describe("text fitting its box on a slide", () => {
  it("counts lines of Chinese at a size in a width", () => {
    // ten characters at 10 pt are 100 pt wide
    expect(lineCount("一二三四五六七八九十", 10, 100)).toBe(1);
    expect(lineCount("一二三四五六七八九十", 10, 99)).toBe(2);
    expect(lineCount("甲\n乙", 10, 100)).toBe(2);
  });

  it("takes the largest size at which the text fits, and says when none does", () => {
    expect(fitSize("一二三四五六七八九十", { width: 100, height: 14 }, { max: 20, min: 8 })).toBe(10);
    expect(fitSize("一".repeat(400), { width: 100, height: 20 }, { max: 20, min: 8 })).toBeNull();
  });

  it("runs items on to further pages, never dropping one", () => {
    const pages = paginate([3, 3, 3, 5, 1], (page) => page.reduce((sum, item) => sum + item, 0) <= 6, () => null);
    expect(pages).toEqual([[3, 3], [3], [5, 1]]);
  });
});

describe("the workbook that prints", async () => {
  const workbook = new ExcelJS.Workbook();
  const buffer = await renderPackWorkbook(pack);
  const copy = new ArrayBuffer(buffer.byteLength);
  new Uint8Array(copy).set(buffer);
  await workbook.xlsx.load(copy);
  const summary = workbook.getWorksheet("指标汇总");
  const rowNamed = (sheet: ExcelJS.Worksheet | undefined, name: string, column = 2) => {
    let found: ExcelJS.Row | undefined;
    sheet?.eachRow((row) => {
      if (String(row.getCell(column).value).trim() === name) found = row;
    });
    if (!found) throw new Error(`no row ${name}`);
    return found;
  };

  it("has a sheet per section of the page, in its order, each under the section's numbered heading", () => {
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.getRow(3).getCell(1).value])).toEqual([
      ["总体情况", "一、总体情况"],
      ["指标汇总", "二、指标完成情况"],
      ["目标达成", "二、指标完成情况（目标与达成）"],
      ["未达标与措施", "三、未达标指标及措施（1项）"],
      ["缺报清单", "四、缺报与数据一致性（缺报清单）"],
      ["一致性提醒", "四、缺报与数据一致性（一致性提醒）"],
    ]);
  });

  it("prints each sheet on A4 at full size, landscape where its columns are wide, the heading and column headers on every page", () => {
    expect(summary?.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:4" });
    const missing = workbook.getWorksheet("缺报清单");
    expect(missing?.pageSetup).toMatchObject({ orientation: "portrait", fitToPage: true, fitToWidth: 1 });
    // every sheet's columns fit its page as they are: shrinking to one page wide never goes below 100 %
    for (const sheet of workbook.worksheets) {
      const widths = sheet.columns.map((column) => column.width ?? 0);
      expect(sheetPrint(widths).scale, sheet.name).toBe(1);
      expect(widths.reduce((sum, width) => sum + width, 0) * POINTS_PER_WIDTH_UNIT, sheet.name).toBeLessThanOrEqual(PRINTABLE_WIDTH[sheet.pageSetup.orientation ?? "portrait"]);
    }
  });

  it("has the unit in the header and page numbers in the footer of every sheet", () => {
    for (const sheet of workbook.worksheets) {
      expect(sheet.headerFooter.oddHeader).toContain("攀枝花市西区科学技术协会");
      expect(sheet.headerFooter.oddFooter).toContain("第 &P 页 共 &N 页");
    }
  });

  it("numbers the rows, writes a CJK font name and gives each rank a row of its own", () => {
    expect(summary?.getRow(4).values).toEqual([undefined, "序号", "指标", "单位", "本季度", "数据完整性", "本年累计", "较上季度", "环比", "较去年同季", "同比"]);
    const users = rowNamed(summary, "新增注册用户");
    expect(users.getCell(1).value).toBe(1);
    expect(users.getCell(4).value).toBe(246);
    expect(users.getCell(4).font?.name).toBe("宋体");
    const volume = rowNamed(summary, "科普服务量");
    expect(volume.getCell(4).value).toBe(900.5);
    expect(volume.getCell(4).numFmt).toBe("0.00");
    const rank = summary?.getRow(volume.number + 1);
    expect(rank?.getCell(2).value).toBe("科普服务量全省排名");
    expect(rank?.getCell(4).value).toBe(12);
    expect(rank?.getCell(4).numFmt).toBe('"第"0"名"');
    expect(rank?.getCell(1).value).toBe(Number(volume.getCell(1).value) + 1);
    // its judgement on the targets' sheet, under the same 序号
    const judged = rowNamed(workbook.getWorksheet("目标达成"), "科普服务量全省排名");
    expect(judged.getCell(1).value).toBe(rank?.getCell(1).value);
    expect(judged.getCell(5).value).toBe("未达标");
    expect(workbook.getWorksheet("目标达成")?.getRow(4).values).toEqual([undefined, "序号", "指标", "目标", "达成率", "状态", "达成情况"]);
  });

  it("writes a percentage's change in 个百分点, as the page does, never as a percentage of a percentage (issue 22)", async () => {
    // 4.87 % at the end of Q2, 5.05 % at the end of Q3: 0.18 points (the xlsx showed "0.18%")
    const rates = packOf({ series: { popsci_coverage_rate: { "2025-06": 4.87, "2025-09": 5.05 } } }, "2025-Q3", "2025-11");
    const row = rates.categories.flatMap((category) => category.rows).find((candidate) => candidate.indicator.key === "popsci_coverage_rate");
    expect(row?.quarterOnQuarter.text).toBe("+0.18个百分点");
    const book = new ExcelJS.Workbook();
    const bytes = await renderPackWorkbook(rates);
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    await book.xlsx.load(copy);
    const coverage = rowNamed(book.getWorksheet("指标汇总"), "精准科普覆盖率");
    expect(coverage.getCell(4).value).toBeCloseTo(0.0505, 10);
    expect(coverage.getCell(4).numFmt).toBe("0.00%");
    expect(coverage.getCell(7).value).toBe(0.18);
    expect(coverage.getCell(7).numFmt).toBe('+0.00"个百分点";-0.00"个百分点";"持平"');
  });

  it("holds the 填报单位/填报人/审核人/日期 block under the table", () => {
    const texts: string[] = [];
    summary?.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain("填报单位：攀枝花市西区科学技术协会");
    expect(texts).toContain("填报人：张三");
    expect(texts).toContain("审核人：＿＿＿＿＿＿");
    expect(texts).toContain("日期：2025年11月1日");
  });

  it("wraps the analysis paragraph by paragraph, each row tall enough for its text", () => {
    const analysis = workbook.getWorksheet("总体情况");
    const first = analysis?.getRow(5);
    expect(first?.getCell(1).value).toBe(pack.overall.text.split("\n")[0]);
    expect(first?.getCell(1).alignment?.wrapText).toBe(true);
    expect(first?.height).toBeGreaterThan(40);
  });

  it("keeps formula-looking commentary as text and 待填写 where a note is missing", () => {
    const red = rowNamed(workbook.getWorksheet("未达标与措施"), "科普服务量");
    expect(red.getCell(5).type).toBe(ExcelJS.ValueType.String);
    expect(red.getCell(5).value).toBe("=HYPERLINK(\"http://evil\",\"点我\") 活动场次不足");
    expect(red.getCell(6).value).toBe("+1 每月开展社区科普活动4场");
    const unexplained = rowNamed(workbook.getWorksheet("未达标与措施"), "科普服务量");
    expect(unexplained.getCell(1).value).toBe(1);
  });
});
