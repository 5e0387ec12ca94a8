import { describe, expect, it } from "vitest";
import { yearToDate } from "./periods";
import { CATALOG } from "./catalog";
import { judge } from "./judgement";
import { attainmentScore } from "./league";
import { buildLeagueReport, leagueTitle, type LeagueReportInput } from "./league-report";
import type { TargetSpec } from "./targets";

const nanny = CATALOG.find((indicator) => indicator.key === "nanny_new");
if (!nanny) throw new Error("nanny_new");
const towns = [
  { id: 1, name: "格里坪镇" },
  { id: 2, name: "清香坪街道" },
  { id: 3, name: "大宝鼎街道" },
  { id: 4, name: "河门口街道" },
];
const share = (value: number): TargetSpec => ({ rule: "monthly_avg", comparator: "at_least", value, fromYear: 2026, untilYear: null, source: "按区目标分配（平均分配）" });
/** A town that brought `value` every month of the year: its year's average is the month's figure. */
const judged = (value: number, target: number) =>
  judge({ target: share(target), indicator: nanny, series: new Map(yearToDate("2026-10").map((month) => [month, value])), asOf: "2026-10", today: "2026-11" });

function input(overrides: Partial<LeagueReportInput> = {}): LeagueReportInput {
  return {
    level: "towns",
    month: "2026-10",
    today: new Date("2026-11-27T02:00:00Z"),
    homeShortName: "西区",
    indicator: nanny ?? null,
    units: towns,
    values: new Map([[1, 10], [2, 15], [3, 15], [4, null]]),
    previous: new Map([[1, 14], [2, 9], [3, 11], [4, 3]]),
    judgements: new Map([[1, judged(10, 9)], [2, judged(15, 9)], [3, judged(15, 8)]]),
    ...overrides,
  };
}

describe("a league table as a 通报", () => {
  it("is titled as the county association's 通报, dated in Beijing time", () => {
    const report = buildLeagueReport(input());
    expect(report.title).toBe("西区科协关于2026年10月各镇街天府科技云工作情况的通报");
    expect(report.dateText).toBe("2026年11月27日");
    expect(leagueTitle("西区", "2026-09", "peers")).toBe("西区科协关于2026年9月全省各区县天府科技云工作情况的通报");
  });

  it("ranks 1, 1, 3 with ties in the towns' own order, lists the unreported town last, and numbers the rows 序号 1…4", () => {
    const report = buildLeagueReport(input());
    expect(report.rows.map((row) => [row.seq, row.name, row.rankText, row.valueText])).toEqual([
      [1, "清香坪街道", "1（并列）", "15"],
      [2, "大宝鼎街道", "1（并列）", "15"],
      [3, "格里坪镇", "3", "10"],
      [4, "河门口街道", "—", "未填报"],
    ]);
    expect(report.rankedCount).toBe(3);
    expect(report.unreportedCount).toBe(1);
  });

  it("shows the change in place since last month (▲ up), and the gap to the next place", () => {
    const report = buildLeagueReport(input());
    // last month: 格里坪 14 (1st), 大宝鼎 11 (2nd), 清香坪 9 (3rd), 河门口 3 (4th)
    expect(report.rows.map((row) => row.changeText)).toEqual(["▲2", "▲1", "▼2", "—"]);
    expect(report.rows[2]?.gapText).toBe("再增加 6单 可升至第1名");
    expect(report.rows[0]?.gapText).toBeNull();
  });

  it("renders each town's own judgement and names the towns that fall short, and those that did not report", () => {
    const report = buildLeagueReport(input());
    expect(report.rows[0]).toMatchObject({ targetText: "月均不少于 9单", statusLabel: "达标", resultText: "达成 166.7%" });
    expect(report.shortfallLines).toEqual(["未填报：河门口街道"]);
    const short = buildLeagueReport(input({ judgements: new Map([[1, judged(10, 12)], [2, judged(15, 9)], [3, judged(15, 16)]]) }));
    // 10 of 12 is 83.3% (未达标), 15 of 16 is 93.8% (接近目标): both fall short
    expect(short.shortfallLines).toEqual(["未达标：大宝鼎街道、格里坪镇", "未填报：河门口街道"]);
  });

  it("says nothing changed when there was no last month to compare with", () => {
    expect(buildLeagueReport(input({ previous: null })).rows.map((row) => row.changeText)).toEqual(["—", "—", "—", "—"]);
  });

  it("ranks the attainment score as a percentage, naming who falls short on what", () => {
    const scores = new Map([
      [1, { score: attainmentScore([{ key: "nanny_new", attainment: 0.833 }, { key: "users_new", attainment: 1.2 }]), short: ["促成“保姆式”服务单数"] }],
      [2, { score: attainmentScore([{ key: "nanny_new", attainment: 1 }]), short: [] }],
    ]);
    const report = buildLeagueReport(
      input({ indicator: null, units: towns.slice(0, 2), values: new Map([...scores].map(([id, entry]) => [id, entry.score.score])), previous: null, judgements: new Map(), scores }),
    );
    expect(report.percent).toBe(true);
    expect(report.rows.map((row) => [row.name, row.valueText])).toEqual([["清香坪街道", "100.0%"], ["格里坪镇", "91.7%"]]);
    expect(report.rows[1]?.gapText).toBe("再提高 8.36 个百分点 可升至第1名");
    expect(report.shortfallLines).toEqual(["未达标：格里坪镇（促成“保姆式”服务单数）"]);
  });

  it("highlights the home unit among its peers and carries the rank the bulletin stated", () => {
    const report = buildLeagueReport(
      input({ level: "peers", judgements: new Map(), highlight: 2, stated: new Map([[2, { rank: 12, rankedUnits: 183 }]]) }),
    );
    expect(report.rows.find((row) => row.unitId === 2)).toMatchObject({ highlighted: true, statedText: "第12名（共183）" });
    expect(report.hasTargets).toBe(false);
    expect(report.hasStated).toBe(true);
    expect(report.emptyText).toBeNull();
  });

  it("says 尚无同级单位数据 while the home unit is alone among its peers, never 名次 1 of 1", () => {
    const alone = buildLeagueReport(input({ level: "peers", units: [{ id: 9, name: "西区" }], values: new Map([[9, 36]]), judgements: new Map(), highlight: 9 }));
    expect(alone.emptyText).toBe("尚无同级单位数据");
    // peers added from an earlier bulletin, none with a figure this month: still no one to compare with
    const silent = buildLeagueReport(input({ level: "peers", units: [{ id: 9, name: "西区" }, ...towns], values: new Map([[9, 36]]), judgements: new Map(), highlight: 9 }));
    expect(silent.emptyText).toBe("尚无同级单位数据");
    const compared = buildLeagueReport(input({ level: "peers", units: [{ id: 9, name: "西区" }, ...towns], values: new Map([[9, 36], [2, 40]]), judgements: new Map(), highlight: 9 }));
    expect(compared.emptyText).toBeNull();
    const none = buildLeagueReport(input({ units: [], values: new Map(), judgements: new Map() }));
    expect(none.emptyText).toBe("还没有镇街");
    expect(buildLeagueReport(input()).emptyText).toBeNull();
  });
});
