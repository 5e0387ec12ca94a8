import { currentTime } from "@/lib/clock";
import Link from "@/app/ui/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/lib/format";
import { addMonths, formatMonth, isFutureMonth, isMonth, monthOfDate } from "@/lib/periods";
import { can } from "@/lib/roles";
import { textDiff } from "@/lib/text-diff";
import { getDb } from "@/db/client";
import { listCommentRevisions } from "@/db/comments";
import { loadMonthReport } from "@/db/pack";
import { getLeaderMonth } from "@/db/dashboard";
import { leaderMonthNote } from "@/lib/dashboard";
import { LeaderMonthNote } from "@/app/ui/leader-month-note";
import { pageUnit, UNIT_PARAM, withUnit } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { BriefForm } from "./brief-form";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  return { title: isMonth(month) ? `${formatMonth(month)}工作简报` : "月度简报" };
}

const CELL = "border border-slate-300 px-2 py-1";
const LINK = "rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50";

/** A month's 工作简报: the paragraph drafted from the figures, as staff saved it, and the month's table. */
export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ month: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { month } = await params;
  if (!isMonth(month) || isFutureMonth(month, currentTime())) notFound();
  const page = pageUnit(user, (await searchParams)[UNIT_PARAM]);
  const organization = page.unit;
  const db = getDb();
  const report = loadMonthReport(db, { organizationId: organization.id, month });
  const history = listCommentRevisions(db, organization.id, month);
  const { brief } = report;
  const following = addMonths(month, 1);
  const monthNote = leaderMonthNote(getLeaderMonth(db, organization.id, monthOfDate(currentTime())), month);
  const categories = [...new Set(brief.rows.map((row) => row.category))];

  return (
    <div className="mx-auto max-w-[210mm] space-y-6 bg-white p-4 shadow-sm sm:p-8">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <nav aria-label="切换月份" className="flex flex-wrap gap-2">
          <Link href={withUnit(`/report/${addMonths(month, -1)}`, page)} className={LINK}>‹ {formatMonth(addMonths(month, -1))}</Link>
          {following <= monthOfDate(currentTime()) && <Link href={withUnit(`/report/${following}`, page)} className={LINK}>{formatMonth(following)} ›</Link>}
        </nav>
        <a href={withUnit(`/report/${month}/docx`, page)} className={LINK} download>下载 Word</a>
      </div>

      <header className="border-b-2 border-slate-800 pb-3">
        <p className="text-sm text-slate-600">{report.organization.name}</p>
        <h1 className="text-2xl font-bold">{report.title}</h1>
        <p className="text-xs text-slate-500">
          生成于 {report.generatedText}
          {report.demo && " · 含示例数据（非真实填报）"}
        </p>
        <p className="text-sm" data-testid="approval-summary">审核情况：{report.approval.text}</p>
        <LeaderMonthNote text={monthNote.text} links={monthNote.links.map((link) => ({ href: withUnit(`/report/${link.month}`, page), label: link.label }))} />
      </header>

      <section aria-labelledby="brief-heading" className="space-y-2">
        <h2 id="brief-heading" className="flex flex-wrap items-center gap-2 text-lg font-semibold">
          一、工作简报
          {!report.saved && (
            <span className="rounded bg-amber-50 px-2 py-0.5 text-xs font-normal text-amber-900 ring-1 ring-inset ring-amber-600/30" data-testid="brief-drafted">
              系统根据填报数据草拟，尚未保存
            </span>
          )}
        </h2>
        <div className="space-y-2 rounded-md border border-slate-200 p-3 text-sm leading-relaxed" data-testid="brief-text">
          {report.text.split("\n").map((paragraph, index) => (
            <p key={index} className="indent-8">{paragraph}</p>
          ))}
        </div>
        {can(user.role, "comments:write") && (
          <BriefForm
            month={month}
            saved={report.saved ?? ""}
            drafted={report.drafted}
            diff={report.saved === null ? null : textDiff(report.saved, report.drafted)}
            draftedAt={formatDateTime(report.generatedAt)}
            unitId={organization.kind === "home" ? undefined : organization.id}
          />
        )}
        {history.length > 0 && (
          <details className="text-xs text-slate-600">
            <summary className="cursor-pointer">简报的修订记录（{history.length}）</summary>
            <ul className="mt-1 space-y-0.5" data-testid="brief-history">
              {history.map((entry) => (
                <li key={entry.id}>{formatDateTime(entry.changedAt)} {entry.changedByName ?? "—"}：{entry.newBody === null ? "清空（改用系统草拟的文字）" : "保存"}</li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <section aria-labelledby="figures" className="space-y-2">
        <h2 id="figures" className="text-lg font-semibold">二、主要指标</h2>
        <table className="pack-table w-full border-collapse text-xs sm:text-sm" data-testid="month-table">
          <thead>
            <tr className="bg-slate-100 text-left">
              <th className={CELL}>指标</th>
              <th className={`${CELL} text-right`}>本月</th>
              <th className={`${CELL} text-right`}>较上月</th>
              <th className={`${CELL} text-right`}>本年累计</th>
              <th className={`${CELL} text-right`}>全省排名</th>
              <th className={CELL}>目标评估</th>
            </tr>
          </thead>
          {categories.map((category) => (
            <tbody key={category}>
              <tr>
                <th colSpan={6} className={`${CELL} bg-slate-50 text-left font-semibold`} data-category>{category}</th>
              </tr>
              {brief.rows.filter((row) => row.category === category).map((row) => (
                <tr key={row.key} className="align-top" data-indicator={row.key}>
                  <td className={CELL} data-name>{row.name}</td>
                  <td className={`${CELL} text-right tabular-nums`} data-label="本月">{row.valueText}</td>
                  <td className={`${CELL} text-right tabular-nums`} data-label="较上月" data-empty={row.changeText === null || undefined}>{row.changeText ?? "—"}</td>
                  <td className={`${CELL} text-right tabular-nums`} data-label="本年累计" data-empty={row.yearToDateText === null || undefined}>{row.yearToDateText ?? "—"}</td>
                  <td className={`${CELL} text-right`} data-label="全省排名" data-empty={row.rankText === null || undefined}>{row.rankText ? `${row.rankText}${row.rankChangeText ? ` ${row.rankChangeText}` : ""}` : "—"}</td>
                  <td className={CELL} data-label="目标评估" data-wide>{row.targetTexts.length > 0 ? row.targetTexts.map((text) => <span key={text} className="block">{text}</span>) : <span className="text-slate-500">未设目标</span>}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </section>

      <section aria-labelledby="red" className="space-y-2 text-sm">
        <h2 id="red" className="text-lg font-semibold">三、未达标指标（{brief.red.length}）</h2>
        {brief.red.length === 0 ? (
          <p className="text-emerald-700">本年截至本月没有未达标的指标。</p>
        ) : (
          <ul className="list-disc pl-5" data-testid="month-red">
            {brief.red.map((item) => <li key={item.key}>{item.name}：{item.summary}</li>)}
          </ul>
        )}
      </section>
    </div>
  );
}
