import Link from "@/app/ui/link";
import { notFound } from "next/navigation";
import { compareMonth } from "@/lib/compare";
import { KIND_LABELS, type IndicatorDefinition } from "@/lib/catalog";
import { FIGURE_PARTS } from "@/lib/figure-parts";
import { seenField } from "@/lib/form-base";
import { chartLabel, trendOf } from "@/lib/dashboard";
import { formatChange, formatDateTime, formatFigure, formatRevisionValue } from "@/lib/format";
import { formatPeriod, isMonth, isYear, monthParts, monthRange } from "@/lib/periods";
import { revisionSourceLabel } from "@/lib/records";
import { can } from "@/lib/roles";
import { getIndicatorByKey, listIndicators, toDefinition } from "@/db/catalog";
import { getDb } from "@/db/client";
import { listIndicatorFigures } from "@/db/observations";
import { listSubmittedMonths } from "@/db/month-review";
import { listLockedMonths, lockMonthOf } from "@/db/period-locks";
import { countRevisions, listRevisions } from "@/db/revisions";
import { listBaselineFigures } from "@/db/save-figures";
import { listTargetsByKey } from "@/db/targets";
import { fieldText } from "@/app/_lib/field-conflict";
import { pageUnit, UNIT_PARAM, withUnit } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { UnitPicker } from "@/app/ui/unit-picker";
import { RankChart } from "@/app/ui/charts/rank-chart";
import { ValueChart } from "@/app/ui/charts/value-chart";
import { DemoBanner, DemoTag } from "@/app/ui/demo-banner";
import { BaselineCorrection } from "./baseline-correction";
import { RevertButton } from "./revert-button";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const row = getIndicatorByKey(getDb(), key);
  return { title: row ? `${row.name} · 历史` : "指标不存在" };
}

/** Revisions shown at first; the rest on request (an indicator may hold years of changes). */
const RECENT_REVISIONS = 50;
/**
 * Periods listed at first, newest first: two years. Ten years are 120 rows and made the page the
 * slowest to become usable on a phone (bench/README.md); the rest on request, and all in the chart.
 */
const RECENT_PERIODS = 24;

