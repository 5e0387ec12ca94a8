import { describe, expect, it } from "vitest";
import { buildMonthBrief } from "./month-brief";
import { catalogInUse, monthBriefInput, monthly, nannyTarget, packOf, TEN_MONTHS, type FigureSet } from "./test-support";
import { amount, changeWords, monthRunsText, monthSpan, rankWords, selfReference } from "./words";

/** The sentences of a text, each with its full stop. */
const sentences = (text: string) => text.split(/(?<=。)/).map((sentence) => sentence.trim()).filter(Boolean);

/** A district in its first year on the platform: January and February of 2026 entered, March not. */
const FIRST_YEAR: FigureSet = {
  series: {
    nanny_new: monthly(2026, [40, 20]),
    users_new: monthly(2026, [88, 120]),
    users_total: monthly(2026, [14400, 14520]),
    popsci_volume_rank: monthly(2026, [12, 12]),
  },
};

describe("the month's brief (a target missed, one met; a rank risen, one fallen, one held)", () => {
  const brief = buildMonthBrief(monthBriefInput(TEN_MONTHS, "2025-10", "2025-11"));
  const [figures = "", closing = ""] = brief.paragraphs;

  it("opens with where the district stands at the month's end, a level against the start of the year", () => {
    expect(sentences(figures)[0]).toBe(
      "截至10月底，我区天府科技云累计注册用户15113人，较年初增加801人；10月新增注册用户95户（其中新增个人用户90人、新增企事业单位5家），1—10月累计801户，较去年同期增加101户（增长14.4%）。",
    );
  });

  it("gives a rank with the number of units ranked and holds it against last month", () => {
    expect(sentences(figures)[1]).toBe(
      "供需对接方面，累计发布科技所能8930条，较年初增加120条，全省排名第1（共183个单位），较上月持平；累计成交金额1.44亿元，较年初增加450.50万元。",
    );
  });

  it("words the 34-a-month requirement missed, with what the remaining months must bring", () => {
    expect(sentences(figures)[2]).toBe(
      "保姆式服务方面，10月促成“保姆式”服务单数30单，1—10月累计312单，月均31.2单，低于省科协月均34单要求，剩余2个月每月需完成48单方能完成全年要求。",
    );
  });

  it("says a rank fell, one rose, a rate moved in 个百分点, and a rank target was met", () => {
    expect(sentences(figures)[3]).toBe(
      "科普方面，精准科普覆盖率5.12%，较年初提高0.25个百分点，全省排名第15名，较上月下降1名；科普服务量912.35万人次，较上月增加11.85万人次，全省排名第10名，较上月上升2名，达到市科协全省前10名要求。",
    );
  });

  it("closes with the judgements' verdicts and what the month still lacks", () => {
    expect(sentences(closing)).toEqual([
      "对照2025年目标，已达到的有1项，接近目标但尚未达到的有1项（促成“保姆式”服务单数）。",
      "10月尚有14项指标未填报。",
    ]);
  });

  it("says nothing of an indicator without data (新增达成交易 has a target but no figure)", () => {
    expect(brief.paragraphs.join("")).not.toContain("新增达成交易");
    expect(brief.paragraphs.join("")).not.toContain("区委");
  });
});

