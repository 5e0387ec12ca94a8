/**
 * The two ways reminders leave the app, both optional and off until configured by environment:
 * a WeCom (企业微信) group robot (WECOM_WEBHOOK_URL) and e-mail (SMTP_URL, MAIL_FROM, MAIL_TO).
 * Their secrets stay here: pages see them masked, errors are scrubbed before they are kept. What
 * the other side answers is kept as a summary of its code, never its text (lib/channel-errors.ts).
 */
import nodemailer from "nodemailer";
import { plainErrorText, smtpErrorSummary, wecomErrorSummary } from "@/lib/channel-errors";
import { messageLine } from "@/lib/message-text";
import { OUTBOX_CHANNELS, truncateUtf8, type OutboxChannel } from "@/lib/outbox-policy";
import { maskUrl, redact, secretsOfUrl } from "@/lib/secrets";

export type ChannelSettings = {
  wecom: { url: string } | null;
  email: { smtpUrl: string; from: string; to: string[] } | null;
};

type Env = Record<string, string | undefined>;

export function channelSettingsFromEnv(env: Env = process.env): ChannelSettings {
  const webhook = env.WECOM_WEBHOOK_URL?.trim();
  const smtpUrl = env.SMTP_URL?.trim();
  const to = (env.MAIL_TO ?? "").split(/[,，;；\s]+/).filter(Boolean);
  const from = env.MAIL_FROM?.trim() || to[0] || "";
  return {
    wecom: webhook ? { url: webhook } : null,
    email: smtpUrl && to.length > 0 ? { smtpUrl, from, to } : null,
  };
}

export function configuredChannels(settings: ChannelSettings): OutboxChannel[] {
  return OUTBOX_CHANNELS.filter((channel) => settings[channel] !== null);
}

/** Every secret a message or an error could echo: the robot's key, the SMTP password (as typed and URL-encoded). */
export function secretsOf(settings: ChannelSettings): string[] {
  const secrets: string[] = [];
  if (settings.wecom) secrets.push(...secretsOfUrl(settings.wecom.url));
  if (settings.email) secrets.push(...secretsOfUrl(settings.email.smtpUrl));
  return secrets;
}

export type ChannelView = { channel: OutboxChannel; configured: boolean; target: string; missing: string };

/** What the admin page shows of each channel: where it points, with its secrets masked. */
export function describeChannels(settings: ChannelSettings, env: Env = process.env): ChannelView[] {
  const email = settings.email;
  return [
    {
      channel: "wecom",
      configured: settings.wecom !== null,
      target: settings.wecom ? maskUrl(settings.wecom.url) : "",
      missing: settings.wecom ? "" : "未设置 WECOM_WEBHOOK_URL",
    },
    {
      channel: "email",
      configured: email !== null,
      target: email ? `${maskUrl(email.smtpUrl)}，发件人 ${email.from}，收件人 ${email.to.join("、")}` : "",
      missing: email ? "" : !env.SMTP_URL?.trim() ? "未设置 SMTP_URL" : "未设置 MAIL_TO（收件人）",
    },
  ];
}

export type OutgoingMessage = { subject: string; body: string };
/** Sends one message or throws an Error saying why (its message may still hold secrets: scrub it). */
export type Sender = (message: OutgoingMessage) => Promise<void>;
export type Senders = Partial<Record<OutboxChannel, Sender>>;

/** The WeCom robot takes markdown of at most 4096 bytes and answers errcode 0 when it took the message. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

function wecomSender(url: string): Sender {
  return async (message) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ msgtype: "markdown", markdown: { content: truncateUtf8(message.body, WECOM_MARKDOWN_MAX_BYTES) } }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) throw new Error(`企业微信接口返回 HTTP ${response.status}`);
    const answer: unknown = await response.json().catch(() => null);
    const code = typeof answer === "object" && answer !== null && "errcode" in answer ? answer.errcode : undefined;
    if (code !== 0) throw new Error(wecomErrorSummary(code));
  };
}

function emailSender(settings: NonNullable<ChannelSettings["email"]>): Sender {
  const transport = nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  return async (message) => {
    try {
      await transport.sendMail({
        from: settings.from,
        to: settings.to,
        // one line whatever it holds: a line break in a subject would start another header
        subject: messageLine(message.subject),
        // the WeCom markdown reads fine as plain text without its colour tags
        text: message.body.replace(/<\/?font[^>]*>/g, ""),
      });
    } catch (error) {
      // nodemailer's message quotes the server's reply: keep its codes only
      const failure = typeof error === "object" && error !== null ? error : {};
      throw new Error(smtpErrorSummary({ code: "code" in failure ? failure.code : undefined, responseCode: "responseCode" in failure ? failure.responseCode : undefined }));
    }
  };
}

export function createSenders(settings: ChannelSettings): Senders {
  return {
    ...(settings.wecom ? { wecom: wecomSender(settings.wecom.url) } : {}),
    ...(settings.email ? { email: emailSender(settings.email) } : {}),
  };
}

/** An error as text safe to keep and show: one short line, every secret of the channels replaced by ***. */
export function safeErrorText(error: unknown, secrets: readonly string[]): string {
  const parts: string[] = [];
  let current: unknown = error;
  // fetch hides the real reason (refused, timed out) in `cause`
  for (let depth = 0; current && depth < 3; depth += 1) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : null;
  }
  return plainErrorText(redact(parts.join("："), secrets));
}
