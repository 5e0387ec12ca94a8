/** How a conflict reads: "已被 刘洋 于 10:42 修改为 4". */

const TIME_ZONE = "Asia/Shanghai";

/** Built once, not per call (see lib/format.ts). */
const DATE_TIME = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(date: Date) {
  const list = DATE_TIME.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => list.find((p) => p.type === type)?.value ?? "";
  return { year: part("year"), month: part("month"), day: part("day"), time: `${part("hour")}:${part("minute")}` };
}

/** When a change was made, as briefly as is unambiguous today: 10:42, 11月26日 10:42, 2025年11月26日 10:42. */
export function formatChangeTime(at: Date, now: Date): string {
  const when = parts(at);
  const today = parts(now);
  if (when.year === today.year && when.month === today.month && when.day === today.day) return when.time;
  if (when.year === today.year) return `${when.month}月${when.day}日 ${when.time}`;
  return `${when.year}年${when.month}月${when.day}日 ${when.time}`;
}

export type ChangeBySomeoneElse = {
  /** Their display name; null when the change was not made by a person (e.g. an import script). */
  who: string | null;
  at: Date | null;
  /** What it holds now, as text; empty when it was cleared. */
  theirs: string;
};

/** "已被 刘洋 于 10:42 修改为 4", or "… 清空" when they cleared it. */
export function describeChange(change: ChangeBySomeoneElse, now: Date): string {
  const who = change.who ?? "他人";
  const when = change.at ? ` 于 ${formatChangeTime(change.at, now)}` : "";
  return change.theirs === "" ? `已被 ${who}${when} 清空` : `已被 ${who}${when} 修改为 ${change.theirs}`;
}