describe("an annual total judged against the pace through the year", () => {
  const withDeals = (values: number[]): FigureSet => ({ series: { ...TEN_MONTHS.series, deals_new: monthly(2025, values) } });
  const clause = (set: FigureSet) => sentences(buildMonthBrief(monthBriefInput(set, "2025-10", "2025-11")).paragraphs[0] ?? "").find((sentence) => sentence.includes("新增达成交易"));

  it("says a total on pace is on pace", () => {
    expect(clause(withDeals([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]))).toContain("10月新增达成交易2个，1—10月累计20个，达到区委考核全年24个要求的序时进度。");
  });

  it("says how far a total behind pace is, and what the remaining months must bring", () => {
    expect(clause(withDeals([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))).toContain(
      "10月新增达成交易1个，1—10月累计10个，为区委考核全年24个要求序时进度的50.0%，落后于序时进度，剩余2个月每月需完成7个方能完成全年要求。",
    );
  });
});

describe("a first year on the platform (no 同比) with a month missing", () => {
  it("compares a level with last month where the start of the year is unknown, and never with a year before", () => {
    const brief = buildMonthBrief(monthBriefInput(FIRST_YEAR, "2026-02", "2026-11", [nannyTarget]));
    expect(brief.paragraphs).toEqual([
      "截至2月底，我区天府科技云累计注册用户14520人，较上月增加120人；2月新增注册用户120户，1—2月累计208户。" +
        "保姆式服务方面，2月促成“保姆式”服务单数20单，1—2月累计60单，月均30.0单，低于省科协月均34单要求，剩余10个月每月需完成35单方能完成全年要求。" +
        "科普方面，科普服务量全省排名第12名，较上月持平。",
      "对照2026年目标，未达标的有1项（促成“保姆式”服务单数）。2月尚有22项指标未填报。",
    ]);
    expect(brief.paragraphs.join("")).not.toContain("同期");
    expect(brief.red.map((item) => item.name)).toEqual(["促成“保姆式”服务单数"]);
  });

  it("names the months not reported and counts them in the catch-up", () => {
    const brief = buildMonthBrief(monthBriefInput(FIRST_YEAR, "2026-04", "2026-11", [nannyTarget]));
    expect(brief.paragraphs).toEqual([
      "截至4月底，我区天府科技云1—4月新增注册用户累计208户（3月、4月未填报）。" +
        "保姆式服务方面，1—4月促成“保姆式”服务单数累计60单（3月、4月未填报），月均30.0单，低于省科协月均34单要求，其余10个月（含2个未填报月份）每月需完成35单方能完成全年要求。",
      "对照2026年目标，未达标的有1项（促成“保姆式”服务单数）。2026年3月、4月尚未填报数据。",
    ]);
  });

  it("says a January that meets the requirement met it, without an average of one month", () => {
    const brief = buildMonthBrief(monthBriefInput(FIRST_YEAR, "2026-01", "2026-11", [nannyTarget]));
    expect(brief.paragraphs).toEqual([
      "截至1月底，我区天府科技云累计注册用户14400人；1月新增注册用户88户。保姆式服务方面，1月促成“保姆式”服务单数40单，达到省科协月均34单要求。科普方面，科普服务量全省排名第12名。",
      "对照2026年目标，已评估的1项目标均已达到。1月尚有22项指标未填报。",
    ]);
  });

  it("says plainly that nothing has been reported", () => {
    const brief = buildMonthBrief(monthBriefInput({ series: {} }, "2026-06", "2026-11", [nannyTarget]));
    expect(brief.paragraphs).toEqual(["截至6月底，我区尚未填报2026年1—6月的数据。", "2026年1月、2月、3月、4月、5月、6月尚未填报数据。"]);
  });
});

describe("the quarter's 总体分析", () => {
  it("words a quarter with a missing month: the sums it has, which month is missing, the red item by name", () => {
    const pack = packOf(FIRST_YEAR, "2026-Q1", "2026-11", { targets: [nannyTarget] });
    expect(pack.overall.drafted.split("\n")).toEqual([
      "2026年第一季度（1—3月），我区天府科技云季末累计注册用户14520人（2月）；本季度新增注册用户208户（缺3月）。" +
        "保姆式服务方面，本季度促成“保姆式”服务单数60单（缺3月），月均30.0单，低于省科协月均34单要求，其余10个月（含1个未填报月份）每月需完成35单方能完成全年要求。" +
        "科普方面，科普服务量全省排名第12名（2月）。",
      "按1—3月数据对照年度目标评估1项，其中未达标1项。未达标的指标：促成“保姆式”服务单数。3月整月未填报数据。另有19项指标有月份未填报。",
    ]);
    // nothing was saved: the pack shows the draft
    expect(pack.overall).toMatchObject({ saved: false, text: pack.overall.drafted });
  });

  it("compares a quarter with the one before and a year before, and ranks with the quarter's end before", () => {
    const pack = packOf(TEN_MONTHS, "2025-Q3", "2025-11");
    const [figures = "", closing = ""] = pack.overall.drafted.split("\n");
    expect(sentences(figures)).toEqual([
      "2025年第三季度（7—9月），我区天府科技云季末累计注册用户15018人；本季度新增注册用户246户，较上季度增加31户，较去年同期增加36户（增长17.1%）。",
      "供需对接方面，季末累计发布科技所能8900条，全省排名第1（共183个单位）。",
      "保姆式服务方面，本季度促成“保姆式”服务单数96单，较上季度增加1单，月均32.0单，1—9月月均31.3单，低于省科协月均34单要求，剩余3个月每月需完成42单方能完成全年要求。",
      "科普方面，精准科普覆盖率全省排名第14名；季末科普服务量900.50万人次，全省排名第12名，未达到市科协全省前10名要求。",
    ]);
    expect(sentences(closing)).toEqual([
      "按1—9月数据对照年度目标评估2项，其中接近目标1项，未达标1项。",
      "未达标的指标：科普服务量。",
      "另有20项指标有月份未填报。",
    ]);
  });

  it("says a rank that rose since the quarter before, and one that fell", () => {
    const pack = packOf(TEN_MONTHS, "2025-Q4", "2025-11");
    expect(pack.overall.drafted).toContain("季末精准科普覆盖率5.12%，全省排名第15名，较上季末下降1名；季末科普服务量912.35万人次，全省排名第10名，较上季末上升2名，达到市科协全省前10名要求。");
  });

  it("uses the saved analysis once staff have saved one", () => {
    const pack = packOf(TEN_MONTHS, "2025-Q3", "2025-11", { comments: [{ indicatorKey: "", topic: "overall", body: "本季度工作平稳。" }] });
    expect(pack.overall).toMatchObject({ saved: true, text: "本季度工作平稳。" });
    expect(pack.overall.drafted).toContain("2025年第三季度（7—9月）");
  });

  it("says a quarter that has not begun has nothing to analyse", () => {
    expect(packOf(FIRST_YEAR, "2026-Q4", "2026-09", { targets: [nannyTarget] }).overall.drafted).toBe("2026年第四季度尚无已过去的月份，暂无可分析的数据。");
  });
});

describe("number forms of a brief", () => {
  const people = catalogInUse.find((indicator) => indicator.key === "users_total")!;
  const money = catalogInUse.find((indicator) => indicator.key === "deal_amount_total")!;
  const rate = catalogInUse.find((indicator) => indicator.key === "popsci_coverage_rate")!;

  it("writes large figures in 万 and 亿 and small ones as they are", () => {
    expect(amount(15113, people)).toBe("15113人");
    expect(amount(123456, people)).toBe("12.35万人");
    expect(amount(13900, money)).toBe("1.39亿元");
  });

  it("writes a rate's change in 个百分点 and a count's as 增加/减少", () => {
    expect(changeWords(0.25, rate)).toBe("提高0.25个百分点");
    expect(changeWords(-0.1, rate)).toBe("降低0.10个百分点");
    expect(changeWords(-5, people)).toBe("减少5人");
    expect(changeWords(0, people)).toBe("持平");
  });

  it("writes spans of months with the dash of Chinese documents, ranks as 第N", () => {
    expect(monthSpan("2025-01", "2025-10")).toBe("1—10月");
    expect(monthSpan("2025-07", "2025-07")).toBe("7月");
    expect(rankWords(1, 183)).toBe("第1（共183个单位）");
    expect(rankWords(3, null)).toBe("第3名");
  });

  it("calls the district 我区 and a county 我县", () => {
    expect(selfReference("西区")).toBe("我区");
    expect(selfReference("米易县")).toBe("我县");
    expect(selfReference("科协")).toBe("我单位");
  });
});

describe("months missing from a year-to-date sum, in words", () => {
  it("writes runs of three or more as spans and the rest one by one", () => {
    expect(monthRunsText(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09"])).toBe("1—9月");
    expect(monthRunsText(["2025-08", "2025-01", "2025-02", "2025-03"])).toBe("1—3月、8月");
    expect(monthRunsText(["2025-07", "2025-09"])).toBe("7月、9月");
    expect(monthRunsText(["2025-04", "2025-05"])).toBe("4月、5月");
  });

  it("are what the month's table says beside the sum", () => {
    const brief = buildMonthBrief(monthBriefInput(TEN_MONTHS, "2025-10", "2025-11"));
    expect(brief.rows.find((row) => row.key === "users_new_individual")?.yearToDateText).toBe("90人（缺1—9月）");
  });
});
