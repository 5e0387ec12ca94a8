import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { commentField } from "@/lib/comment-schema";
import type { Comparison } from "@/lib/compare";
import { monthBars, rankChartRows, seriesOf, trendMonths } from "@/lib/dashboard";
import { formatChange, formatDateTime, formatFigure, formatPercent } from "@/lib/format";
import { monthlyThreshold, type Judgement } from "@/lib/judgement";
import { formatMonth, formatQuarter, isQuarter, monthOfDate, monthParts, nextQuarter, previousQuarter, quarterOf, quarterParts, yearToDate } from "@/lib/periods";
import { formatMovement } from "@/lib/rankings";
import { isDraft, missingText, type ReviewComment, type ReviewRow } from "@/lib/review";
import { can } from "@/lib/roles";
import { targetsByKeyInForce } from "@/lib/targets";
import { listCatalog } from "@/db/catalog";
import { getDb } from "@/db/client";
import { listCommentRevisions, listComments } from "@/db/comments";
import { getHomeOrganization } from "@/db/organizations";
import { loadReview } from "@/db/review";
import { getStatusBands } from "@/db/settings";
import { requireUser } from "@/app/_auth/session";
import { NannyChart } from "@/app/ui/charts/nanny-chart";
import { RankChart } from "@/app/ui/charts/rank-chart";
import { PrintButton } from "@/app/ui/print-button";
import { StatusBadge } from "@/app/ui/status";
import { ApprovalSummary } from "@/app/ui/workflow/approval";
import { CommentaryForm } from "./commentary-form";
import { cspNonce } from "@/app/_lib/nonce";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ quarter: string }> }) {
  const { quarter } = await params;
  return { title: isQuarter(quarter) ? `${formatQuarter(quarter)}工作推进会材料` : "季度材料" };
}

const PRINT_WIDTH = 640;

