import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BACKOFF_SECONDS, MAX_ATTEMPTS } from "@/lib/outbox-policy";
import { seededDatabase } from "@/tests/support/database";
import { openDatabase, type Db } from "@/db/client";
import { listIndicators } from "@/db/catalog";
import { setDueSettings } from "@/db/due-settings";
import { returnMonth, submitMonth } from "@/db/month-review";
import { getHomeOrganization } from "@/db/organizations";
import { claimMessage, enqueueMessages, findMessageByKey, listAttempts, listRecentMessages } from "@/db/outbox";
import { channelSettingsFromEnv, configuredChannels, createSenders, describeChannels, secretsOf } from "./channels";
import { INTERRUPTED_MESSAGE, processOutbox } from "./outbox-worker";
import { enqueueNotices, planNotices } from "./reminders";

// ── a fake WeCom group robot: answers as the real one does, or fails as told ──

type RobotAnswer = { status: number; body: unknown };
const robot = {
  server: http.createServer(),
  received: [] as { url: string; body: { msgtype: string; markdown?: { content: string } } }[],
  answers: [] as RobotAnswer[],
  url: "",
};
const SECRET_KEY = "693a91f6-7abc-4bc4-97a0-0ec2sifa5aaa";

// ── a fake SMTP server that takes mail for one account ──

const mailbox = {
  server: null as SMTPServer | null,
  received: [] as { from: string; to: string[]; data: string }[],
  reject: false,
  port: 0,
};
const SMTP_PASSWORD = "smtp-pa55-w0rd";

