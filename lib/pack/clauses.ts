/**
 * Clauses a drafted brief is made of, each saying only what one judgement or one figure shows. The
 * status of a target is never decided here: it is read from the judgement (`../judgement`).
 */
import { isPercentage, type IndicatorDefinition } from "../catalog";
import { formatExact, formatNumber, formatPercent } from "../format";
import { averageText, monthsText, type Judgement } from "../judgement";
import { roundTo } from "../numbers";
import { amount } from "./words";
import { requirementOwner } from "./words";

type Judged = Pick<IndicatorDefinition, "name" | "unit" | "decimals" | "kind">;

/** "省科协月均34单要求" where the source names who asks it ("省科协要求"), else "月均34单的目标". */
function requirement(judgement: Judgement, text: string): string {
  const owner = requirementOwner(judgement.source);
  return owner ? `${owner}${text}要求` : `${text}的目标`;
}

/**
 * A judgement in the words of a brief: "1—10月月均31.2单，低于省科协月均34单要求，剩余2个月每月需完成48单
 * 方能完成全年要求". `span` names the months judged ("1—10月", "本季度"); `spanSaid` says the clause
 * before has named them already ("1—10月累计312单，月均31.2单"), or that they are the one month whose
 * figure was just given (no average repeated). A target is the year's: `span` is the year's months
 * judged, never a quarter's. Null without data.
 */
export function targetWords(judgement: Judgement, indicator: Judged, span: string, spanSaid = false): string | null {
  const { evaluation, target, status } = judgement;
  const actual = evaluation.actual;
  if (status === "none" || actual === null) return null;
  const value = formatExact(target.value, indicator);
  const missing = evaluation.window.missing;
  const unconfirmed = status === "pending" && missing.length > 0 ? `，但${monthsText(missing)}未填报，尚不能确认达标` : "";
  const below = status === "red" || status === "amber";
  const parts: string[] = [];

  if (target.comparator === "at_most" && target.rule !== "rank_at_most") {
    parts.push(`${status === "green" || status === "pending" ? "符合" : "未符合"}${requirement(judgement, judgement.label.replace(/\s+/g, ""))}${unconfirmed}`);
    return parts.join("，");
  }
  switch (target.rule) {
    case "monthly_avg": {
      if (!spanSaid) parts.push(`${span}月均${averageText(actual, target, indicator)}`);
      else if (evaluation.monthsReported > 1) parts.push(`月均${averageText(actual, target, indicator)}`);
      parts.push(`${below ? "低于" : "达到"}${requirement(judgement, `月均${value}`)}${unconfirmed}`);
      break;
    }
    case "monthly_min": {
      const reported = evaluation.monthsReported;
      if (evaluation.monthsReported <= 1) parts.push(`${below ? "低于" : "达到"}${requirement(judgement, `每月${value}`)}${unconfirmed}`);
      else {
        parts.push(`${spanSaid ? "" : span}已填报的${reported}个月中有${evaluation.monthsMeeting}个月达到${requirement(judgement, `每月${value}`)}`);
        if (evaluation.monthsMissing.length > 0) parts.push(`${monthsText(evaluation.monthsMissing)}未达到`);
        if (unconfirmed) parts.push(unconfirmed.slice(1));
      }
      break;
    }
    case "annual_total": {
      // judged against the pace through the year (全年目标 × 已过月数 ÷ 12), not against the whole year
      if (!spanSaid) parts.push(`${span}累计${amount(actual, indicator)}`);
      const attainment = evaluation.shownAttainment;
      const owner = requirementOwner(judgement.source);
      const goal = owner ? `${owner}全年${value}要求` : `全年${value}目标`;
      parts.push(below && attainment !== null ? `为${goal}序时进度的${formatPercent(attainment)}，落后于序时进度` : `达到${goal}的序时进度${unconfirmed}`);
      break;
    }
    case "year_end_level": {
      const gap = roundTo(target.value - actual, indicator.decimals);
      const text = requirement(judgement, `年末${value}`);
      parts.push(gap > 0 ? `距${text}还差${isPercentage(indicator) ? `${formatNumber(gap, indicator.decimals)}个百分点` : amount(gap, indicator)}` : `已达到${text}`);
      break;
    }
    case "rank_at_most":
      parts.push(`${status === "green" ? "达到" : status === "pending" ? "名次达到" : "未达到"}${requirement(judgement, `全省前${target.value}名`)}${unconfirmed}`);
      break;
  }
  const catchUp = catchUpWords(judgement, indicator);
  if (catchUp) parts.push(catchUp);
  return parts.join("，");
}

/** "剩余2个月每月需完成48单方能完成全年要求", from the judgement's catch-up; null once met or none. */
export function catchUpWords(judgement: Judgement, indicator: Judged): string | null {
  const catchUp = judgement.evaluation.catchUp;
  if (judgement.status === "green" || !catchUp || catchUp.perMonth <= 0) return null;
  const months = catchUp.unreportedMonths > 0
    ? `其余${catchUp.remainingMonths}个月（含${catchUp.unreportedMonths}个未填报月份）`
    : `剩余${catchUp.remainingMonths}个月`;
  if (judgement.target.rule === "year_end_level") {
    const step = isPercentage(indicator) ? `提高${formatNumber(catchUp.perMonth, indicator.decimals)}个百分点` : `增加${amount(catchUp.perMonth, indicator)}`;
    return `${months}每月需${step}方能达到年末目标`;
  }
  if (judgement.target.rule === "monthly_avg" || judgement.target.rule === "annual_total") {
    return `${months}每月需完成${formatExact(catchUp.perMonth, indicator)}方能完成全年要求`;
  }
  return null;
}
