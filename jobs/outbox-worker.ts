/**
 * Sends what the outbox holds. Each message is claimed before it is sent and marked after, so a
 * message is sent at most once: a process that stops mid-send leaves it "sending", and the next
 * run marks it failed (its fate unknown) instead of sending it a second time. Failures are tried
 * again with growing waits, and the WeCom robot is never sent more than 20 messages a minute.
 */
import { currentTime } from "@/lib/clock";
import { nextAttemptAt, remainingSlots, type OutboxChannel } from "@/lib/outbox-policy";
import type { Db } from "@/db/client";
import {
  claimMessage,
  failInterrupted,
  finishAttempt,
  listAttemptTimes,
  listDueMessages,
  markFailed,
  markSent,
  startAttempt,
} from "@/db/outbox";
import { safeErrorText, type Senders } from "./channels";

/** A send still "sending" after this long was cut off by a stop: no send takes this long (timeouts are shorter). */
const INTERRUPTED_AFTER_MS = 2 * 60 * 1000;
export const INTERRUPTED_MESSAGE = "发送过程中服务停止，无法确认是否送达；为避免重复发送，未自动重发（可在此页手动重新发送）。";

export type OutboxRun = { sent: number; failed: number; retrying: number; deferred: number; interrupted: number };

// one run at a time in this process: the scheduler's and the "send test message" button's
let running: Promise<OutboxRun> | null = null;

export async function processOutbox(db: Db, input: { senders: Senders; secrets: readonly string[]; now?: Date }): Promise<OutboxRun> {
  while (running) await running.catch(() => undefined);
  const run = sendDue(db, input);
  running = run;
  try {
    return await run;
  } finally {
    running = null;
  }
}

async function sendDue(db: Db, input: { senders: Senders; secrets: readonly string[]; now?: Date }): Promise<OutboxRun> {
  const now = input.now ?? currentTime();
  const result: OutboxRun = { sent: 0, failed: 0, retrying: 0, deferred: 0, interrupted: 0 };
  result.interrupted = failInterrupted(db, new Date(now.getTime() - INTERRUPTED_AFTER_MS), INTERRUPTED_MESSAGE);
  const windowStart = new Date(now.getTime() - 60 * 1000);
  const full = new Set<OutboxChannel>();

  for (const message of listDueMessages(db, now)) {
    const channel = message.channel;
    if (full.has(channel) || remainingSlots(channel, listAttemptTimes(db, channel, windowStart), now) === 0) {
      full.add(channel);
      result.deferred += 1;
      continue;
    }
    const attemptId = db.transaction((tx) => (claimMessage(tx, message.id, now) ? startAttempt(tx, { messageId: message.id, channel, at: now }) : null));
    if (attemptId === null) continue;
    const attempts = message.attempts + 1;

    const send = input.senders[channel];
    let error: string | null = null;
    if (!send) {
      error = channel === "wecom" ? "未配置企业微信群机器人（WECOM_WEBHOOK_URL）" : "未配置邮件发送（SMTP_URL、MAIL_TO）";
    } else {
      try {
        await send({ subject: message.subject, body: message.body });
      } catch (caught) {
        error = safeErrorText(caught, input.secrets);
      }
    }

    if (error === null) {
      db.transaction((tx) => {
        markSent(tx, message.id, now);
        finishAttempt(tx, attemptId, true);
      });
      result.sent += 1;
    } else {
      const retryAt = send ? nextAttemptAt(message.kind, attempts, now) : null;
      db.transaction((tx) => {
        markFailed(tx, message.id, error, retryAt);
        finishAttempt(tx, attemptId, false, error);
      });
      if (retryAt) result.retrying += 1;
      else result.failed += 1;
    }
  }
  return result;
}
