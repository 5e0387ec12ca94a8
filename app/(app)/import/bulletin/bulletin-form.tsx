"use client";

import Link from "@/app/ui/link";
import { useActionState, useState } from "react";
import { BULLETIN_SCOPE_HINTS, BULLETIN_SCOPE_LABELS, BULLETIN_SCOPES } from "@/lib/bulletin/derive";
import type { PreviewStatus } from "@/lib/sheet/preview";
import { FlagTick, RowFlag } from "../plausibility-tick";
import { importBulletin } from "./actions";
import { IDLE_BULLETIN, type BulletinPreviewView, type BulletinRowView, type BulletinState } from "./bulletin-state";

const MAX_BYTES = 5 * 1024 * 1024;
const STATUS_LABELS: Record<PreviewStatus, string> = { new: "新增", changed: "修改", unchanged: "不变", submitted: "已提交", locked: "已锁定" };
const STATUS_STYLES: Record<PreviewStatus, string> = {
  new: "bg-emerald-100 text-emerald-800",
  changed: "bg-sky-100 text-sky-800",
  unchanged: "bg-slate-100 text-slate-600",
  submitted: "bg-amber-100 text-amber-900",
  locked: "bg-red-100 text-red-800",
};
const primary = "rounded-md bg-brand-600 px-5 py-2.5 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50";
const secondary = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50";

type MonthOption = { value: string; label: string };

export function BulletinForm({ sources, months }: { sources: string[]; months: MonthOption[] }) {
  const [state, formAction, pending] = useActionState(importBulletin, IDLE_BULLETIN);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const messageStyle =
    state.status === "done" ? "border-emerald-200 bg-emerald-50 text-emerald-900"
    : state.status === "preview" ? "border-sky-200 bg-sky-50 text-sky-900"
    : state.status === "idle" ? "hidden"
    : "border-red-200 bg-red-50 text-red-900";
  return (
    <div className="space-y-5">
      <form action={formAction} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="上传或粘贴通报">
        <input type="hidden" name="intent" value="preview" />
        <div>
          <label htmlFor="bulletin-file" className="block text-sm font-medium text-slate-700">通报文件（.xlsx 或 .csv，不超过 5 MB）</label>
          <input id="bulletin-file" type="file" name="file" accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby="bulletin-file-error"
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file && file.size > MAX_BYTES) {
                setTooLarge(`文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB），上限为 5.0 MB。`);
                event.currentTarget.value = "";
              } else setTooLarge(null);
            }} />
          <p id="bulletin-file-error" aria-live="polite" className="mt-1 text-sm text-red-700">{tooLarge}</p>
        </div>
        <div>
          <label htmlFor="bulletin-paste" className="block text-sm font-medium text-slate-700">或粘贴通报表格（在 Excel / WPS 中选中含表头的区域，复制后粘贴到这里）</label>
          <textarea id="bulletin-paste" name="paste" rows={4} key={`${state.status}-${state.paste.length}`} defaultValue={state.paste} spellCheck={false}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm" placeholder={"单位\t科普服务量\t全省排名\n攀枝花市西区\t878.44万\t12"} />
        </div>
        <Settings prefix="upload" state={state} sources={sources} months={months} />
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className={primary}>{pending ? "正在读取…" : "预览"}</button>
          <span className="text-xs text-slate-500">预览不会写入任何数据。</span>
        </div>
      </form>

      <div id="bulletin-message" role="status" aria-live="polite" className={`rounded-md border px-4 py-3 text-sm ${messageStyle}`}>
        {state.message}
        {state.status === "done" && (
          <>
            <Link href="/rankings" className="ml-2 font-medium underline">查看全省排名</Link>
            <Link href="/league?level=peers" className="ml-2 font-medium underline">查看区县排名</Link>
          </>
        )}
      </div>

      {state.preview && <Preview state={state} preview={state.preview} action={formAction} pending={pending} months={months} sources={sources} />}

      {state.preview && (
        <form action={formAction} aria-label="确认导入" className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
          <input type="hidden" name="intent" value="commit" />
          <input type="hidden" name="payload" value={state.payload ?? ""} />
          {state.payload && state.preview.flags && (
            <div className="basis-full space-y-2" data-testid="bulletin-flags">
              <p className="text-sm font-medium text-amber-900">与该单位以往相差很大的数（{state.preview.flags.count}）：</p>
              <ul className="list-disc space-y-0.5 pl-5 text-xs text-amber-900">
                {state.preview.flags.lines.slice(0, 100).map((line, index) => <li key={index}>{line}</li>)}
              </ul>
              <FlagTick flags={state.preview.flags} />
            </div>
          )}
          <button type="submit" disabled={pending || !state.payload} className={primary}>{pending ? "正在导入…" : "确认导入"}</button>
          <span className="text-xs text-slate-500">
            {state.payload
              ? `将写入 ${state.preview.unitsChanged} 个单位的 ${state.preview.counts.new + state.preview.counts.changed} 项，全部成功或全部不写；每项留下修订记录（来源：省级通报）。`
              : "有待处理的问题，或没有改动时，不能导入。"}
          </span>
        </form>
      )}
    </div>
  );
}

