/**
 * The pack's sections, in the order the page shows them and numbered once: the page's headings,
 * the Word document's, the workbook's sheets, the slides' titles and the cross-references in the
 * text ("见“四、缺报与数据一致性”") all take their numbers and names from here, so that a meeting
 * reading the page and the paper speaks of the same 三.
 */
export const PACK_SECTIONS = [
  { id: "overview", title: "总体情况" },
  { id: "table", title: "指标完成情况" },
  { id: "red", title: "未达标指标及措施" },
  { id: "missing", title: "缺报与数据一致性" },
  { id: "charts", title: "重点图表" },
] as const;

export type PackSectionId = (typeof PACK_SECTIONS)[number]["id"];

export type PackSection = {
  id: PackSectionId;
  /** "三" */
  number: string;
  /** "未达标指标及措施" */
  title: string;
  /** "三、未达标指标及措施" */
  heading: string;
};

export function packSection(id: PackSectionId): PackSection {
  const index = PACK_SECTIONS.findIndex((section) => section.id === id);
  const number = chineseNumber(index + 1);
  const { title } = PACK_SECTIONS[index] ?? PACK_SECTIONS[0];
  return { id, number, title, heading: `${number}、${title}` };
}

export function packSections(): Record<PackSectionId, PackSection> {
  return { overview: packSection("overview"), table: packSection("table"), red: packSection("red"), missing: packSection("missing"), charts: packSection("charts") };
}

/** 1 → 一, 12 → 十二 (for "三、" and "（一）" headings). */
export function chineseNumber(value: number): string {
  const digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
  if (value < 10) return digits[value] ?? String(value);
  if (value < 20) return `十${value % 10 === 0 ? "" : digits[value % 10]}`;
  if (value < 100) return `${digits[Math.floor(value / 10)]}十${value % 10 === 0 ? "" : digits[value % 10]}`;
  return String(value);
}
