"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { outboxErrorText } from "@/lib/channel-errors";
import { currentTime } from "@/lib/clock";
import { dueSettingsSchema } from "@/lib/due-dates";
import { OUTBOX_CHANNEL_LABELS, OUTBOX_STATUS_LABELS } from "@/lib/outbox-policy";
import { formatMonth } from "@/lib/periods";
import { testNotice } from "@/lib/reminders";
import { recordAudit } from "@/db/audit";
import { getDb } from "@/db/client";
import { setDueSettings } from "@/db/due-settings";
import { getHomeOrganization } from "@/db/organizations";
import { findMessageByKey, getMessage, requeueMessage } from "@/db/outbox";
import { channelSettingsFromEnv, configuredChannels, createSenders, secretsOf } from "@/jobs/channels";
import { processOutbox } from "@/jobs/outbox-worker";
import { enqueueNotices } from "@/jobs/reminders";
import { textFields } from "@/app/_lib/form-data";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type OutboxFormState = {
  status: "idle" | "done" | "invalid" | "refused";
  message: string;
  fieldErrors: Record<string, string[] | undefined>;
  values: Record<string, string>;
};

const refused = (refusal: Refusal, [, formData]: [OutboxFormState, FormData]): OutboxFormState => ({ status: "refused", message: refusal.message, fieldErrors: {}, values: textFields(formData) });
const invalid = (message: string, values: Record<string, string> = {}): OutboxFormState => ({ status: "invalid", message, fieldErrors: {}, values });

/** When months are due, how early to warn, and from which month on. */
export const saveDueSettings = guarded("workflow:manage", refused, async (user: SessionUser, _previous: OutboxFormState, formData: FormData): Promise<OutboxFormState> => {
  const values = textFields(formData, ["dueDay", "soonDays", "trackFrom"]);
  const parsed = dueSettingsSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", message: "请按提示修改。未做任何修改。", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const db = getDb();
  const settings = parsed.data;
  const detail = `每月数据于次月${settings.dueDay}日前提交（该月较短时为月末）；到期前 ${settings.soonDays} 天开始提醒；自${formatMonth(settings.trackFrom)}起计算逾期`;
  db.transaction((tx) => {
    setDueSettings(tx, settings);
    recordAudit(tx, { action: "settings.due", subject: "报送期限与提醒", detail, userId: user.id, organizationId: getHomeOrganization(tx).id });
  });
  revalidatePath("/", "layout");
  return { status: "done", message: `已保存：${detail}。`, fieldErrors: {}, values };
});

function worker() {
  const settings = channelSettingsFromEnv();
  return { channels: configuredChannels(settings), senders: createSenders(settings), secrets: secretsOf(settings) };
}

/** Send a test message through every configured channel now, and say how each went. */
export const sendTestMessage = guarded("workflow:manage", refused, async (user: SessionUser, _previous: OutboxFormState, _formData: FormData): Promise<OutboxFormState> => {
  const { channels, senders, secrets } = worker();
  if (channels.length === 0) {
    return invalid("尚未配置任何发送渠道：请在服务器环境变量中设置 WECOM_WEBHOOK_URL（企业微信群机器人），或 SMTP_URL 与 MAIL_TO（电子邮件），然后重启服务。");
  }
  const db = getDb();
  const now = currentTime();
  const notice = testNotice(getHomeOrganization(db), now, user.name);
  enqueueNotices(db, [notice], channels, now);
  await processOutbox(db, { senders, secrets, now });
  revalidatePath("/admin/outbox");
  const outcome = channels.map((channel) => {
    const message = findMessageByKey(db, `${notice.key}#${channel}`);
    const status = message ? OUTBOX_STATUS_LABELS[message.status] : "未发送";
    return `${OUTBOX_CHANNEL_LABELS[channel]}：${status}${message?.status === "pending" ? "（同一分钟内消息过多，稍后自动发送）" : ""}${message?.lastError ? `（${outboxErrorText(message.lastError)}）` : ""}`;
  });
  const allSent = channels.every((channel) => findMessageByKey(db, `${notice.key}#${channel}`)?.status === "sent");
  return { status: allSent ? "done" : "invalid", message: `测试消息 — ${outcome.join("；")}`, fieldErrors: {}, values: {} };
});

const messageId = z.coerce.number().int().positive();

/** Put a failed message back in the queue and try it once more now. */
export const retryOutboxMessage = guarded("workflow:manage", refused, async (_user: SessionUser, _previous: OutboxFormState, formData: FormData): Promise<OutboxFormState> => {
  const id = messageId.safeParse(formData.get("messageId"));
  if (!id.success) return invalid("消息无效。");
  const db = getDb();
  const now = currentTime();
  if (!requeueMessage(db, id.data, now)) return invalid("只有“发送失败”的消息可以重新发送。");
  const { senders, secrets } = worker();
  await processOutbox(db, { senders, secrets, now });
  revalidatePath("/admin/outbox");
  const message = getMessage(db, id.data);
  return message?.status === "sent"
    ? { status: "done", message: "已重新发送。", fieldErrors: {}, values: {} }
    : invalid(`重新发送未成功：${message?.lastError ? outboxErrorText(message.lastError) : OUTBOX_STATUS_LABELS[message?.status ?? "pending"]}`);
});
