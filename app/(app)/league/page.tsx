import { currentTime } from "@/lib/clock";
import Link from "@/app/ui/link";
import { LEAGUE_LEVELS, SCORE_KEY, SCORE_NAME, type LeagueReportRow } from "@/lib/league-report";
import { formatMonth, monthOfDate, monthRange, addMonths } from "@/lib/periods";
import { can } from "@/lib/roles";
import { getDb } from "@/db/client";
import { loadLeague } from "@/db/league";
import { getStatusBands } from "@/db/settings";
import { requireDistrictWide } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { PrintButton } from "@/app/ui/print-button";
import { StatusBadge } from "@/app/ui/status";
import { leagueParams, leagueQuery } from "./params";

export const dynamic = "force-dynamic";
export const metadata = { title: "排名通报" };

const LEVEL_TABS: Record<(typeof LEAGUE_LEVELS)[number], string> = { towns: "镇街排名", peers: "区县排名（省级通报）" };

export default async function LeaguePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  requireDistrictWide(user);
  const db = getDb();
  const now = currentTime();
  const today = monthOfDate(now);
  const params = leagueParams(db, await searchParams, today);
  const loaded = loadLeague(db, { ...params, today, now, bands: getStatusBands(db) });
  const months = monthRange(addMonths(today, -24), today).reverse();

  if ("error" in loaded) {
    return <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">{loaded.error}</p>;
  }
  const { report, indicators } = loaded;
  const mayImport = can(user, "bulletin:import");
  const towns = params.level === "towns";
  const change = (row: LeagueReportRow) =>
    row.change?.direction === "up" ? "text-emerald-700" : row.change?.direction === "down" ? "text-red-700" : "text-slate-500";

  return (
    <div className="league mx-auto max-w-5xl space-y-4">
      <div className="space-y-3 print:hidden">
        <nav aria-label="排名范围" className="flex flex-wrap gap-1 text-sm">
          {LEAGUE_LEVELS.map((level) => (
            <Link key={level} href={`/league?level=${level}&month=${params.month}`} aria-current={level === params.level ? "page" : undefined}
              className={`rounded-md px-3 py-2 ${level === params.level ? "bg-brand-600 text-white" : "border border-slate-300 bg-white hover:bg-slate-50"}`}>
              {LEVEL_TABS[level]}
            </Link>
          ))}
        </nav>
        <form method="get" action="/league" className="flex flex-wrap items-end gap-2" aria-label="选择指标与月份">
          <input type="hidden" name="level" value={params.level} />
          <label className="min-w-0 flex-1 text-sm text-slate-700 sm:flex-none">
            指标
            <select name="indicator" defaultValue={params.indicatorKey} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm sm:w-72">
              {towns && <option value={SCORE_KEY}>{SCORE_NAME}（全部有目标的指标）</option>}
              {indicators.map((indicator) => (
                <option key={indicator.key} value={indicator.key}>{indicator.name}</option>
              ))}
            </select>
          </label>
          <label className="text-sm text-slate-700">
            月份
            <select name="month" defaultValue={params.month} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
              {months.map((month) => (
                <option key={month} value={month}>{formatMonth(month)}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">查看</button>
        </form>
        {params.problems.length > 0 && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
            {params.problems.join("；")}。下面显示的是{formatMonth(params.month)}。
          </p>
        )}
      </div>

      <article className="space-y-4 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-6 print:border-0 print:p-0 print:shadow-none" data-testid="league">
        <header className="space-y-1 text-center">
          <h1 className="text-lg font-bold leading-snug sm:text-xl print:text-[16pt]" data-testid="league-title">{report.title}</h1>
          <p className="text-sm text-slate-600">{report.subject}</p>
          <p className="text-right text-sm text-slate-600" data-testid="league-date">{report.dateText}</p>
        </header>

        {report.emptyText ? (
          <p className="py-8 text-center text-sm text-slate-500" data-testid="league-empty">
            {report.emptyText}。
            {towns
              ? can(user, "units:manage") && <Link href="/admin/units" className="ml-1 text-brand-700 underline">在“单位管理”中添加</Link>
              : mayImport
                ? <><Link href="/import/bulletin" className="text-brand-700 underline">导入省级通报</Link>后即可查看区县排名。</>
                : "工作人员导入省级通报后即可查看区县排名。"}
          </p>
        ) : (
          <table className="w-full border-collapse text-sm" data-testid="league-table">
            <thead>
              <tr className="border-b-2 border-slate-700 text-left text-xs text-slate-600">
                <th scope="col" className="hidden py-2 pr-2 print:table-cell sm:table-cell">序号</th>
                <th scope="col" className="py-2 pr-2">名次</th>
                <th scope="col" className="py-2 pr-2">单位</th>
                <th scope="col" className="py-2 pr-2 text-right">
                  <span className="hidden sm:inline print:inline">{report.valueHeading}</span>
                  <span className="sm:hidden print:hidden">{report.percent ? "达成率" : `数值（${report.unit}）`}</span>
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-2 text-right">较上月</th>
                {report.hasTargets && <th scope="col" className="hidden py-2 pr-2 md:table-cell print:table-cell">目标</th>}
                {report.hasTargets && <th scope="col" className="hidden py-2 pr-2 sm:table-cell print:table-cell">{report.resultHeading}</th>}
                {report.hasStated && <th scope="col" className="hidden py-2 pr-2 sm:table-cell print:table-cell">全省排名（通报）</th>}
                <th scope="col" className="hidden py-2 md:table-cell print:table-cell">与上一名差距</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {report.rows.map((row) => (
                <tr key={row.unitId} data-unit={row.unitId} data-rank={row.rank ?? ""} aria-current={row.highlighted ? "true" : undefined}
                  className={row.highlighted ? "bg-brand-50 font-semibold" : ""}>
                  <td className="hidden py-2 pr-2 tabular-nums text-slate-500 print:table-cell sm:table-cell">{row.seq}</td>
                  <td className="whitespace-nowrap py-2 pr-2 tabular-nums" data-testid="rank">
                    {row.rank ?? "—"}
                    {row.tied && <span className="ml-0.5 text-xs font-normal text-slate-500">并列</span>}
                  </td>
                  <td className="py-2 pr-2">
                    <span>{row.name}</span>
                    {row.highlighted && <span className="ml-1 rounded bg-brand-600 px-1 text-xs font-normal text-white">本单位</span>}
                    {/* on a phone the narrow columns fold under the name */}
                    <span className="block text-xs font-normal text-slate-500 sm:hidden print:hidden">
                      {[row.resultText && `${row.resultText}`, row.statedText && `全省${row.statedText}`, row.gapText].filter(Boolean).join(" · ")}
                    </span>
                    {row.status && <span className="mt-0.5 block sm:hidden print:hidden"><StatusBadge status={row.status} /></span>}
                  </td>
                  <td className="py-2 pr-2 text-right tabular-nums" data-testid="value">{row.valueText}</td>
                  <td className={`whitespace-nowrap py-2 pr-2 text-right tabular-nums ${change(row)}`} data-testid="change">{row.changeText}</td>
                  {report.hasTargets && <td className="hidden py-2 pr-2 md:table-cell print:table-cell">{row.targetText ?? "—"}</td>}
                  {report.hasTargets && (
                    <td className="hidden py-2 pr-2 sm:table-cell print:table-cell">
                      {row.status ? <span className="flex flex-wrap items-center gap-1"><StatusBadge status={row.status} /><span className="text-xs">{row.resultText}</span></span> : "—"}
                    </td>
                  )}
                  {report.hasStated && <td className="hidden py-2 pr-2 tabular-nums sm:table-cell print:table-cell">{row.statedText ?? "—"}</td>}
                  <td className="hidden py-2 text-xs md:table-cell print:table-cell">{row.gapText ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        {!report.emptyText && <footer className="space-y-1 text-sm">
          <p className="text-slate-600">
            参与排名 {report.rankedCount} 个单位{report.unreportedCount > 0 ? `，未填报 ${report.unreportedCount} 个` : ""}。
            名次按数值由高到低，数值相同者并列（如 1、2、2、4）；“较上月”比较名次，▲ 为上升。
          </p>
          {report.judgedText && <p className="text-slate-600" data-testid="league-judged">{report.judgedText}</p>}
          {report.shortfallLines.map((line) => (
            <p key={line} className="font-medium text-red-800" data-testid="shortfall">{line}</p>
          ))}
          {report.notes.map((note) => (
            <p key={note} className="text-amber-900" data-testid="league-note">{note}</p>
          ))}
        </footer>}
      </article>

      <div className="flex flex-wrap gap-2 print:hidden">
        <PrintButton />
        <a href={`/league/xlsx?${leagueQuery(params)}`} download className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">下载 Excel</a>
        {towns && <Link href="/targets" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">镇街目标与分配</Link>}
        {!towns && mayImport && <Link href="/import/bulletin" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">导入省级通报</Link>}
      </div>
    </div>
  );
}
