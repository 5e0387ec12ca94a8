import { notFound } from "next/navigation";
import { outboxErrorText } from "@/lib/channel-errors";
import { formatDateTime } from "@/lib/format";
import { OUTBOX_CHANNEL_LABELS, OUTBOX_KIND_LABELS, OUTBOX_STATUS_LABELS, type OutboxStatus } from "@/lib/outbox-policy";
import { can } from "@/lib/roles";
import { getDb } from "@/db/client";
import { getDueSettings } from "@/db/due-settings";
import { countByStatus, listRecentMessages } from "@/db/outbox";
import { channelSettingsFromEnv, describeChannels } from "@/jobs/channels";
import { requireUser } from "@/app/_auth/session";
import { DueSettingsForm, RetryButton, TestMessageButton } from "./outbox-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "提醒与发送" };

const STATUS_STYLE: Record<OutboxStatus, string> = {
  pending: "text-amber-800",
  sending: "text-sky-800",
  sent: "text-emerald-700",
  failed: "text-red-700",
};

export default async function OutboxPage() {
  const user = await requireUser();
  if (!can(user, "workflow:manage")) notFound();
  const db = getDb();
  const settings = getDueSettings(db);
  const channels = describeChannels(channelSettingsFromEnv());
  const counts = countByStatus(db);
  const messages = listRecentMessages(db, 100);

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">提醒与发送</h1>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">报送期限</h2>
        <p className="text-sm text-slate-600">按北京时间计算。逾期与即将到期的月份显示在看板和“月度填报”页，并按下述渠道提醒（到期前、到期当天、逾期后各一次），每周一 9 时发送汇总。</p>
        <DueSettingsForm initial={{ dueDay: String(settings.dueDay), soonDays: String(settings.soonDays), trackFrom: settings.trackFrom }} />
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">发送渠道</h2>
        <p className="text-sm text-slate-600">由服务器环境变量配置，默认关闭；密钥与密码不会在此显示。修改环境变量后需重启服务。</p>
        <ul className="space-y-2 text-sm" data-testid="channels">
          {channels.map((channel) => (
            <li key={channel.channel} data-configured={channel.configured}>
              <span className="font-medium">{OUTBOX_CHANNEL_LABELS[channel.channel]}</span>：
              {channel.configured ? (
                <span className="break-all text-emerald-700">已配置 · {channel.target}</span>
              ) : (
                <span className="text-slate-500">未启用（{channel.missing}）</span>
              )}
            </li>
          ))}
        </ul>
        <TestMessageButton />
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">发送记录</h2>
        <p className="text-sm text-slate-600">
          待发送 {counts.pending} · 已发送 {counts.sent} · 发送失败 {counts.failed}
          {counts.sending > 0 && ` · 发送中 ${counts.sending}`}。失败的消息按 1 分钟、5 分钟、30 分钟、2 小时、6 小时的间隔自动重试，共 6 次（测试消息只试一次）；企业微信每分钟最多发送 20 条，超出的顺延。
        </p>
        {messages.length === 0 ? (
          <p className="text-sm text-slate-500">还没有任何消息。</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="outbox">
              <thead className="bg-slate-50 text-left text-xs text-slate-600">
                <tr>
                  <th className="px-2 py-1">生成时间</th>
                  <th className="px-2 py-1">类型</th>
                  <th className="px-2 py-1">渠道</th>
                  <th className="px-2 py-1">标题</th>
                  <th className="px-2 py-1">状态</th>
                  <th className="px-2 py-1 text-right">尝试</th>
                  <th className="px-2 py-1">说明</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {messages.map((message) => (
                  <tr key={message.id} data-status={message.status}>
                    <td className="whitespace-nowrap px-2 py-1 tabular-nums">{formatDateTime(message.createdAt)}</td>
                    <td className="whitespace-nowrap px-2 py-1">{OUTBOX_KIND_LABELS[message.kind]}</td>
                    <td className="whitespace-nowrap px-2 py-1">{OUTBOX_CHANNEL_LABELS[message.channel]}</td>
                    <td className="min-w-48 px-2 py-1">{message.subject}</td>
                    <td className={`whitespace-nowrap px-2 py-1 font-medium ${STATUS_STYLE[message.status]}`}>{OUTBOX_STATUS_LABELS[message.status]}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{message.attempts}</td>
                    <td className="min-w-48 px-2 py-1 text-xs text-slate-600">
                      {message.status === "sent" && message.sentAt && `${formatDateTime(message.sentAt)} 送出`}
                      {message.status === "pending" && message.attempts > 0 && `下次尝试 ${formatDateTime(message.nextAttemptAt)}；`}
                      {message.status !== "sent" && message.lastError && outboxErrorText(message.lastError)}
                      {message.status === "failed" && <RetryButton messageId={message.id} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
