import Link from "@/app/ui/link";
import { compareSum, describeSum, isAllocatable } from "@/lib/allocation";
import { currentTime } from "@/lib/clock";
import { formatDateTime, formatExact, formatNumber } from "@/lib/format";
import { inForceText, judge, targetLabel } from "@/lib/judgement";
import { formatMonth, isMonth, makeMonth, monthOfDate, monthParts } from "@/lib/periods";
import { can } from "@/lib/roles";
import { replacedFrom, targetsInForce } from "@/lib/targets";
import { buildTargetBoard, targetsJudgedAt } from "@/lib/target-board";
import { unitInUse } from "@/lib/units";
import { listIndicators, listUnitCatalog } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getLeaderMonth, loadFigureWindow } from "@/db/dashboard";
import { listUnits } from "@/db/organizations";
import { getStatusBands } from "@/db/settings";
import { listTargets, listTargetsByKey, type StoredTarget } from "@/db/targets";
import { pageUnit, UNIT_PARAM, withUnit } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { UnitPicker } from "@/app/ui/unit-picker";
import { AllocationForm } from "./allocation-form";
import { DemoTag } from "@/app/ui/demo-banner";
import { StatusBadge } from "@/app/ui/status";
import { BandsForm, RetireButton, TargetForm } from "./target-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "目标" };

const YEAR_PATTERN = /^\d{4}$/;

