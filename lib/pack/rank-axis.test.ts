import JSZip from "jszip";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChartsSection } from "@/app/ui/pack/charts-section";
import { rankRowsAxis } from "../chart-scale";
import { renderPackPptx } from "./pptx";
import { monthly, packOf, TEN_MONTHS } from "./test-support";

// the one rank reported: 科普服务量 falls from 第12 to 第18 of 183 over the year, May unreported
const { supply_total_rank: _supply, popsci_coverage_rate_rank: _coverage, ...others } = TEN_MONTHS.series;
const SLIDING: typeof TEN_MONTHS = {
  series: { ...others, popsci_volume_rank: monthly(2025, [12, 13, 12, 14, null, 15, 16, 17, 18]) },
  rankedUnits: { popsci_volume_rank: 183 },
};
const pack = packOf(SLIDING, "2025-Q3", "2025-11");

/** The value axis of the slide's rank chart: its ends and its step, as PowerPoint reads them. */
async function slideRankAxis(): Promise<{ min: number; max: number; step: number; reversed: boolean }> {
  const zip = await JSZip.loadAsync(await renderPackPptx(pack));
  const charts = await Promise.all(Object.keys(zip.files).filter((name) => /^ppt\/charts\/chart\d+\.xml$/.test(name)).map((name) => zip.file(name)?.async("string") ?? ""));
  const chart = charts.find((xml) => xml.includes("科普服务量全省排名")) ?? "";
  const valAx = /<c:valAx>([\s\S]*?)<\/c:valAx>/.exec(chart)?.[1] ?? "";
  const number = (tag: string) => Number(new RegExp(`<c:${tag} val="([^"]+)"/>`).exec(valAx)?.[1]);
  return { min: number("min"), max: number("max"), step: number("majorUnit"), reversed: valAx.includes('<c:orientation val="maxMin"/>') };
}

describe("the rank chart of the pack", () => {
  const axis = rankRowsAxis(pack.charts.ranks.rows, pack.charts.ranks.series.map((series) => series.key), { rankedUnits: pack.charts.ranks.rankedUnits });

  it("is zoomed to 第12–第18, not drawn down to 第183", () => {
    expect(pack.charts.ranks.rankedUnits).toBe(183);
    expect(axis.domain).toEqual([10, 20]);
  });

  it("has the same axis on the slide as on the page, 第1名 at the top of both", async () => {
    const slide = await slideRankAxis();
    expect(slide).toEqual({ min: axis.domain[0], max: axis.domain[1], step: axis.step, reversed: true });
    // the page's first paint (the static drawing): its tick labels are the slide's, top down
    const html = renderToStaticMarkup(createElement(ChartsSection, { pack }));
    const ranksChart = html.slice(html.indexOf('data-chart="ranks"'));
    const pageTicks = [...ranksChart.matchAll(/data-tick="true">([^<]*)</g)].map((match) => match[1]);
    const slideTicks: string[] = [];
    for (let tick = slide.min; tick <= slide.max; tick += slide.step) slideTicks.push(`第${tick}`);
    expect(pageTicks).toEqual(slideTicks);
  });
});
