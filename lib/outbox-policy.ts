/**
 * How the outbox sends: which channels exist, how long to wait before trying a failed message
 * again, when to give up, and how many messages the WeCom group robot takes in a minute.
 */

export const OUTBOX_CHANNELS = ["wecom", "email"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export const OUTBOX_CHANNEL_LABELS: Record<OutboxChannel, string> = { wecom: "企业微信群机器人", email: "电子邮件" };

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: "待发送",
  sending: "发送中",
  sent: "已发送",
  failed: "发送失败",
};

export const OUTBOX_KINDS = ["reminder", "digest", "test"] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const OUTBOX_KIND_LABELS: Record<OutboxKind, string> = { reminder: "到期提醒", digest: "每周汇总", test: "测试消息" };

/** Seconds to wait after the n-th failed attempt (n = 1, 2, …) before the next one. */
export const BACKOFF_SECONDS = [60, 5 * 60, 30 * 60, 2 * 60 * 60, 6 * 60 * 60] as const;
/** A message is given up after this many failed attempts (a test message after its first). */
export const MAX_ATTEMPTS = BACKOFF_SECONDS.length + 1;

export function maxAttemptsOf(kind: OutboxKind): number {
  return kind === "test" ? 1 : MAX_ATTEMPTS;
}

/** When to try again after `attempts` failed attempts, or null to give up. */
export function nextAttemptAt(kind: OutboxKind, attempts: number, now: Date): Date | null {
  if (attempts >= maxAttemptsOf(kind)) return null;
  const wait = BACKOFF_SECONDS[Math.min(attempts, BACKOFF_SECONDS.length) - 1] ?? BACKOFF_SECONDS[0];
  return new Date(now.getTime() + wait * 1000);
}

/** The WeCom group robot accepts at most 20 messages a minute. */
export const RATE_LIMITS: Record<OutboxChannel, { count: number; windowSeconds: number } | null> = {
  wecom: { count: 20, windowSeconds: 60 },
  email: null,
};

/** How many more messages the channel may take now, given the times of its attempts so far. */
export function remainingSlots(channel: OutboxChannel, attemptTimes: readonly Date[], now: Date): number {
  const limit = RATE_LIMITS[channel];
  if (!limit) return Number.POSITIVE_INFINITY;
  const since = now.getTime() - limit.windowSeconds * 1000;
  const recent = attemptTimes.filter((time) => time.getTime() > since).length;
  return Math.max(0, limit.count - recent);
}

/** The WeCom robot takes markdown up to 4096 bytes of UTF-8: cut on a character boundary, never mid-character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  const marker = "…";
  const budget = maxBytes - encoder.encode(marker).length;
  let bytes = 0;
  let cut = "";
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > budget) break;
    bytes += size;
    cut += char;
  }
  return cut + marker;
}
