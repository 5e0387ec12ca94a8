import { describe, expect, it } from "vitest";
import { digestNotice, digestWeek, dueNotices, testNotice } from "./reminders";

const organization = { id: 1, name: "攀枝花市西区科学技术协会" };
const beijing = (text: string) => new Date(`${text}+08:00`);

describe("reminders", () => {
  it("name each due-date notice by its stage and month, so it is queued once", () => {
    const notices = dueNotices(
      organization,
      [
        { month: "2026-10", due: { year: 2026, month: 11, day: 5 }, kind: "overdue", days: 22 },
        { month: "2026-11", due: { year: 2026, month: 12, day: 5 }, kind: "due-soon", days: 3 },
      ],
      "https://kpi.example.cn/",
    );
    expect(notices.map((notice) => notice.key)).toEqual(["overdue:1:2026-10", "due-soon:1:2026-11"]);
    expect(notices[0]!.subject).toContain("2026年10月数据逾期22天");
    expect(notices[0]!.body).toContain("[打开2026年10月填报页](https://kpi.example.cn/entry/2026-10)");
    expect(dueNotices(organization, [{ month: "2026-10", due: { year: 2026, month: 11, day: 5 }, kind: "overdue", days: 1 }], null)[0]!.body).not.toContain("](");
  });

  it("date the weekly digest by its Monday, from 09:00 on Monday (Beijing) to the Sunday after", () => {
    expect(digestWeek(beijing("2026-11-23T08:59:00"))).toBeNull();
    expect(digestWeek(beijing("2026-11-23T09:00:00"))).toEqual({ year: 2026, month: 11, day: 23 });
    expect(digestWeek(beijing("2026-11-27T10:00:00"))).toEqual({ year: 2026, month: 11, day: 23 });
    expect(digestWeek(beijing("2026-11-29T23:59:00"))).toEqual({ year: 2026, month: 11, day: 23 });
    // Monday 00:30 in Beijing is still Sunday in UTC
    expect(digestWeek(new Date("2026-11-29T16:30:00Z"))).toBeNull();
    expect(digestWeek(beijing("2027-01-01T10:00:00"))).toEqual({ year: 2026, month: 12, day: 28 });
  });

  it("sum up the week: late months, months awaiting review, and the year's approved months", () => {
    const notice = digestNotice({
      organization,
      now: beijing("2026-11-27T10:00:00"),
      items: [{ month: "2026-10", due: { year: 2026, month: 11, day: 5 }, kind: "overdue", days: 22 }],
      awaitingReview: ["2026-09"],
      returned: [],
      approved: 8,
      closedMonths: 10,
      appUrl: null,
    });
    expect(notice?.key).toBe("digest:1:2026-11-23");
    expect(notice?.body).toContain("2026年10月数据逾期22天");
    expect(notice?.body).toContain("等待审核 1 个月**：2026年9月");
    expect(notice?.body).toContain("2026年已审核 8 / 10 个月");
  });
});

describe("names in reminders (issue 29)", () => {
  const hostile = { id: 1, name: "西区**科协**[点我](https://evil.example)<@all>\r\nBcc: evil@example.com" };
  const overdue = [{ month: "2026-10" as const, due: { year: 2026, month: 11, day: 5 }, kind: "overdue" as const, days: 22 }];
  const raw = ["**科协**", "[点我]", "<@all>", "\r", "\n\nBcc"];

  it("list a returned month as a to-do with the reviewer's reason, one line and escaped", () => {
    const notice = digestNotice({
      organization,
      now: beijing("2026-11-27T10:00:00"),
      items: [],
      awaitingReview: [],
      returned: [{ month: "2026-07", reason: "新增注册用户与个人、单位之和不符\n请核对" }],
      approved: 8,
      closedMonths: 10,
      appUrl: "https://kpi.example",
    });
    expect(notice?.body).toContain("**已退回 1 个月，请修改后重新提交**");
    expect(notice?.body).toContain('- <font color="warning">2026年7月</font>：退回原因：新增注册用户与个人、单位之和不符 请核对');
    expect(notice?.body).not.toContain("本周没有");
  });

  it("are escaped in every notice's markdown, and leave the subject one line", () => {
    const notices = [
      ...dueNotices(hostile, overdue, null),
      digestNotice({ organization: hostile, now: beijing("2026-11-27T10:00:00"), items: overdue, awaitingReview: [], returned: [{ month: "2026-07", reason: "西区**科协**[点我](http://x)" }], approved: 0, closedMonths: 10, appUrl: null }),
      testNotice(hostile, beijing("2026-11-27T10:00:00"), "张三**<@all>**"),
    ];
    for (const notice of notices) {
      if (!notice) throw new Error("a digest is due");
      for (const text of raw) expect(notice.body, notice.key).not.toContain(text);
      expect(notice.subject, notice.key).not.toMatch(/[\r\n]/);
      expect(notice.body).toContain("西区＊＊科协＊＊［点我］");
    }
    expect(notices[2]!.body).toContain("由张三＊＊＜@all＞＊＊在管理页面发送");
  });
});
