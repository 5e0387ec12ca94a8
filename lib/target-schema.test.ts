import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import { MISPLACED_COMMA } from "./number-text";
import { bandsSchema, parseTarget } from "./target-schema";

const indicator = (key: string) => CATALOG.find((entry) => entry.key === key)!;
const base = { year: "2025", source: "省科协要求" };

describe("a target", () => {
  it("accepts the province's 34 a month on average for nanny-style orders", () => {
    expect(parseTarget(indicator("nanny_new"), { ...base, rule: "monthly_avg", value: "34" })).toEqual({
      ok: true,
      target: { fromYear: 2025, untilYear: null, rule: "monthly_avg", comparator: "at_least", value: 34, source: "省科协要求" },
    });
  });

  it("stands from its year on unless set for that year only", () => {
    expect(parseTarget(indicator("nanny_new"), { ...base, rule: "monthly_avg", value: "34", span: "single" })).toMatchObject({
      ok: true,
      target: { fromYear: 2025, untilYear: 2025 },
    });
    expect(parseTarget(indicator("nanny_new"), { ...base, rule: "monthly_avg", value: "34", span: "forever" }).ok).toBe(false);
  });

  it("reads its value with the figures' own number reader: thousands separators only in groups of three", () => {
    expect(parseTarget(indicator("users_total"), { ...base, rule: "year_end_level", value: "１５，０００" })).toMatchObject({ ok: true, target: { value: 15000 } });
    expect(parseTarget(indicator("users_total"), { ...base, rule: "year_end_level", value: "15,000" })).toMatchObject({ ok: true, target: { value: 15000 } });
    expect(parseTarget(indicator("popsci_coverage_rate"), { ...base, rule: "year_end_level", value: "4,5" })).toEqual({ ok: false, fieldErrors: { value: [MISPLACED_COMMA] } });
    expect(parseTarget(indicator("users_total"), { ...base, rule: "year_end_level", value: "150,00" })).toEqual({ ok: false, fieldErrors: { value: [MISPLACED_COMMA] } });
  });

  it("refuses control characters in its source", () => {
    expect(parseTarget(indicator("nanny_new"), { ...base, source: "省科协\u0000要求", rule: "monthly_avg", value: "34" })).toEqual({
      ok: false,
      fieldErrors: { source: ["来源说明含有不可见的控制字符或格式字符（第 4 个字符，U+0000），请删除后再提交"] },
    });
  });

  it("refuses a value beyond any figure the platform reports", () => {
    expect(parseTarget(indicator("users_total"), { ...base, rule: "year_end_level", value: "9".repeat(20) })).toEqual({ ok: false, fieldErrors: { value: ["目标值过大，请核对"] } });
  });

  it("names a year from 2000 to 2100 only", () => {
    expect(parseTarget(indicator("nanny_new"), { ...base, year: "2100", rule: "monthly_avg", value: "34" }).ok).toBe(true);
    expect(parseTarget(indicator("nanny_new"), { ...base, year: "9999", rule: "monthly_avg", value: "34" })).toEqual({ ok: false, fieldErrors: { year: ["年份应在 2000–2100 之间"] } });
  });

  it("allows an average one decimal finer than the counts it averages, and no more", () => {
    expect(parseTarget(indicator("nanny_new"), { ...base, rule: "monthly_avg", value: "33.5" }).ok).toBe(true);
    expect(parseTarget(indicator("nanny_new"), { ...base, rule: "monthly_avg", value: "33.55" })).toEqual({ ok: false, fieldErrors: { value: ["目标值最多保留 1 位小数"] } });
    expect(parseTarget(indicator("nanny_new"), { ...base, rule: "annual_total", value: "400.5" })).toEqual({ ok: false, fieldErrors: { value: ["目标值应为整数"] } });
  });

  it("refuses a rule that does not fit the kind of indicator", () => {
    expect(parseTarget(indicator("users_total"), { ...base, rule: "annual_total", value: "20000" })).toEqual({
      ok: false,
      fieldErrors: { rule: ["该考核方式不适用于此类指标"] },
    });
    expect(parseTarget(indicator("supply_total_rank"), { ...base, rule: "monthly_avg", value: "1" }).ok).toBe(false);
  });

  it("makes a rank target 'at most N', a whole place of at least 1", () => {
    expect(parseTarget(indicator("popsci_coverage_rate_rank"), { ...base, rule: "rank_at_most", value: "10", comparator: "at_least" })).toMatchObject({
      ok: true,
      target: { comparator: "at_most", value: 10 },
    });
    expect(parseTarget(indicator("popsci_coverage_rate_rank"), { ...base, rule: "rank_at_most", value: "0" }).ok).toBe(false);
  });

  it("lets a year-end level go either way, and keeps a percentage within 100", () => {
    expect(parseTarget(indicator("popsci_coverage_rate"), { ...base, rule: "year_end_level", value: "5", comparator: "at_most" })).toMatchObject({
      ok: true,
      target: { comparator: "at_most" },
    });
    expect(parseTarget(indicator("popsci_coverage_rate"), { ...base, rule: "year_end_level", value: "101" })).toEqual({ ok: false, fieldErrors: { value: ["百分比应在 0 到 100 之间"] } });
  });

  it("needs its source and a sensible year and value", () => {
    const result = parseTarget(indicator("nanny_new"), { year: "1999", rule: "monthly_avg", value: "-1", source: " " });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(["source", "year"]);
    expect(parseTarget(indicator("nanny_new"), { ...base, rule: "monthly_avg", value: "-1" })).toEqual({ ok: false, fieldErrors: { value: ["目标值应为不小于 0 的数字"] } });
  });
});

describe("status bands", () => {
  it("keep amber below green", () => {
    expect(bandsSchema.safeParse({ green: "100", amber: "90" }).success).toBe(true);
    expect(bandsSchema.safeParse({ green: "90", amber: "95" }).success).toBe(false);
  });
});
