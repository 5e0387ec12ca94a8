import { describe, expect, it } from "vitest";
import { outboxErrorText, plainErrorText, smtpErrorSummary, wecomErrorSummary } from "./channel-errors";

describe("a failed send as it is kept and shown", () => {
  it("names the robot's error by its code, known or not, and never by its text", () => {
    expect(wecomErrorSummary(93000)).toBe("企业微信返回错误码 93000（Webhook 地址无效：key 不正确，或机器人已被移出群聊）");
    expect(wecomErrorSummary(-1)).toBe("企业微信返回错误码 -1（企业微信系统繁忙，稍后会自动重试）");
    expect(wecomErrorSummary(12345)).toBe("企业微信返回错误码 12345（未收录的错误码，请查阅企业微信开发文档）");
    for (const code of ["93000", 1.5, null, undefined, { errcode: 1 }, Number.MAX_VALUE]) expect(wecomErrorSummary(code)).toBe("企业微信返回了无法识别的应答");
  });

  it("names an SMTP failure by nodemailer's code and the reply's code", () => {
    expect(smtpErrorSummary({ code: "EAUTH", responseCode: 535 })).toBe("邮件服务器拒绝登录：用户名或密码不正确（EAUTH，SMTP 535）");
    expect(smtpErrorSummary({ code: "ETIMEDOUT" })).toBe("连接邮件服务器超时（ETIMEDOUT）");
    expect(smtpErrorSummary({ code: "<b>bold</b>", responseCode: 9999 })).toBe("邮件发送失败");
    expect(smtpErrorSummary({})).toBe("邮件发送失败");
  });

  it("keeps any other failure as one short line without control or direction characters", () => {
    expect(plainErrorText("fetch failed：connect\r\nECONNREFUSED\u0000 127.0.0.1:9\u202E")).toBe("fetch failed：connect ECONNREFUSED 127.0.0.1:9");
    expect(plainErrorText("长".repeat(1000))).toHaveLength(300);
  });

  it("summarises a robot's answer kept verbatim before, and shows other old errors cleaned", () => {
    expect(outboxErrorText("企业微信接口返回错误 93000：invalid webhook url, hint: [1733], from ip: 10.0.0.1")).toBe(
      "企业微信返回错误码 93000（Webhook 地址无效：key 不正确，或机器人已被移出群聊）",
    );
    expect(outboxErrorText("Mailbox x@y\u0000 unavailable")).toBe("Mailbox x@y unavailable");
  });
});