function Settings({ prefix, state, sources, months }: { prefix: string; state: BulletinState; sources: string[]; months: MonthOption[] }) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <div>
        <label htmlFor={`${prefix}-source`} className="block text-sm font-medium text-slate-700">通报来源</label>
        <input id={`${prefix}-source`} name="source" list={`${prefix}-sources`} maxLength={60} defaultValue={state.values.source}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <datalist id={`${prefix}-sources`}>{sources.map((source) => <option key={source} value={source} />)}</datalist>
        <p className="mt-1 text-xs text-slate-500">每个来源的列对应关系会被记住</p>
      </div>
      <div>
        <label htmlFor={`${prefix}-scope`} className="block text-sm font-medium text-slate-700">通报范围</label>
        <select id={`${prefix}-scope`} name="scope" defaultValue={state.values.scope || "province"} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
          {BULLETIN_SCOPES.map((scope) => <option key={scope} value={scope}>{BULLETIN_SCOPE_LABELS[scope]}</option>)}
        </select>
        <p className="mt-1 text-xs text-slate-500">全省：{BULLETIN_SCOPE_HINTS.province}；部分：{BULLETIN_SCOPE_HINTS.partial}</p>
      </div>
      <div>
        <label htmlFor={`${prefix}-month`} className="block text-sm font-medium text-slate-700">所属月份</label>
        <select id={`${prefix}-month`} name="month" defaultValue={state.values.month} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
          <option value="">按通报标题</option>
          {months.map((month) => <option key={month.value} value={month.value}>{month.label}</option>)}
        </select>
      </div>
    </div>
  );
}