export default async function IndicatorPage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { key } = await params;
  const query = await searchParams;
  const showAll = query.revisions === "all";
  const allPeriods = query.periods === "all";
  const db = getDb();
  const row = getIndicatorByKey(db, key);
  if (!row) notFound();
  const indicator = toDefinition(row);
  const page = pageUnit(user, query[UNIT_PARAM]);
  const organization = page.unit;
  const unitId = organization.kind === "home" ? undefined : organization.id;
  const figures = listIndicatorFigures(db, organization.id, row.id);
  const revisions = listRevisions(db, organization.id, row.id, undefined, showAll ? undefined : RECENT_REVISIONS);
  const revisionCount = showAll ? revisions.length : countRevisions(db, organization.id, row.id);
  const all = listIndicators(db, { includeRetired: true }).map(toDefinition);
  const byPeriod = new Map(figures.map((figure) => [figure.period, figure.value]));
  const reportedMonths = figures.map((figure) => figure.period).filter(isMonth);
  // every month from the first figure to the last, so that a month without one is a gap in the line
  const first = reportedMonths[0];
  const last = reportedMonths.at(-1);
  const months = first && last ? monthRange(first, last) : [];
  const chartData = months.map((month) => ({ label: chartLabel(month, months), value: byPeriod.get(month) ?? null }));
  const rankedUnits = Math.max(0, ...figures.map((figure) => figure.rankedUnits ?? 0));
  // the target place of the latest month's year, a line on the rank chart (as on /rankings)
  const rankTarget = indicator.kind === "rank" && last ? (listTargetsByKey(db, organization.id, monthParts(last).year).get(key)?.[0]?.value ?? null) : null;
  const showKeys = can(user.role, "figures:write");
  const stored = new Map(figures.map((figure) => [figure.period, figure]));
  // approved (locked) months and months awaiting review take no change
  const listedFigures = [...figures].reverse().slice(0, allPeriods ? undefined : RECENT_PERIODS);
  /** This page with everything of one table listed, keeping the other's choice. */
  const showingAll = (table: "periods" | "revisions") => {
    const shown = new URLSearchParams();
    if (table === "periods" || allPeriods) shown.set("periods", "all");
    if (table === "revisions" || showAll) shown.set("revisions", "all");
    return withUnit(`/indicators/${indicator.key}?${shown}`, page);
  };
  const lockedMonths = new Set<string>([
    ...listLockedMonths(db, organization.id).map((lock) => lock.month),
    ...listSubmittedMonths(db, organization.id).map((submitted) => submitted.month),
  ]);
  const mayRevert = can(user.role, "figures:write");
  const mayCorrectBaseline = can(user.role, "baseline:correct");
  const baseline = listBaselineFigures(db, organization.id);
  const isBaselineFigure = (period: string, key: string) => baseline.has(period, key);
  const baselineFigures = figures.filter((figure) => isBaselineFigure(figure.period, indicator.key));
  /**
   * A revision can be restored when it set a value other than the one stored now, in an open month,
   * outside the document's baseline (which only 更正基线 changes).
   */
  const restorable = (revision: (typeof revisions)[number]) =>
    mayRevert &&
    !lockedMonths.has(lockMonthOf(revision.period)) &&
    !isBaselineFigure(revision.period, indicator.key) &&
    (stored.get(revision.period)?.value ?? null) !== revision.newValue;
  /** The figure of a period as this page shows it, which a revert carries back. */
  const seenOf = (period: string) => {
    const figure = stored.get(period);
    return Object.fromEntries(FIGURE_PARTS.map((part) => [seenField(part), fieldText(figure ? figure[part] : null)]));
  };

  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/indicators" className="hover:underline">指标与历史</Link> › {indicator.category}
        </p>
        <h1 className="text-2xl font-semibold">
          {indicator.name}
          {!row.active && <span className="ml-2 text-base font-normal text-slate-500">（已停用）</span>}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {KIND_LABELS[indicator.kind]} · 单位：{indicator.kind === "rank" ? "名次（越小越好）" : indicator.unit}
          {indicator.decimals > 0 && ` · 保留 ${indicator.decimals} 位小数`}
          {showKeys && (
            <>
              {" "}· 键名 <code className="text-xs">{indicator.key}</code>
            </>
          )}
          {row.inForceFrom && ` · 自${row.inForceFrom}起填报`}
          {!row.active && row.retiredFrom && ` · 自${row.retiredFrom}起停用`}
        </p>
        <Relations indicator={indicator} all={all} />
        <div className="mt-2 flex flex-wrap items-center gap-3">
          {organization.kind !== "home" && <p className="text-sm text-slate-600">{organization.name}的数值与修订记录</p>}
          <UnitPicker unitId={organization.id} choices={page.choices} basePath={`/indicators/${indicator.key}`} />
        </div>
        {organization.kind === "sub" && !row.forSubUnits && (
          <p role="note" className="mt-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">该指标不是镇街填报的指标，镇街没有这项数据。</p>
        )}
      </div>

      <section aria-labelledby="definition" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="definition">
        <h2 id="definition" className="text-base font-semibold">定义</h2>
        {indicator.description ? (
          <p className="mt-1 text-sm leading-relaxed text-slate-700">{indicator.description}</p>
        ) : (
          <p className="mt-1 text-sm text-slate-500">尚未填写定义。</p>
        )}
        {can(user.role, "catalog:manage") && (
          <Link href={`/admin/catalog#${indicator.key}`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">在指标目录中修改定义</Link>
        )}
      </section>

      {figures.some((figure) => figure.isDemo) && <DemoBanner />}

      {reportedMonths.length > 1 && (
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="text-base font-semibold">逐月走势</h2>
          <p className="mb-2 text-xs text-slate-500">未填报的月份留空，不连线</p>
          {indicator.kind === "rank" ? (
            <RankChart
              rows={months.map((month) => ({ label: chartLabel(month, months), [indicator.key]: byPeriod.get(month) ?? null }))}
              series={[{ key: indicator.key, name: indicator.name }]}
              rankedUnits={rankedUnits || null}
              target={rankTarget}
            />
          ) : (
            <ValueChart data={chartData} name={indicator.name} unit={indicator.unit} integer={indicator.decimals === 0} />
          )}
        </section>
      )}

      {/* tables wider than a phone scroll sideways, by keyboard too */}
      <section tabIndex={0} aria-label="各期数值" className="below-fold relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2 text-base font-semibold">
          <span>各期数值</span>
          {figures.length > listedFigures.length && (
            <Link href={showingAll("periods")} className="text-sm font-normal text-brand-700 hover:underline">
              显示全部 {figures.length} 期（当前显示最近 {listedFigures.length} 期）
            </Link>
          )}
        </h2>
        {figures.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500">尚无数据。</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">期间</th>
                <th className="px-4 py-2 text-right font-medium">数值</th>
                <th className="px-4 py-2 text-right font-medium">环比</th>
                <th className="px-4 py-2 text-right font-medium">同比</th>
                <th className="hidden px-4 py-2 font-medium md:table-cell">来源</th>
              </tr>
            </thead>
            <tbody>
              {listedFigures.map((figure) => {
                const comparison = isMonth(figure.period) ? compareMonth(indicator, byPeriod, figure.period) : null;
                const changes = [comparison?.monthOnMonth.delta ?? null, comparison?.yearOnYear.delta ?? null];
                return (
                  <tr key={figure.period} className="border-t border-slate-100" data-period={figure.period}>
                    <td className="whitespace-nowrap px-4 py-2">
                      {isMonth(figure.period) || isYear(figure.period) ? (
                        <Link href={withUnit(`/entry/${figure.period}`, page)} className="hover:underline">{formatPeriod(figure.period)}</Link>
                      ) : (
                        formatPeriod(figure.period)
                      )}
                      {isYear(figure.period) && <span className="ml-1 text-xs text-slate-500">（全年合计，不摊到各月）</span>}
                    </td>
                    <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums">
                      {formatFigure(figure.value, indicator, figure.rankedUnits)}
                      {figure.isDemo && <DemoTag />}
                      {isBaselineFigure(figure.period, indicator.key) && (
                        <span title="文件中的2023年基线数据，只读" className="ml-1 rounded bg-slate-100 px-1 py-0.5 text-[11px] text-slate-600">基线</span>
                      )}
                    </td>
                    {changes.map((delta, index) => {
                      const trend = trendOf(delta, indicator.direction);
                      return (
                        <td
                          key={index}
                          className={`whitespace-nowrap px-4 py-2 text-right text-xs ${trend === "better" ? "text-emerald-700" : trend === "worse" ? "text-red-700" : "text-slate-500"}`}
                        >
                          {delta === null ? <span title="无可比数据">—</span> : formatChange(delta, indicator)}
                        </td>
                      );
                    })}
                    <td className="hidden px-4 py-2 text-xs text-slate-500 md:table-cell">{figure.note ?? (isYear(figure.period) ? "全年合计填报" : "月度填报")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {baselineFigures.length > 0 && (
        <section id="baseline" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="text-base font-semibold">2023年基线</h2>
          <p className="text-sm text-slate-600">
            {baselineFigures.map((figure) => `${formatPeriod(figure.period)} ${formatFigure(figure.value, indicator, figure.rankedUnits)}`).join("，")}
            ——来自{baselineFigures[0]?.note ?? "文件"}，在填报页中只读，也不能“恢复为此值”。
            {mayCorrectBaseline ? "确有错误时，管理员可在此更正，须写明理由，记入修订记录。" : "确有错误时，请管理员更正。"}
          </p>
          {mayCorrectBaseline &&
            baselineFigures.map((figure) => (
              <BaselineCorrection
                key={figure.period}
                indicatorKey={indicator.key}
                period={figure.period}
                periodLabel={formatPeriod(figure.period)}
                seen={fieldText(figure.value)}
                unit={indicator.kind === "rank" ? "名" : indicator.unit}
              />
            ))}
        </section>
      )}

      <section tabIndex={0} aria-label="修订记录" className="below-fold relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2 text-base font-semibold">
          <span>修订记录（{revisionCount}）</span>
          {revisionCount > revisions.length && (
            <Link href={showingAll("revisions")} className="text-sm font-normal text-brand-700 hover:underline">
              显示全部 {revisionCount} 条（当前显示最近 {revisions.length} 条）
            </Link>
          )}
        </h2>
        <table className="w-full text-sm" data-testid="revisions">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">时间</th>
              <th className="px-4 py-2 font-medium">期间</th>
              <th className="px-4 py-2 font-medium">原值 → 新值</th>
              <th className="px-4 py-2 font-medium">来源</th>
              <th className="px-4 py-2 font-medium">操作人</th>
              {mayRevert && <th className="px-4 py-2 font-medium"><span className="sr-only">操作</span></th>}
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision) => (
              <tr key={revision.id} className="border-t border-slate-100">
                <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-600">{formatDateTime(revision.changedAt)}</td>
                <td className="whitespace-nowrap px-4 py-2">{formatPeriod(revision.period)}</td>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums">
                  {formatRevisionValue(revision.oldValue, indicator, revision.oldRankedUnits)} →{" "}
                  {formatRevisionValue(revision.newValue, indicator, revision.newRankedUnits)}
                </td>
                <td className="px-4 py-2">
                  <span className="whitespace-nowrap">{revisionSourceLabel(revision.source, revision.period)}</span>
                  {revision.reason && (
                    <span className="block min-w-40 text-xs text-slate-600" data-reason>
                      {revision.source === "baseline_correction" ? "更正理由" : "更正说明"}：{revision.reason}
                    </span>
                  )}
                  {revision.plausibilityNote && (
                    <span className="block min-w-40 text-xs text-amber-800" data-plausibility-note>
                      {revision.plausibilityNote}
                    </span>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-2 text-slate-600">
                  {revision.changedByName ? `${revision.changedByName}（${revision.changedByUsername ?? ""}）` : "系统"}
                </td>
                {mayRevert && (
                  <td className="whitespace-nowrap px-4 py-2">
                    {restorable(revision) && (
                      <RevertButton
                        revisionId={revision.id}
                        label={formatRevisionValue(revision.newValue, indicator, revision.newRankedUnits)}
                        seen={seenOf(revision.period)}
                        unitId={unitId}
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Relations({ indicator, all }: { indicator: IndicatorDefinition; all: readonly IndicatorDefinition[] }) {
  const name = (key: string | null) => all.find((other) => other.key === key);
  const parts: React.ReactNode[] = [];
  const parent = name(indicator.parentKey);
  if (parent) {
    parts.push(
      <span key="parent">
        {indicator.parentRelation === "subset" ? "属于" : "构成"}
        <Link href={`/indicators/${parent.key}`} className="mx-1 text-brand-700 hover:underline">{parent.name}</Link>
      </span>,
    );
  }
  const components = all.filter((other) => other.parentKey === indicator.key);
  if (components.length > 0) {
    parts.push(
      <span key="components">
        细分：
        {components.map((component, index) => (
          <span key={component.key}>
            {index > 0 && "、"}
            <Link href={`/indicators/${component.key}`} className="text-brand-700 hover:underline">{component.name}</Link>
          </span>
        ))}
      </span>,
    );
  }
  const related = name(indicator.accumulatesKey) ?? name(indicator.ranksKey);
  if (related) {
    parts.push(
      <span key="related">
        {indicator.accumulatesKey ? "累计自" : "排名对象："}
        <Link href={`/indicators/${related.key}`} className="mx-1 text-brand-700 hover:underline">{related.name}</Link>
      </span>,
    );
  }
  return parts.length > 0 ? <p className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-600">{parts}</p> : null;
}