export default async function TargetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const mayManage = can(user.role, "targets:manage");
  const db = getDb();
  const query = await searchParams;
  const page = pageUnit(user, query[UNIT_PARAM]);
  const organization = page.unit;
  const unitId = organization.kind === "home" ? undefined : organization.id;
  const today = monthOfDate(currentTime());
  const thisYear = monthParts(today).year;
  // ?month=YYYY-MM judges the month's year at that month (the dashboard's card links here with it)
  const monthParam = typeof query.month === "string" ? query.month : undefined;
  const askedMonth = monthParam !== undefined && isMonth(monthParam) && monthParam <= today ? monthParam : null;
  const requested = typeof query.year === "string" ? query.year : Array.isArray(query.year) ? String(query.year[0]) : askedMonth ? String(monthParts(askedMonth).year) : undefined;
  const valid = requested !== undefined && YEAR_PATTERN.test(requested) && Number(requested) >= 2000 && Number(requested) <= 2100;
  const year = valid ? Number(requested) : thisYear;

  const catalog = listUnitCatalog(db, organization);
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const all = listTargets(db, organization.id);
  const inForce = targetsInForce(all, year);
  const years = [...new Set([thisYear + 1, thisYear, thisYear - 1, thisYear - 2, year, ...all.map((target) => target.fromYear)])].sort((a, b) => b - a);
  const bands = getStatusBands(db);

  // judged at the month the dashboard shows for the year (lib/target-board.ts), on the year to it
  const last = targetsJudgedAt({ year, today, leaderMonth: getLeaderMonth(db, organization.id, today).month, requested: askedMonth });
  const window = last ? loadFigureWindow(db, organization.id, last, 0) : null;
  const board = buildTargetBoard({
    year,
    targets: inForce,
    indicatorOf: (key) => byKey.get(key),
    seriesOf: (key) => window?.seriesByKey.get(key) ?? new Map(),
    asOf: last,
    today,
    bands,
  });
  const judgements = new Map(board.rows.map((row) => [row.target.id, row.judgement]));
  const judgementOf = (target: StoredTarget) => judgements.get(target.id) ?? null;

  // the district's targets that may be split among its towns: flows and stocks the towns report
  const forTowns = new Set(listIndicators(db, { includeRetired: true }).filter((indicator) => indicator.forSubUnits).map((indicator) => indicator.key));
  const towns = organization.kind === "home" ? listUnits(db, ["sub"]).filter((town) => unitInUse(town, makeMonth(year, 1))) : [];
  const townTargets = new Map(towns.map((town) => [town.id, listTargetsByKey(db, town.id, year)]));
  const townWindows = new Map(towns.map((town) => [town.id, last ? loadFigureWindow(db, town.id, last, 0) : null]));
  const allocatable = inForce.filter((target) => {
    const indicator = byKey.get(target.key);
    return indicator !== undefined && isAllocatable(indicator) && forTowns.has(target.key) && towns.length > 0;
  });

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          {organization.kind !== "home" && <p className="text-sm text-slate-500">{organization.name}</p>}
          <h1 className="text-2xl font-semibold">{year}年目标</h1>
          <p className="max-w-2xl text-sm text-slate-500">
            目标自设定的年份起长期有效，直到被新的目标取代或停用；每个时期都按当时有效的目标评估，改动目标不会改写以前年份的评估。
          </p>
        </div>
        <UnitPicker unitId={organization.id} choices={page.choices} basePath="/targets" keep={{ year: String(year) }} />
        <nav aria-label="选择年份" className="flex flex-wrap gap-1 text-sm">
          {years.map((option) => (
            <Link
              key={option}
              href={withUnit(`/targets?year=${option}`, page)}
              aria-current={option === year ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 ${option === year ? "bg-brand-600 text-white" : "border border-slate-300 bg-white hover:bg-slate-50"}`}
            >
              {option}年
            </Link>
          ))}
        </nav>
      </div>

      {requested !== undefined && !valid && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          年份参数“{requested}”无效（应为 2000–2100 之间的四位年份，例如 {thisYear}），下面显示的是{thisYear}年。
        </p>
      )}

      <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-100 px-4 py-2 text-base font-semibold">
          {year}年有效的目标
          <span className="ml-2 text-xs font-normal text-slate-500" data-testid="judged-at">
            {last ? `${board.asOfText}，与${formatMonth(last)}看板一致` : board.asOfText}
          </span>
        </h2>
        {inForce.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500">
            {year}年没有有效的目标。{mayManage && "可在下方设定。"}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="targets">
            {inForce.map((target) => {
              const indicator = byKey.get(target.key);
              const judgement = judgementOf(target);
              const replaced = replacedFrom(target, all);
              return (
                <li key={target.id} className="grid gap-2 px-4 py-3 text-sm sm:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_auto] sm:gap-4" data-target={target.key}>
                  <div className="min-w-0">
                    <Link href={withUnit(`/indicators/${target.key}`, page)} className="font-medium hover:underline">{target.indicatorName}</Link>
                    {target.isDemo && <DemoTag />}
                    <p>{indicator ? targetLabel(target, indicator) : target.indicatorName}</p>
                    <p className="text-xs text-slate-600" data-since>
                      {inForceText(target)} · {target.source}
                      {replaced !== null && `，${replaced}年起由新目标取代`}
                    </p>
                    <p className="text-xs text-slate-500">{target.createdBy ? `${target.createdBy}于${formatDateTime(target.createdAt)}设定` : "系统初始化时设定"}</p>
                  </div>
                  <div className="min-w-0">
                    {judgement ? (
                      <div className="flex flex-col items-start gap-0.5">
                        <StatusBadge status={judgement.status} />
                        <span className="text-xs text-slate-600">{judgement.summary}</span>
                        {judgement.catchUpText && <span className="text-xs text-slate-800">{judgement.catchUpText}</span>}
                      </div>
                    ) : (
                      <span className="text-xs text-slate-500">{year}年尚未开始</span>
                    )}
                  </div>
                  {mayManage && (
                    <div>
                      <RetireButton targetId={target.id} fromYear={year} unitId={unitId} label={`${target.indicatorName} ${indicator ? targetLabel(target, indicator) : ""}`} />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {allocatable.map((target) => {
        const indicator = byKey.get(target.key);
        if (!indicator) return null;
        const shares = towns.map((town) => {
          const own = (townTargets.get(town.id)?.get(target.key) ?? []).find((candidate) => candidate.rule === target.rule) ?? null;
          const townWindow = townWindows.get(town.id);
          const judgement = own && townWindow && last
            ? judge({ target: own, indicator, series: townWindow.seriesByKey.get(target.key) ?? new Map(), asOf: last, today, bands })
            : null;
          return { town, own, judgement };
        });
        const sum = compareSum(shares.map((share) => share.own?.value ?? null), target.value, indicator.decimals);
        const label = targetLabel(target, indicator);
        return (
          <section key={`allocation-${target.id}`} aria-label={`${indicator.name}：分配到镇街`} data-testid="allocation" data-target={target.key}
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div>
              <h2 className="text-base font-semibold">{indicator.name}：各镇街目标</h2>
              <p className="text-sm text-slate-600">区目标：{label}（{target.source}）</p>
            </div>
            <ul className="divide-y divide-slate-100 text-sm" data-testid="town-targets">
              {shares.map(({ town, own, judgement }) => (
                <li key={town.id} className="grid gap-1 py-2 sm:grid-cols-[10rem_minmax(0,1fr)_minmax(0,1.3fr)] sm:gap-4" data-town={town.id}>
                  <Link href={`/targets?year=${year}&unit=${town.id}`} className="font-medium hover:underline">{town.name}</Link>
                  <span>{own ? `${targetLabel(own, indicator)}` : "未分配"}{own && <span className="ml-1 text-xs text-slate-500">{own.source}</span>}</span>
                  <span className="flex flex-wrap items-center gap-2">
                    {judgement ? <><StatusBadge status={judgement.status} /><span className="text-xs text-slate-600">{judgement.summary}</span></> : <span className="text-xs text-slate-500">—</span>}
                  </span>
                </li>
              ))}
            </ul>
            <p className="text-sm font-medium" data-testid="allocation-total">
              各镇街目标{describeSum(sum, indicator.decimals, indicator.unit)}
              {shares.some((share) => share.own === null) && `（${shares.filter((share) => share.own === null).length} 个镇街未分配）`}
              <span className="ml-1 font-normal text-slate-500">区目标 {formatExact(target.value, indicator)}</span>
            </p>
            {mayManage && (
              <details className="rounded-md border border-slate-200 p-3">
                <summary className="cursor-pointer text-sm font-medium text-brand-700">分配区目标到镇街</summary>
                <div className="mt-3">
                  <AllocationForm targetId={target.id} year={year} label={label} value={target.value} decimals={indicator.decimals} unit={indicator.unit}
                    towns={shares.map(({ town, own }) => ({ id: town.id, name: town.name, current: own?.value ?? null }))} />
                </div>
              </details>
            )}
          </section>
        );
      })}

      <details className="rounded-lg border border-slate-200 bg-white shadow-sm" open={all.length <= 8}>
        <summary className="cursor-pointer px-4 py-2 text-base font-semibold">全部目标记录（{all.length}）</summary>
        <ul className="divide-y divide-slate-100 text-sm" data-testid="target-history">
          {all.map((target) => {
            const indicator = byKey.get(target.key);
            const replaced = replacedFrom(target, all);
            const state = target.withdrawn
              ? `已撤回（${target.retiredAt ? formatDateTime(target.retiredAt) : ""}）`
              : replaced !== null ? `${replaced}年起被取代`
              : target.untilYear !== null && target.untilYear < thisYear ? "已结束"
              : "有效";
            return (
              <li key={target.id} className={`flex flex-wrap items-baseline gap-x-3 px-4 py-2 ${target.withdrawn ? "text-slate-500" : ""}`}>
                <span className="font-medium">{target.indicatorName}</span>
                <span>{indicator ? targetLabel(target, indicator) : ""}</span>
                <span className="text-xs">{inForceText(target)} · {target.source}</span>
                <span className="text-xs">{state}</span>
                {target.isDemo && <DemoTag />}
              </li>
            );
          })}
        </ul>
      </details>

      {mayManage ? (
        <>
          <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="text-base font-semibold">设定或修改目标</h2>
            <p className="text-sm text-slate-600">
              新目标从所选年份起取代同一考核方式的旧目标，以前年份仍按旧目标评估；同一年份内再次设定会撤回该年设定的旧目标（保留记录）。
            </p>
            <TargetForm
              year={year}
              years={years}
              unitId={unitId}
              indicators={catalog.filter((indicator) => indicator.active).map(({ key, name, unit, kind, category }) => ({ key, name, unit, kind, category }))}
            />
          </section>
          <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="text-base font-semibold">状态颜色</h2>
            <p className="text-sm text-slate-600">
              达成率 = 实际 ÷ 按进度应达（“不高于”与排名目标为 应达 ÷ 实际），由未舍入的数值算出，按显示的一位小数判断。目标都是年度要求，按本年1月至所评估的月份计。当前：≥ {formatNumber(bands.green * 100, 0)}% 达标，
              ≥ {formatNumber(bands.amber * 100, 0)}% 接近，其余未达标；有应计月份未填报时不显示“达标”，显示“数据不全”。
            </p>
            <BandsForm green={Number(formatNumber(bands.green * 100, 0))} amber={Number(formatNumber(bands.amber * 100, 0))} />
          </section>
        </>
      ) : (
        <p className="text-sm text-slate-500">目标由管理员设定。</p>
      )}
    </div>
  );
}
