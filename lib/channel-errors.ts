/**
 * What is kept and shown of a failed send: a summary in Chinese made from the failure's code,
 * never the other side's own text. The WeCom robot's `errmsg` carries hints, addresses and links
 * (and, echoed back, the webhook's key); an SMTP server's reply is whatever that server says. WeCom
 * itself tells developers to go by `errcode`, as its `errmsg` may change.
 */
import { messageLine } from "./message-text";

/** The robot's error codes an administrator can act on (WeCom's global return codes). */
export const WECOM_ERRORS: Readonly<Record<number, string>> = {
  [-1]: "企业微信系统繁忙，稍后会自动重试",
  40008: "消息类型不合法",
  44004: "消息内容为空",
  45002: "消息内容超过长度限制",
  45009: "调用过于频繁：每个机器人每分钟最多 20 条",
  93000: "Webhook 地址无效：key 不正确，或机器人已被移出群聊",
  93004: "机器人已被停用",
  93008: "机器人不在该群聊中",
};

/** "企业微信返回错误码 93000（Webhook 地址无效：…）", from the `errcode` of the robot's answer. */
export function wecomErrorSummary(code: unknown): string {
  if (typeof code !== "number" || !Number.isSafeInteger(code)) return "企业微信返回了无法识别的应答";
  return `企业微信返回错误码 ${code}（${WECOM_ERRORS[code] ?? "未收录的错误码，请查阅企业微信开发文档"}）`;
}

/** What nodemailer's error codes mean to an administrator. */
const SMTP_ERRORS: Readonly<Record<string, string>> = {
  EAUTH: "邮件服务器拒绝登录：用户名或密码不正确",
  ENOAUTH: "邮件服务器要求登录，但 SMTP_URL 中没有用户名或密码",
  EENVELOPE: "邮件服务器拒绝了发件人或收件人地址",
  EMESSAGE: "邮件服务器拒收了这封邮件",
  ECONNECTION: "与邮件服务器的连接意外中断",
  ESOCKET: "无法连接邮件服务器",
  ETIMEDOUT: "连接邮件服务器超时",
  EDNS: "无法解析邮件服务器的地址",
  ETLS: "与邮件服务器建立加密连接失败",
  EREQUIRETLS: "邮件服务器不支持所要求的加密传输",
  EPROTOCOL: "邮件服务器的应答不合规范",
};

/** "邮件服务器拒绝登录：…（EAUTH，SMTP 535）", from nodemailer's `code` and the reply's three-digit code. */
export function smtpErrorSummary(failure: { code?: unknown; responseCode?: unknown }): string {
  const code = typeof failure.code === "string" && failure.code in SMTP_ERRORS ? failure.code : null;
  const reply = typeof failure.responseCode === "number" && failure.responseCode >= 200 && failure.responseCode <= 599 ? failure.responseCode : null;
  const detail = [code, reply === null ? null : `SMTP ${reply}`].filter((part) => part !== null).join("，");
  return `${code ? SMTP_ERRORS[code] : "邮件发送失败"}${detail ? `（${detail}）` : ""}`;
}

export const MAX_ERROR_LENGTH = 300;

/** Any other failure's text as it may be kept: one line, no control or direction characters, at most 300 characters. */
export function plainErrorText(text: string): string {
  const line = messageLine(text).trim();
  return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH - 1)}…` : line;
}

// how the robot's errors were kept before they were summarised (databases from before issue 29)
const ECHOED_WECOM_ERROR = /^企业微信接口返回错误 (-?\d{1,9})：/;

/** A stored failure as the outbox page shows it: a robot's echoed answer from before is summarised too. */
export function outboxErrorText(stored: string): string {
  const echoed = ECHOED_WECOM_ERROR.exec(stored);
  return echoed ? wecomErrorSummary(Number(echoed[1])) : plainErrorText(stored);
}