function Preview({ state, preview, action, pending, months, sources }: {
  state: BulletinState;
  preview: BulletinPreviewView;
  action: (formData: FormData) => void;
  pending: boolean;
  months: MonthOption[];
  sources: string[];
}) {
  const categories = [...new Set(preview.options.map((option) => option.category))];
  return (
    <form action={action} aria-label="核对通报" className="space-y-4">
      <input type="hidden" name="table" value={state.table ?? ""} />
      <input type="hidden" name="fileName" value={preview.fileName} />
      <input type="hidden" name="paste" value={state.paste} />

      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">预览：{preview.fileName}</h2>
        <p className="text-sm text-slate-600">
          工作表“{preview.sheet}”{preview.title && `，标题“${preview.title}”`}；{preview.monthLabel ?? "月份未知"}；读到 {preview.lineCount} 个单位（名称在 {preview.nameLetters} 列）。
        </p>
        <p className="text-sm text-slate-700" data-testid="bulletin-name-columns">{preview.nameSentence}。</p>
        <Settings prefix="preview" state={state} sources={sources} months={months} />
      </section>

      {preview.blocking.length > 0 && (
        <div className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="bulletin-blocking">
          <p className="font-medium">需要处理（{preview.blocking.length}）：</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">{preview.blocking.slice(0, 100).map((line, index) => <li key={index}>{line}</li>)}</ul>
        </div>
      )}

      {preview.home && (
        <section className="rounded-lg border border-brand-200 bg-white shadow-sm" aria-labelledby="home-ranks-heading">
          <h2 id="home-ranks-heading" className="border-b border-slate-100 px-4 py-2 text-base font-semibold">本单位（{preview.home.name}）的排名与相邻单位</h2>
          {preview.home.ranks.length === 0 ? <p className="px-4 py-3 text-sm text-slate-500">通报中没有已对应的排名指标。</p> : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="home-ranks">
              {preview.home.ranks.map((rank) => (
                <li key={rank.key} data-key={rank.key} className="grid gap-1 px-4 py-2 sm:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)_minmax(0,1.5fr)]">
                  <span className="font-medium">{rank.name}</span>
                  <span><strong data-testid="home-rank">{rank.rankText}</strong> <span className="text-xs text-slate-500">{rank.sourceText}</span></span>
                  <span className="text-xs text-slate-600">
                    上一名：{rank.aboveText ?? "无"}<br />下一名：{rank.belowText ?? "无"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {preview.warnings.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="bulletin-warnings">
          <p className="font-medium">请核对（{preview.warnings.length} 条提醒，不影响导入；通报所列名次为准，不会被改写）：</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">{preview.warnings.slice(0, 100).map((warning, index) => <li key={index}>{warning}</li>)}</ul>
        </div>
      )}

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="names-heading">
        <h2 id="names-heading" className="text-base font-semibold">单位名称匹配</h2>
        <p className="text-sm text-slate-600">已匹配 {preview.matched} 个；未匹配 {preview.unmatched.length} 个；可对应多个单位 {preview.ambiguous.length} 个。未匹配的单位不导入（它们仍计入参与排名的单位数）。</p>
        {(() => {
          const counties = preview.unmatched.filter((entry) => !entry.city).length;
          const cities = preview.unmatched.length - counties;
          return (
            <>
              {cities > 0 && (
                <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="city-names">
                  其中 {cities} 个名称像是市（州）名而非区县（如“{preview.unmatched.find((entry) => entry.city)?.name}”）：不会被批量添加为同级单位；请检查单位名称所在的列，确需添加时请逐个添加。
                </p>
              )}
              {counties > 1 && (
                <button type="submit" name="intent" value="peers:all" disabled={pending} className={secondary}>
                  全部添加为同级单位（{counties} 个{cities > 0 ? `，不含 ${cities} 个市（州）名` : ""}）
                </button>
              )}
            </>
          );
        })()}
        {(() => {
          const entries = [
            ...preview.ambiguous.map((entry) => ({ ...entry, choices: entry.candidates, ambiguous: true })),
            ...preview.unmatched.map((entry) => ({ ...entry, choices: preview.aliasChoices, ambiguous: false })),
          ].slice(0, 300);
          if (entries.length === 0) return null;
          const list = entries.map((entry) => (
            <div key={entry.row} className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-2 text-sm" data-testid={entry.ambiguous ? "ambiguous-name" : "unmatched-name"}>
              <span className="min-w-[10rem] font-medium">第{entry.row}行「{entry.name}」</span>
              {entry.ambiguous && <span className="text-xs text-red-700">可对应：{entry.choices.map((choice) => choice.name).join("、")}</span>}
              {"city" in entry && entry.city && <span className="text-xs text-amber-800">像是市（州）名，不是区县</span>}
              {!entry.ambiguous && <button type="submit" name="intent" value={`peer:${entry.row}`} disabled={pending} className={secondary}>{"city" in entry && entry.city ? "仍添加为同级单位" : "添加为同级单位"}</button>}
              <label className="sr-only" htmlFor={`alias-${entry.row}`}>「{entry.name}」是哪个单位</label>
              <select id={`alias-${entry.row}`} name={`alias__${entry.row}`} defaultValue="" className="max-w-[12rem] rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
                <option value="">选择单位…</option>
                {entry.choices.map((choice) => <option key={choice.id} value={choice.id}>{choice.name}</option>)}
              </select>
              <button type="submit" name="intent" value={`alias:${entry.row}`} disabled={pending} className={secondary}>设为该单位的别名</button>
            </div>
          ));
          // a first import of the whole province leaves almost every name unmatched: the list folds away
          return entries.length <= 12 ? list : (
            <details className="text-sm">
              <summary className="cursor-pointer text-brand-700">逐个处理（{entries.length}）：添加为同级单位，或设为已有单位的别名</summary>
              <div className="mt-2 space-y-2">{list}</div>
            </details>
          );
        })()}
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="mapping-heading">
        <h2 id="mapping-heading" className="text-base font-semibold">列与指标的对应</h2>
        <p className="text-sm text-slate-600">按表头自动对应，或沿用此来源上次导入时的对应；可在此修改，确认导入后记住。</p>
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="bulletin-mapping">
            <thead className="text-left text-xs text-slate-500">
              <tr><th className="py-1 pr-2">列</th><th className="py-1 pr-2">表头</th><th className="hidden py-1 pr-2 sm:table-cell">首行数据</th><th className="py-1">对应指标</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {preview.columns.map((column) => (
                <tr key={column.column}>
                  <td className="py-1.5 pr-2 font-mono">{column.letter}</td>
                  <td className="py-1.5 pr-2">
                    {column.heading}
                    {column.unitNote && <span className="block text-xs text-slate-500">{column.unitNote}</span>}
                  </td>
                  <td className="hidden py-1.5 pr-2 tabular-nums text-slate-500 sm:table-cell">{column.sample}</td>
                  <td className="py-1.5">
                    <label className="sr-only" htmlFor={`map-${column.column}`}>{column.letter}列对应的指标</label>
                    <select id={`map-${column.column}`} name={`map__${column.column}`} defaultValue={column.key} className="w-full max-w-[16rem] rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
                      <option value="">不导入</option>
                      {categories.map((category) => (
                        <optgroup key={category} label={category}>
                          {preview.options.filter((option) => option.category === category).map((option) => <option key={option.key} value={option.key}>{option.name}</option>)}
                        </optgroup>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button type="submit" name="intent" value="remap" disabled={pending} className={secondary}>按此对应重新预览</button>
      </section>

      <section className="space-y-2" aria-label="将写入的数据">
        <p className="flex flex-wrap gap-2 text-sm" data-testid="bulletin-counts">
          {(["new", "changed", "unchanged", "submitted", "locked"] as const).map((status) => (
            <span key={status} className={`rounded px-2 py-0.5 ${STATUS_STYLES[status]}`}>{STATUS_LABELS[status]} {preview.counts[status]}</span>
          ))}
          <span className="text-slate-600">（涉及 {preview.unitsChanged} 个单位）</span>
        </p>
        {preview.homeRows.length > 0 && <Rows title={`本单位（${preview.home?.name ?? ""}）`} rows={preview.homeRows} testId="home-rows" showUnit={false} />}
        {preview.peerRows.length > 0 && (
          <details className="rounded-lg border border-slate-200 bg-white shadow-sm">
            <summary className="cursor-pointer px-4 py-2 text-sm font-semibold">同级单位的改动（{preview.peerRows.length}{preview.peerRows.length >= 400 ? "+" : ""} 项）</summary>
            <Rows title="" rows={preview.peerRows} testId="peer-rows" />
          </details>
        )}
        {preview.notes.length > 0 && (
          <details className="text-sm text-slate-600">
            <summary className="cursor-pointer">其他说明（{preview.notes.length}）</summary>
            <ul className="mt-1 list-disc pl-5">{preview.notes.map((note, index) => <li key={index}>{note}</li>)}</ul>
          </details>
        )}
      </section>
    </form>
  );
}

function Rows({ title, rows, testId, showUnit = true }: { title: string; rows: BulletinRowView[]; testId: string; showUnit?: boolean }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      {title && <h3 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold">{title}</h3>}
      <ul className="divide-y divide-slate-100 text-sm" data-testid={testId}>
        {rows.map((row) => (
          <li key={row.id} data-status={row.status} data-flagged={row.flag ? "" : undefined}
            className={`grid grid-cols-[3.5rem_minmax(0,1fr)] gap-x-3 gap-y-0.5 px-4 py-2 ${showUnit ? "sm:grid-cols-[3.5rem_minmax(0,10rem)_minmax(0,1.2fr)_minmax(0,1.6fr)]" : "sm:grid-cols-[3.5rem_minmax(0,1.2fr)_minmax(0,1.6fr)]"}`}>
            <span className={`self-start rounded px-1.5 py-0.5 text-center text-xs ${STATUS_STYLES[row.status]}`}>{STATUS_LABELS[row.status]}</span>
            {showUnit && <span className="text-slate-600">{row.unit}</span>}
            <span className={`font-medium ${showUnit ? "col-start-2 sm:col-start-auto" : ""}`}>{row.name}</span>
            <span className="col-start-2 tabular-nums sm:col-start-auto">{row.status === "new" || row.status === "unchanged" ? row.after : `${row.before} → ${row.after}`}</span>
            {row.flag && <RowFlag text={row.flag} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