beforeAll(async () => {
  robot.server.on("request", (request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    request.on("end", () => {
      robot.received.push({ url: request.url ?? "", body: JSON.parse(text) });
      const answer = robot.answers.shift() ?? { status: 200, body: { errcode: 0, errmsg: "ok" } };
      response.writeHead(answer.status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => robot.server.listen(0, "127.0.0.1", resolve));
  robot.url = `http://127.0.0.1:${(robot.server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=${SECRET_KEY}`;

  mailbox.server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "kepu" && auth.password === SMTP_PASSWORD) callback(null, { user: "kepu" });
      else callback(new Error(`Invalid username or password for ${auth.username}`));
    },
    onRcptTo(address, _session, callback) {
      if (mailbox.reject) callback(new Error(`Mailbox ${address.address} unavailable`));
      else callback();
    },
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
      stream.on("end", () => {
        mailbox.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => mailbox.server?.listen(0, "127.0.0.1", resolve));
  mailbox.port = (mailbox.server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => robot.server.close(resolve));
  await new Promise<void>((resolve) => mailbox.server?.close(() => resolve()));
});

let db: Db;
let file: string;
let cleanup: () => void;
// the real year: Friday 27 November 2026, 10:00 in Beijing
const t0 = new Date("2026-11-27T02:00:00Z");
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

beforeEach(() => {
  ({ db, file, cleanup } = seededDatabase());
  robot.received = [];
  robot.answers = [];
  mailbox.received = [];
  mailbox.reject = false;
});
afterEach(() => cleanup());

const wecomEnv = () => ({ WECOM_WEBHOOK_URL: robot.url });
const emailEnv = (password = SMTP_PASSWORD) => ({
  SMTP_URL: `smtp://kepu:${password}@127.0.0.1:${mailbox.port}`,
  MAIL_FROM: "kepu@xiqu.example.cn",
  MAIL_TO: "zhangsan@xiqu.example.cn, leader@xiqu.example.cn",
});

function workerFor(env: Record<string, string>) {
  const settings = channelSettingsFromEnv(env);
  return { channels: configuredChannels(settings), senders: createSenders(settings), secrets: secretsOf(settings) };
}

const queue = (count: number, channel: "wecom" | "email" = "wecom") =>
  enqueueMessages(
    db,
    Array.from({ length: count }, (_, i) => ({ dedupKey: `test-${channel}-${i}`, channel, kind: "reminder" as const, subject: `提醒 ${i}`, body: `### 提醒 ${i}` })),
    t0,
  );

describe("sending through the WeCom group robot", () => {
  it("posts each message as markdown and marks it sent, with its attempt", async () => {
    queue(1);
    const worker = workerFor(wecomEnv());
    expect(await processOutbox(db, { ...worker, now: t0 })).toMatchObject({ sent: 1, failed: 0 });
    expect(robot.received).toEqual([{ url: expect.stringContaining("/cgi-bin/webhook/send"), body: { msgtype: "markdown", markdown: { content: "### 提醒 0" } } }]);
    const [message] = listRecentMessages(db);
    expect(message).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(listAttempts(db, [message!.id])).toEqual([expect.objectContaining({ ok: true, channel: "wecom" })]);
  });

  it("retries a failure after the backoff, not before, and records each failure", async () => {
    queue(1);
    robot.answers = [{ status: 500, body: {} }, { status: 200, body: { errcode: 93000, errmsg: "invalid webhook url" } }];
    const worker = workerFor(wecomEnv());

    expect(await processOutbox(db, { ...worker, now: t0 })).toMatchObject({ sent: 0, retrying: 1 });
    let [message] = listRecentMessages(db);
    expect(message).toMatchObject({ status: "pending", attempts: 1, lastError: "企业微信接口返回 HTTP 500" });
    expect(message!.nextAttemptAt).toEqual(later(BACKOFF_SECONDS[0]));

    // not yet: the first wait is not over
    expect(await processOutbox(db, { ...worker, now: later(BACKOFF_SECONDS[0] - 1) })).toMatchObject({ sent: 0, retrying: 0 });
    expect(robot.received).toHaveLength(1);

    await processOutbox(db, { ...worker, now: later(BACKOFF_SECONDS[0]) });
    [message] = listRecentMessages(db);
    expect(message).toMatchObject({ status: "pending", attempts: 2, lastError: "企业微信返回错误码 93000（Webhook 地址无效：key 不正确，或机器人已被移出群聊）" });
    expect(message!.nextAttemptAt).toEqual(later(BACKOFF_SECONDS[0] + BACKOFF_SECONDS[1]));

    await processOutbox(db, { ...worker, now: later(BACKOFF_SECONDS[0] + BACKOFF_SECONDS[1]) });
    [message] = listRecentMessages(db);
    expect(message).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(robot.received).toHaveLength(3);
    expect(listAttempts(db, [message!.id]).map((attempt) => attempt.ok)).toEqual([true, false, false]);
  });

  it("gives up after the last attempt, keeping the error, and never shows the robot's key", async () => {
    queue(1);
    robot.answers = Array.from({ length: MAX_ATTEMPTS }, () => ({
      status: 200,
      body: { errcode: 93000, errmsg: `invalid webhook url, hint: ${robot.url}` },
    }));
    const worker = workerFor(wecomEnv());
    let at = t0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await processOutbox(db, { ...worker, now: at });
      at = listRecentMessages(db)[0]!.nextAttemptAt;
    }
    const [message] = listRecentMessages(db);
    expect(message).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    // the robot's answer is summarised by its code, never echoed: its errmsg carried the key
    expect(message!.lastError).toBe("企业微信返回错误码 93000（Webhook 地址无效：key 不正确，或机器人已被移出群聊）");
    expect(message!.lastError).not.toContain(SECRET_KEY);
    // given up: a later run sends nothing more
    await processOutbox(db, { ...worker, now: later(365 * 24 * 3600) });
    expect(robot.received).toHaveLength(MAX_ATTEMPTS);
  });

  it("keeps a summary of any answer the robot gives, never its text (issue 29)", async () => {
    queue(3);
    robot.answers = [
      { status: 200, body: { errcode: 45009, errmsg: "api freq out of limit, hint: [1733], from ip: 10.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=45009" } },
      { status: 200, body: { errcode: 777777, errmsg: `<img src=x onerror=alert(1)>\u0000\u202E${"长".repeat(5000)}` } },
      { status: 200, body: { errcode: "93000; drop table", errmsg: "\u001b[2J清屏" } },
    ];
    await processOutbox(db, { ...workerFor(wecomEnv()), now: t0 });
    const errors = listRecentMessages(db).map((message) => message.lastError ?? "").sort();
    expect(errors).toEqual([
      "企业微信返回了无法识别的应答",
      "企业微信返回错误码 45009（调用过于频繁：每个机器人每分钟最多 20 条）",
      "企业微信返回错误码 777777（未收录的错误码，请查阅企业微信开发文档）",
    ]);
  });

  it("records a robot that cannot be reached as a failure to retry", async () => {
    queue(1);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const worker = workerFor({ WECOM_WEBHOOK_URL: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=${SECRET_KEY}` });
    expect(await processOutbox(db, { ...worker, now: t0 })).toMatchObject({ retrying: 1 });
    const [message] = listRecentMessages(db);
    expect(message!.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    expect(message!.lastError).not.toContain(SECRET_KEY);
  });

  it("sends at most 20 messages a minute, and the rest when the minute is over", async () => {
    queue(25);
    const worker = workerFor(wecomEnv());
    expect(await processOutbox(db, { ...worker, now: t0 })).toMatchObject({ sent: 20, deferred: 5 });
    expect(robot.received).toHaveLength(20);
    expect(await processOutbox(db, { ...worker, now: later(30) })).toMatchObject({ sent: 0, deferred: 5 });
    expect(robot.received).toHaveLength(20);
    expect(await processOutbox(db, { ...worker, now: later(61) })).toMatchObject({ sent: 5, deferred: 0 });
    expect(robot.received).toHaveLength(25);
    expect(listRecentMessages(db).every((message) => message.status === "sent")).toBe(true);
  });

  it("counts a failed attempt against the limit too", async () => {
    queue(21);
    robot.answers = [{ status: 500, body: {} }];
    const worker = workerFor(wecomEnv());
    expect(await processOutbox(db, { ...worker, now: t0 })).toMatchObject({ sent: 19, retrying: 1, deferred: 1 });
  });
});

describe("after a restart", () => {
  it("queues the same reminders once and sends each once", async () => {
    setDueSettings(db, { dueDay: 5, soonDays: 3, trackFrom: "2026-10" });
    const worker = workerFor(wecomEnv());
    const notices = planNotices(db, t0, "https://kpi.example.cn");
    // October is overdue (due 5 November); the digest of the week of 23 November is due
    expect(notices.map((notice) => notice.key)).toEqual(["overdue:1:2026-10", "digest:1:2026-11-23"]);
    expect(enqueueNotices(db, notices, worker.channels, t0)).toBe(2);
    await processOutbox(db, { ...worker, now: t0 });
    expect(robot.received).toHaveLength(2);
    expect(robot.received[0]!.body.markdown?.content).toContain("2026年10月数据逾期22天");
    expect(robot.received[0]!.body.markdown?.content).toContain("https://kpi.example.cn/entry/2026-10");

    // the process stops; a new one opens the same file and runs both jobs again an hour later
    db.$client.close();
    db = openDatabase(file);
    const restarted = workerFor(wecomEnv());
    const again = planNotices(db, later(3600), "https://kpi.example.cn");
    expect(enqueueNotices(db, again, restarted.channels, later(3600))).toBe(0);
    expect(await processOutbox(db, { ...restarted, now: later(3600) })).toMatchObject({ sent: 0 });
    expect(robot.received).toHaveLength(2);
  });

  it("puts a returned month in the weekly digest as a to-do, with the reviewer's reason", () => {
    const organizationId = getHomeOrganization(db).id;
    const keys = listIndicators(db).map((indicator) => indicator.key);
    const step = { organizationId, month: "2026-09" as const, userId: "u-staff", now: t0 };
    expect(submitMonth(db, { ...step, confirmedMissing: keys }).ok).toBe(true);
    expect(returnMonth(db, { ...step, userId: "u-leader", reason: "9月排名请按省通报填写" }).ok).toBe(true);
    const digest = planNotices(db, t0, null).find((notice) => notice.kind === "digest");
    expect(digest?.body).toContain("**已退回 1 个月，请修改后重新提交**");
    expect(digest?.body).toContain("2026年9月</font>：退回原因：9月排名请按省通报填写");
  });

  it("does not send again a message cut off mid-send: it is marked failed, its fate unknown", async () => {
    queue(1);
    const message = findMessageByKey(db, "test-wecom-0")!;
    // a process claimed it and stopped before it could say how the send went
    expect(claimMessage(db, message.id, t0)).toBe(true);
    db.$client.close();
    db = openDatabase(file);

    await processOutbox(db, { ...workerFor(wecomEnv()), now: later(5 * 60) });
    expect(robot.received).toHaveLength(0);
    expect(findMessageByKey(db, "test-wecom-0")).toMatchObject({ status: "failed", lastError: INTERRUPTED_MESSAGE });
  });
});

describe("sending e-mail", () => {
  it("delivers to every address in MAIL_TO through the SMTP server, signed in", async () => {
    queue(1, "email");
    const worker = workerFor(emailEnv());
    expect(await processOutbox(db, { ...worker, now: t0 })).toMatchObject({ sent: 1 });
    expect(mailbox.received).toHaveLength(1);
    expect(mailbox.received[0]).toMatchObject({ from: "kepu@xiqu.example.cn", to: ["zhangsan@xiqu.example.cn", "leader@xiqu.example.cn"] });
    expect(mailbox.received[0]!.data).toContain("Subject: =?UTF-8?");
    expect(listRecentMessages(db)[0]).toMatchObject({ status: "sent" });
  });

  it("records a refused delivery for a retry, and a wrong password without showing it", async () => {
    queue(1, "email");
    mailbox.reject = true;
    await processOutbox(db, { ...workerFor(emailEnv()), now: t0 });
    expect(listRecentMessages(db)[0]).toMatchObject({ status: "pending", attempts: 1 });
    // summarised by the SMTP reply's code, without the server's own text
    expect(listRecentMessages(db)[0]!.lastError).toMatch(/^邮件服务器拒绝了发件人或收件人地址（EENVELOPE，SMTP 5\d\d）$/);

    mailbox.reject = false;
    const wrong = "wr0ng-passw0rd";
    await processOutbox(db, { ...workerFor(emailEnv(wrong)), now: later(BACKOFF_SECONDS[0]) });
    const [message] = listRecentMessages(db);
    expect(message).toMatchObject({ status: "pending", attempts: 2 });
    expect(message!.lastError).toMatch(/^邮件服务器拒绝登录：用户名或密码不正确（EAUTH，SMTP 535）$/);
    expect(message!.lastError).not.toContain(wrong);
    expect(mailbox.received).toHaveLength(0);
  });
});

describe("channel settings", () => {
  it("are off unless configured, and show no secret", () => {
    expect(configuredChannels(channelSettingsFromEnv({}))).toEqual([]);
    expect(configuredChannels(channelSettingsFromEnv({ SMTP_URL: "smtp://x@y" }))).toEqual([]);
    const views = describeChannels(channelSettingsFromEnv({ ...wecomEnv(), ...emailEnv() }), { ...wecomEnv(), ...emailEnv() });
    const shown = JSON.stringify(views);
    expect(shown).not.toContain(SECRET_KEY);
    expect(shown).not.toContain(SMTP_PASSWORD);
    expect(views.map((view) => view.configured)).toEqual([true, true]);
  });

  it("leaves a message queued for a channel no longer configured failed, saying so", async () => {
    queue(1, "email");
    await processOutbox(db, { ...workerFor({}), now: t0 });
    expect(listRecentMessages(db)[0]).toMatchObject({ status: "failed", lastError: expect.stringContaining("SMTP_URL") });
  });
});