export default async function ReviewPage({ params }: { params: Promise<{ quarter: string }> }) {
  const user = await requireUser();
  const { quarter } = await params;
  // "2024-q1" is what people type: send them to the one spelling
  const upper = quarter.toUpperCase();
  if (upper !== quarter && isQuarter(upper)) redirect(`/review/${upper}`);
  if (!isQuarter(quarter)) notFound();
  const db = getDb();
  const organization = getHomeOrganization(db);
  const catalog = listCatalog(db);
  const { review, window, targets } = loadReview(db, { organizationId: organization.id, quarter, catalog, bands: getStatusBands(db) });
  const targetsByKey = targetsByKeyInForce(targets, quarterParts(quarter).year);
  const stored = listComments(db, organization.id, quarter);
  const history = listCommentRevisions(db, organization.id, quarter);
  const draft = isDraft(review.red, stored);
  const note = (key: string, topic: ReviewComment["topic"]) => stored.find((c) => c.indicatorKey === key && c.topic === topic);
  const mayWrite = can(user.role, "comments:write");
  const generatedAt = new Date();
  const title = `${formatQuarter(quarter)}工作推进会材料`;
  const thisQuarter = quarterOf(monthOfDate(generatedAt));
  const following = nextQuarter(quarter);
  const showsDemo = window.figures.some((figure) => figure.isDemo && review.months.some((month) => month === figure.period));

  const statusCounts = review.statusCounts;
  const last = review.counted.at(-1) ?? review.months[2] ?? monthOfDate(generatedAt);
  const nannyThreshold = monthlyThreshold(targetsByKey.get("nanny_new") ?? []);
  const nannyBars = monthBars(seriesOf(window.seriesByKey, "nanny_new"), yearToDate(last), nannyThreshold);
  const shownKeys = new Set(review.rows.map((row) => row.rank?.indicator.key).filter((key): key is string => key !== undefined));
  const rankIndicators = catalog.filter((indicator) => indicator.kind === "rank" && shownKeys.has(indicator.key));
  const rankKeys = rankIndicators.map((indicator) => indicator.key);
  const rankRows = rankChartRows(rankKeys, window.seriesByKey, trendMonths(rankKeys.map((key) => seriesOf(window.seriesByKey, key)), last, 15));
  const rankedUnits = Math.max(0, ...rankKeys.flatMap((key) => (window.byKey.get(key) ?? []).map((figure) => figure.rankedUnits ?? 0)));
  const categories = [...new Set(review.rows.map((row) => row.indicator.category))];
  const nonce = await cspNonce();

  return (
    <div className="review-pack mx-auto max-w-[210mm] space-y-6 bg-white p-4 shadow-sm sm:p-8 print:max-w-none print:p-0 print:shadow-none">
      {/* the running header of every printed page */}
      <style nonce={nonce}>{`@page { @top-center { content: "${cssString(`${organization.name} · ${title}${draft ? "（草稿）" : ""}`)}"; } }`}</style>

      <div className="flex flex-wrap items-center justify-between gap-2 print:hidden">
        <nav aria-label="切换季度" className="flex gap-2 text-sm">
          <Link href={`/review/${previousQuarter(quarter)}`} className="rounded-md border border-slate-300 px-3 py-2 hover:bg-slate-50">
            ‹ {formatQuarter(previousQuarter(quarter))}
          </Link>
          {following <= thisQuarter && (
            <Link href={`/review/${following}`} className="rounded-md border border-slate-300 px-3 py-2 hover:bg-slate-50">
              {formatQuarter(following)} ›
            </Link>
          )}
        </nav>
        <div className="flex gap-2">
          <PrintButton />
          <a href={`/review/${quarter}/xlsx`} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50" download>
            下载 Excel
          </a>
        </div>
      </div>

      <header className="border-b-2 border-slate-800 pb-3">
        <p className="text-sm text-slate-600">{organization.name}</p>
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-bold">
          {title}
          {draft && (
            <span className="rounded border border-red-400 px-2 py-0.5 text-sm font-semibold text-red-700" data-testid="draft">
              草稿
            </span>
          )}
        </h1>
        <p className="text-xs text-slate-500">
          生成于 {formatDateTime(generatedAt)} · 季度数值：新增类为三个月合计，累计、比率、排名为季末值
          {showsDemo && " · 含示例数据（非真实填报）"}
        </p>
        {draft && <p className="mt-1 text-xs text-red-700">未达标指标的“原因”和“下步措施”填写完整后，草稿标记自动取消。</p>}
        <ApprovalSummary months={review.months} />
      </header>

      <section aria-labelledby="overview" className="space-y-2">
        <h2 id="overview" className="text-lg font-semibold">一、总体情况</h2>
        <ul className="flex flex-wrap gap-2 text-sm" data-testid="status-counts">
          {(["green", "amber", "red", "pending", "none"] as const)
            .filter((status) => status === "green" || status === "red" || statusCounts[status] > 0)
            .map((status) => (
              <li key={status}><StatusBadge status={status} /> {statusCounts[status]} 项</li>
            ))}
          <li className="text-slate-500">（其余指标未设目标）</li>
        </ul>
        <p className="text-sm" data-testid="completeness">
          {review.progressText}
          {review.completenessText}
        </p>
        <div className="rounded-md border border-slate-200 p-3 text-sm">
          <p className="font-medium">总体分析</p>
          <p className="whitespace-pre-wrap" data-testid="overall">{note("", "overall")?.body ?? <Pending />}</p>
        </div>
      </section>

      <section aria-labelledby="table" className="space-y-2">
        <h2 id="table" className="text-lg font-semibold">二、指标完成情况</h2>
        {/* on a phone the table scrolls sideways: a keyboard can scroll it too */}
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="指标完成情况表">
          <table className="review-table w-full min-w-[40rem] border-collapse text-xs sm:text-sm print:min-w-0" data-testid="review-table">
            <thead>
              <tr className="bg-slate-100 text-left">
                <th className="border border-slate-300 px-2 py-1">指标</th>
                <th className="border border-slate-300 px-2 py-1 text-right">本季度</th>
                <th className="border border-slate-300 px-2 py-1 text-right">本年累计（新增类）</th>
                <th className="border border-slate-300 px-2 py-1">目标与达成</th>
                <th className="border border-slate-300 px-2 py-1 text-right">环比（上季度）</th>
                <th className="border border-slate-300 px-2 py-1 text-right">同比（去年同季）</th>
                <th className="border border-slate-300 px-2 py-1 text-right">全省排名</th>
              </tr>
            </thead>
            {categories.map((category) => (
              <tbody key={category}>
                <tr>
                  <th colSpan={7} className="border border-slate-300 bg-slate-50 px-2 py-1 text-left font-semibold">{category}</th>
                </tr>
                {review.rows.filter((row) => row.indicator.category === category).map((row) => (
                  <IndicatorRow key={row.indicator.key} row={row} lastCounted={review.counted.at(-1) ?? null} />
                ))}
              </tbody>
            ))}
          </table>
        </div>
      </section>

      <section aria-labelledby="red" className="space-y-3 print:break-before-page">
        <h2 id="red" className="text-lg font-semibold">三、未达标指标及措施（{review.red.length}）</h2>
        {review.red.length === 0 ? (
          <p className="text-sm text-emerald-700">本季度没有未达标的指标。</p>
        ) : (
          <ol className="space-y-3" data-testid="red-list">
            {review.red.map((row) => {
              const red = row.judgements.find((judgement) => judgement.status === "red");
              return (
                <li key={row.indicator.key} className="break-inside-avoid rounded-md border border-red-200 p-3 text-sm">
                  <p className="font-semibold">
                    <StatusBadge status="red" /> {row.indicator.name}
                  </p>
                  {red && (
                    <p className="text-slate-700">
                      {red.label}（{red.inForceText}，{red.source}）：{red.summary}
                      {red.catchUpText && `；${red.catchUpText}`}
                    </p>
                  )}
                  <p className="mt-1"><span className="font-medium">原因：</span>{note(row.indicator.key, "cause")?.body ?? <Pending />}</p>
                  <p><span className="font-medium">下步措施：</span>{note(row.indicator.key, "next_step")?.body ?? <Pending />}</p>
                </li>
              );
            })}
          </ol>
        )}
        {mayWrite ? (
          <CommentaryForm
            quarter={quarter}
            red={review.red.map((row) => ({ key: row.indicator.key, name: row.indicator.name, summary: row.judgements.find((judgement) => judgement.status === "red")?.summary ?? "" }))}
            initial={Object.fromEntries(stored.map((comment) => [commentField(comment.topic, comment.indicatorKey), comment.body]))}
          />
        ) : (
          <p className="text-xs text-slate-500 print:hidden">说明由工作人员填写。</p>
        )}
        {history.length > 0 && (
          <details className="text-xs text-slate-600 print:hidden">
            <summary className="cursor-pointer">说明的修订记录（{history.length}）</summary>
            <ul className="mt-1 space-y-0.5">
              {history.map((entry) => (
                <li key={entry.id}>
                  {formatDateTime(entry.changedAt)} {entry.changedByName ?? "—"}：
                  {entry.indicatorKey ? `${catalog.find((i) => i.key === entry.indicatorKey)?.name ?? entry.indicatorKey}的` : ""}
                  {entry.topic === "overall" ? "总体分析" : entry.topic === "cause" ? "原因" : "下步措施"}
                  {entry.newBody === null ? " 清空" : " 更新"}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <section aria-labelledby="missing" className="space-y-2 print:break-before-page">
        <h2 id="missing" className="text-lg font-semibold">四、缺报与数据一致性</h2>
        <div className="text-sm" data-testid="missing-list">
          {review.rows.some((row) => row.missingMonths.length > 0) ? (
            <ul className="list-disc pl-5">
              {review.rows
                .filter((row) => row.missingMonths.length > 0)
                .map((row) => (
                  <li key={row.indicator.key}>{row.indicator.name}：{missingText(row.missingMonths)}</li>
                ))}
            </ul>
          ) : (
            <p className="text-emerald-700">{review.counted.length === 0 ? "本季度尚无已过去的月份。" : "本季度已过各月的指标均已填报。"}</p>
          )}
        </div>
        <div className="text-sm">
          <p className="font-medium">一致性提醒（{review.warnings.length}）</p>
          {review.warnings.length === 0 ? (
            <p className={review.rows.some((row) => row.missingMonths.length > 0) ? "text-slate-600" : "text-emerald-700"}>
              {review.rows.some((row) => row.missingMonths.length > 0) ? "已填报的数据之间没有发现矛盾；缺报的月份无法核对。" : "未发现不一致。"}
            </p>
          ) : (
            <ul className="list-disc pl-5">
              {review.warnings.map(({ month, warning }) => (
                <li key={`${month}-${warning.code}-${warning.keys.join()}`}>{formatMonth(month)}：{warning.message}</li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <section aria-labelledby="charts" className="space-y-4 print:break-before-page">
        <h2 id="charts" className="text-lg font-semibold">五、重点图表</h2>
        <div className="break-inside-avoid overflow-x-auto">
          <p className="text-sm font-medium">促成“保姆式”服务单数（{monthParts(last).year}年各月{nannyThreshold !== null ? `，目标月均 ${nannyThreshold} 单` : ""}）</p>
          <NannyChart data={nannyBars} threshold={nannyThreshold} unit="单" width={PRINT_WIDTH} />
        </div>
        <div className="break-inside-avoid overflow-x-auto">
          <p className="text-sm font-medium">全省排名走势（第1名在上）</p>
          {rankRows.length > 0 ? (
            <RankChart rows={rankRows} series={rankIndicators.map((indicator) => ({ key: indicator.key, name: indicator.name }))} rankedUnits={rankedUnits || null} width={PRINT_WIDTH} />
          ) : (
            <p className="text-sm text-slate-500">暂无排名数据。</p>
          )}
        </div>
      </section>
    </div>
  );
}

function Pending() {
  return <span className="font-medium text-red-700" data-pending>待填写</span>;
}

function IndicatorRow({ row, lastCounted }: { row: ReviewRow; lastCounted: string | null }) {
  const { indicator } = row;
  const value = (figure: number | null) => (figure === null ? "—" : formatFigure(figure, indicator));
  return (
    <tr className="break-inside-avoid align-top" data-indicator={indicator.key}>
      <td className="border border-slate-300 px-2 py-1">{indicator.name}</td>
      <td className="whitespace-nowrap border border-slate-300 px-2 py-1 text-right tabular-nums">
        {row.quarter.value === null ? "未填报" : value(row.quarter.value)}
        {row.missingMonths.length > 0 && row.quarter.value !== null && (
          <span className="block text-[10px] text-amber-800">{missingText(row.missingMonths)}</span>
        )}
      </td>
      <td className="border border-slate-300 px-2 py-1 text-right tabular-nums">
        {indicator.kind === "flow" && !row.yearToDate.fromAnnual ? value(row.yearToDate.value) : "—"}
      </td>
      <td className="border border-slate-300 px-2 py-1">
        {row.judgements.length === 0 ? <span className="text-slate-500">未设目标</span> : row.judgements.map((judgement, index) => <TargetLine key={`${judgement.label}-${index}`} judgement={judgement} />)}
      </td>
      <ComparisonCell comparison={row.quarterOnQuarter} row={row} />
      <ComparisonCell comparison={row.yearOnYear} row={row} />
      <td className="whitespace-nowrap border border-slate-300 px-2 py-1 text-right" data-rank-cell>
        {row.rank?.rank != null ? (
          <>
            第{row.rank.rank}名
            {row.rank.month && row.rank.month !== lastCounted && <span className="block text-[10px] text-amber-800">（{monthParts(row.rank.month).month}月）</span>}
            <span className="block text-[10px] text-slate-500">{formatMovement(row.rank.change)}</span>
          </>
        ) : row.rank ? (
          "未填报"
        ) : (
          "—"
        )}
      </td>
    </tr>
  );
}

function TargetLine({ judgement }: { judgement: Judgement }) {
  return (
    <div className="mb-1" data-target-status={judgement.status}>
      <StatusBadge status={judgement.status} />
      <span className="ml-1">{judgement.label}</span>
      {judgement.resultText && <span className="ml-1 text-slate-600" data-result>{judgement.resultText}</span>}
      <span className="block text-[10px] text-slate-500">{judgement.inForceText}，{judgement.source}</span>
      {judgement.status !== "none" && judgement.status !== "green" && judgement.catchUpText && (
        <span className="block text-[10px] font-medium text-slate-700" data-catch-up>{judgement.catchUpText}</span>
      )}
    </div>
  );
}

function ComparisonCell({ comparison, row }: { comparison: Comparison; row: ReviewRow }) {
  return (
    <td className="border border-slate-300 px-2 py-1 text-right tabular-nums">
      {comparison.delta === null ? (
        <span className="text-slate-500">{comparison.reason === "无可比数据" ? "无可比数据" : comparison.reason}</span>
      ) : (
        <>
          {formatChange(comparison.delta, row.indicator)}
          {comparison.relative !== null && <span className="block text-[10px] text-slate-500">{formatPercent(comparison.relative)}</span>}
        </>
      )}
    </td>
  );
}

/** A CSS string literal's content: quotes and backslashes escaped, no line breaks. */
function cssString(text: string): string {
  return text.replace(/[\\"]/g, (char) => `\\${char}`).replace(/[\r\n<>]/g, " ");
}
