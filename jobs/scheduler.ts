/**
 * The in-process schedule (croner, Beijing time), started once from instrumentation.ts:
 * - every minute, send what the outbox holds;
 * - hourly from 09:00 to 18:00, queue the due-date reminders and the weekly digest.
 * A run never overlaps the one before (`protect`), and the timers never keep the process alive.
 * Both jobs are safe to run again after a restart: queueing is deduplicated, sending claims first.
 */
import { Cron } from "croner";
import { getDb } from "@/db/client";
import { currentTime } from "@/lib/clock";
import { channelSettingsFromEnv, configuredChannels, createSenders, safeErrorText, secretsOf } from "./channels";
import { processOutbox } from "./outbox-worker";
import { enqueueNotices, planNotices } from "./reminders";

declare global {
  // Kept on globalThis so that hot reload in development never starts a second schedule.
  var kepuScheduler: Cron[] | undefined;
}

export const TIMEZONE = "Asia/Shanghai";
/** Send the outbox every minute; plan reminders hourly in office hours (Beijing time). */
export const SCHEDULES = { outbox: "* * * * *", reminders: "0 9-18 * * *" } as const;

export function startScheduler(): void {
  if (globalThis.kepuScheduler || process.env.KEPU_SCHEDULER === "off" || process.env.NEXT_PHASE === "phase-production-build") return;
  const channels = channelSettingsFromEnv();
  const secrets = secretsOf(channels);
  const senders = createSenders(channels);
  const failed = (job: string) => (error: unknown) => console.error(`[定时任务] ${job}失败：${safeErrorText(error, secrets)}`);
  const options = { timezone: TIMEZONE, protect: true, unref: true } as const;

  globalThis.kepuScheduler = [
    new Cron(SCHEDULES.outbox, { ...options, name: "outbox", catch: failed("发送消息") }, async () => {
      if (configuredChannels(channels).length === 0) return;
      const run = await processOutbox(getDb(), { senders, secrets });
      if (run.sent + run.failed + run.retrying + run.interrupted > 0) {
        console.info(`[定时任务] 消息发送：成功 ${run.sent}，待重试 ${run.retrying}，失败 ${run.failed}，中断 ${run.interrupted}，限流顺延 ${run.deferred}`);
      }
    }),
    new Cron(SCHEDULES.reminders, { ...options, name: "reminders", catch: failed("生成提醒") }, () => {
      const enabled = configuredChannels(channels);
      if (enabled.length === 0) return;
      const now = currentTime();
      const db = getDb();
      const added = enqueueNotices(db, planNotices(db, now, process.env.APP_URL ?? null), enabled, now);
      if (added > 0) console.info(`[定时任务] 新增提醒 ${added} 条`);
    }),
  ];
}
