import Link from "@/app/ui/link";
import { catalogAsOf, catalogForChecks } from "@/lib/catalog";
import { currentTime } from "@/lib/clock";
import { checkConsistency } from "@/lib/consistency";
import { qualityLine } from "@/lib/dashboard";
import { formatMonth, isMonth, monthOfDate, monthParts, monthRange, makeMonth, previousMonth, type Month } from "@/lib/periods";
import { can } from "@/lib/roles";
import { listUnitCatalog } from "@/db/catalog";
import { getDb } from "@/db/client";
import { loadFigureWindow, periodFigures } from "@/db/dashboard";
import { rollUpWarnings } from "@/db/league";
import { listReportedMonths } from "@/db/observations";
import { pageUnit, UNIT_PARAM, withUnit } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { DemoBanner } from "@/app/ui/demo-banner";
import { MonthPicker } from "@/app/ui/month-picker";
import { UnitPicker } from "@/app/ui/unit-picker";

export const dynamic = "force-dynamic";
export const metadata = { title: "数据质量" };

export default async function QualityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = await searchParams;
  const requested = typeof query.month === "string" ? query.month : Array.isArray(query.month) ? String(query.month[0]) : undefined;
  const page = pageUnit(user, query[UNIT_PARAM]);
  const organization = page.unit;
  const unitParam = page.explicit ? String(organization.id) : undefined;
  const db = getDb();
  const reported = listReportedMonths(db, organization.id);
  const thisMonth = monthOfDate(currentTime());
  const problem =
    requested === undefined ? null
    : !isMonth(requested) ? `月份参数“${requested}”无效（应为 YYYY-MM，例如 ${thisMonth}）。`
    : requested > thisMonth ? `${formatMonth(requested)}尚未到来，没有数据可核对。`
    : null;
  const month: Month = requested && problem === null && isMonth(requested) ? requested : (reported[0]?.month ?? thisMonth);
  const catalog = listUnitCatalog(db, organization);
  const window = loadFigureWindow(db, organization.id, makeMonth(monthParts(month).year, 12) <= thisMonth ? makeMonth(monthParts(month).year, 12) : thisMonth);
  const hasFigure = (key: string, period: Month) => window.seriesByKey.get(key)?.has(period) ?? false;
  const asOf = (m: Month) => catalogAsOf(catalog, [m], hasFigure);

  // the district's own checks, and the towns' flows summed against it (the district's figure stays the one of record)
  const warningsOf = (m: Month) => [
    ...checkConsistency(catalogForChecks(catalog, m), periodFigures(window, m), periodFigures(window, previousMonth(m))),
    ...rollUpWarnings(db, organization, m),
  ];
  const warnings = warningsOf(month);
  const figures = periodFigures(window, month);
  const indicators = asOf(month);
  const missing = indicators.filter((indicator) => !figures.has(indicator.key));
  const names = new Map(catalog.map((indicator) => [indicator.key, indicator.name]));
  const line = qualityLine({ filled: indicators.length - missing.length, total: indicators.length }, warnings.length);
  const year = monthParts(month).year;
  const months = monthRange(makeMonth(year, 1), makeMonth(year, 12)).filter((m) => m <= thisMonth);
  const mayWrite = can(user.role, "figures:write");
  const demoCount = [...window.demo].filter((entry) => entry.endsWith(`|${month}`)).length;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500">
            <Link href={withUnit(`/?month=${month}`, page)} className="hover:underline">看板</Link> › 数据质量
            {organization.kind !== "home" && ` · ${organization.name}`}
          </p>
          <h1 className="text-2xl font-semibold">{formatMonth(month)} 数据质量</h1>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <UnitPicker unitId={organization.id} choices={page.choices} basePath="/quality" keep={{ month }} />
          <MonthPicker month={month} months={reported.map((m) => m.month)} basePath="/quality" latest={thisMonth} keep={{ unit: unitParam }} />
        </div>
      </div>
      {problem && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          {problem}下面显示的是{formatMonth(month)}。
        </p>
      )}
      {demoCount > 0 && <DemoBanner />}

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">一致性提醒（{warnings.length}）</h2>
        <p className="mb-2 text-xs text-slate-500">
          检查各项之间应满足的关系：新增注册用户 = 个人 + 企事业单位，科技工作者 ≤ 个人用户，累计保姆服务 = 已完成 + 跟进中，
          累计数按当月新增增长且不下降，两个科普比率推算的辖区人口一致，排名在 1 到参与单位数之间，
          各镇街的当月新增合计与全区数值一致（以全区数值为准）。{mayWrite && "提醒不阻止保存，请核对后更正。"}
        </p>
        {warnings.length === 0 ? (
          <p className={`text-sm ${line.tone === "ok" ? "text-emerald-700" : "text-slate-600"}`} data-testid="no-warnings">
            {line.text.replace("数据质量：", "")}
          </p>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="warnings">
            {warnings.map((warning) => (
              <li key={`${warning.code}-${warning.keys.join()}`} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
                <p>⚠ {warning.message}</p>
                <p className="mt-1 text-xs">
                  涉及：
                  {warning.keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 && "、"}
                      <Link href={withUnit(`/indicators/${key}`, page)} className="underline">{names.get(key) ?? key}</Link>
                    </span>
                  ))}
                  {mayWrite && (
                    <Link href={withUnit(`/entry/${month}`, page)} className="ml-3 font-medium underline">去填报页核对</Link>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">未填报（{missing.length}）</h2>
        {missing.length === 0 ? (
          <p className="text-sm text-emerald-700">✓ 全部指标均已填报。</p>
        ) : (
          <p className="text-sm text-slate-700" data-testid="missing">{missing.map((indicator) => indicator.name).join("、")}</p>
        )}
      </section>

      <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-100 px-4 py-2 text-base font-semibold">{year}年各月概览</h2>
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">月份</th>
              <th className="px-4 py-2 text-right font-medium">已填报</th>
              <th className="px-4 py-2 text-right font-medium">一致性提醒</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => {
              const count = periodFigures(window, m).size;
              const total = asOf(m).length;
              const monthWarnings = count > 0 ? warningsOf(m).length : 0;
              return (
                <tr key={m} className={`border-t border-slate-100 ${m === month ? "bg-brand-50" : ""}`}>
                  <td className="px-4 py-2">
                    <Link href={withUnit(`/quality?month=${m}`, page)} className="hover:underline">{formatMonth(m)}</Link>
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{count} / {total}</td>
                  <td className={`px-4 py-2 text-right tabular-nums ${monthWarnings > 0 ? "text-amber-800" : "text-slate-500"}`}>
                    {monthWarnings > 0 ? `⚠ ${monthWarnings}` : "—"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
