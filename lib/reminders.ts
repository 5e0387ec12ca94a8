/**
 * What the reminders say and when each is due to go out. Each notice has a key that names it for
 * good (the month and the stage, or the week), so planning the same notice twice — after a
 * restart, or on the next hourly run — enqueues it once. Every name in a notice crosses
 * `messageText` first (lib/message-text.ts): the WeCom robot reads the body as markdown.
 */
import { beijingDate, dueText, formatCalendarDate, type CalendarDate, type DueItem } from "./due-dates";
import { messageText } from "./message-text";
import type { OutboxKind } from "./outbox-policy";
import { formatMonth, type Month } from "./periods";

export type Notice = { key: string; kind: OutboxKind; subject: string; body: string };

type Organization = { id: number; name: string };

const TITLE = "科普KPI看板";

function link(appUrl: string | null, path: string, text: string): string {
  return appUrl ? `[${text}](${appUrl.replace(/\/+$/, "")}${path})` : "";
}

/** One notice per month and stage: when it becomes due soon, on its due day, and once when it is late. */
export function dueNotices(organization: Organization, items: readonly DueItem[], appUrl: string | null): Notice[] {
  const name = messageText(organization.name);
  return items.map((item) => {
    const text = dueText(item);
    const ask = item.kind === "overdue" ? "请尽快完成填报并提交审核。" : "请按时完成填报并提交审核。";
    return {
      key: `${item.kind}:${organization.id}:${item.month}`,
      kind: "reminder",
      subject: `【${TITLE}】${name}：${text}`,
      body: [`### ${name} · 数据报送提醒`, `> ${text}`, ask, link(appUrl, `/entry/${item.month}`, `打开${formatMonth(item.month)}填报页`)]
        .filter(Boolean)
        .join("\n\n"),
    };
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The Monday of the week `now` falls in (Beijing time), or null before 09:00 on a Monday (last week's is done). */
export function digestWeek(now: Date): CalendarDate | null {
  const today = beijingDate(now);
  const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() || 7;
  const beijingHour = new Date(now.getTime() + 8 * 60 * 60 * 1000).getUTCHours();
  if (weekday === 1 && beijingHour < 9) return null;
  return addDays(today, 1 - weekday);
}

export type DigestInput = {
  organization: Organization;
  now: Date;
  items: readonly DueItem[];
  awaitingReview: readonly Month[];
  /** Months a reviewer sent back and not yet resubmitted, each with the reviewer's reason. */
  returned: readonly { month: Month; reason: string }[];
  approved: number;
  /** The months of the year so far that are over (and so could be approved). */
  closedMonths: number;
  appUrl: string | null;
};

/** The weekly digest, once per week from Monday 09:00 (Beijing) on. */
export function digestNotice(input: DigestInput): Notice | null {
  const monday = digestWeek(input.now);
  if (!monday) return null;
  const sunday = addDays(monday, 6);
  const stamp = `${monday.year}-${String(monday.month).padStart(2, "0")}-${String(monday.day).padStart(2, "0")}`;
  const year = beijingDate(input.now).year;
  const name = messageText(input.organization.name);
  const lines = [`### ${name} · 每周数据报送汇总（${formatCalendarDate(monday)}–${formatCalendarDate(sunday)}）`];
  const overdue = input.items.filter((item) => item.kind === "overdue");
  const soon = input.items.filter((item) => item.kind !== "overdue");
  if (overdue.length > 0) lines.push(`**逾期 ${overdue.length} 个月**`, ...overdue.map((item) => `- <font color="warning">${dueText(item)}</font>`));
  if (soon.length > 0) lines.push(`**即将到期**`, ...soon.map((item) => `- ${dueText(item)}`));
  if (input.returned.length > 0) {
    lines.push(
      `**已退回 ${input.returned.length} 个月，请修改后重新提交**`,
      ...input.returned.map((item) => `- <font color="warning">${formatMonth(item.month)}</font>：退回原因：${messageText(item.reason) || "（未填写）"}`),
    );
  }
  if (input.awaitingReview.length > 0) {
    lines.push(`**等待审核 ${input.awaitingReview.length} 个月**：${input.awaitingReview.map(formatMonth).join("、")}`);
  }
  if (overdue.length + soon.length + input.returned.length + input.awaitingReview.length === 0) lines.push("本周没有逾期、即将到期、已退回或等待审核的月份。");
  lines.push(`${year}年已审核 ${input.approved} / ${input.closedMonths} 个月。`);
  const links = [link(input.appUrl, "/entry", "填报"), link(input.appUrl, "/review-queue", "待审核")].filter(Boolean);
  if (links.length > 0) lines.push(links.join(" · "));
  return {
    key: `digest:${input.organization.id}:${stamp}`,
    kind: "digest",
    subject: `【${TITLE}】${name}每周数据报送汇总（${formatCalendarDate(monday)}起）`,
    body: lines.join("\n"),
  };
}

/** A test message; its key is unique to the moment, so every click sends one. */
export function testNotice(organization: Organization, now: Date, requestedBy: string): Notice {
  const stamp = now.toISOString();
  return {
    key: `test:${organization.id}:${stamp}`,
    kind: "test",
    subject: `【${TITLE}】测试消息`,
    body: `### ${messageText(organization.name)} · 测试消息\n\n这是一条测试消息，由${messageText(requestedBy)}在管理页面发送。收到即说明提醒渠道配置正确。`,
  };
}
