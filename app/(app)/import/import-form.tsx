"use client";

import Link from "@/app/ui/link";
import { useActionState, useState } from "react";
import { formatMonth } from "@/lib/periods";
import type { PreviewStatus } from "@/lib/sheet/preview";
import { importFigures } from "./actions";
import { IDLE_IMPORT, type PreviewRowView, type PreviewView } from "./import-state";
import { FlagTick, RowFlag } from "./plausibility-tick";

const MAX_BYTES = 5 * 1024 * 1024;

const STATUS_ORDER: PreviewStatus[] = ["new", "changed", "unchanged", "submitted", "locked"];
const STATUS_LABELS: Record<PreviewStatus, string> = { new: "新增", changed: "修改", unchanged: "不变", submitted: "已提交", locked: "已锁定" };
const STATUS_STYLES: Record<PreviewStatus, string> = {
  new: "bg-emerald-100 text-emerald-800",
  changed: "bg-sky-100 text-sky-800",
  unchanged: "bg-slate-100 text-slate-600",
  submitted: "bg-amber-100 text-amber-900",
  locked: "bg-red-100 text-red-800",
};

/** `unitId`: the town imported into (none: the district, or the signed-in town's own). */
export function ImportForm({ unitId }: { unitId?: number } = {}) {
  const [state, formAction, pending] = useActionState(importFigures, IDLE_IMPORT);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const messageStyle =
    state.status === "done"
      ? "border-emerald-200 bg-emerald-50 text-emerald-900"
      : state.status === "preview"
        ? "border-sky-200 bg-sky-50 text-sky-900"
        : state.status === "idle"
          ? "hidden"
          : "border-red-200 bg-red-50 text-red-900";
  return (
    <div className="space-y-5">
      <form action={formAction} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="上传或粘贴">
        <input type="hidden" name="intent" value="preview" />
        {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-700">上传文件（.xlsx 或 .csv，不超过 5 MB）</label>
          <input
            id="import-file"
            type="file"
            name="file"
            accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby="import-file-error"
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file && file.size > MAX_BYTES) {
                setTooLarge(`文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB），上限为 5.0 MB：请只保留需要导入的工作表，或分几次导入。`);
                event.currentTarget.value = "";
              } else {
                setTooLarge(null);
              }
            }}
          />
          <p id="import-file-error" aria-live="polite" className="mt-1 text-sm text-red-700">{tooLarge}</p>
        </div>
        <div>
          <label htmlFor="import-paste" className="block text-sm font-medium text-slate-700">或粘贴单元格（在 Excel / WPS 中选中含表头的区域，复制后粘贴到这里）</label>
          <textarea
            id="import-paste"
            name="paste"
            rows={5}
            key={`${state.status}-${state.paste.length}`}
            defaultValue={state.paste}
            spellCheck={false}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
            placeholder={"指标\t2026年10月\t2026年11月\n新增注册用户\t120\t135"}
          />
        </div>
        {state.yearChoice && (
          <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="import-year-choice">
            <label htmlFor="import-year" className="font-medium">表头中的 {state.yearChoice.months.join("、")} 属于哪一年：</label>
            <select id="import-year" name="year" defaultValue={state.yearChoice.defaultYear} key={state.yearChoice.defaultYear} className="ml-2 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
              {state.yearChoice.years.map((year) => <option key={year} value={year}>{year}年</option>)}
            </select>
            {!state.paste && <span className="ml-2 text-xs">（上传的文件请重新选择）</span>}
          </div>
        )}
        {state.monthChoice && (
          <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="import-month-choice">
            <label htmlFor="import-month" className="font-medium">这张表是哪个月的数：</label>
            <select id="import-month" name="month" defaultValue={state.monthChoice.defaultMonth} key={state.monthChoice.defaultMonth} className="ml-2 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
              {state.monthChoice.months.map((month) => <option key={month} value={month}>{formatMonth(month)}</option>)}
            </select>
            {!state.paste && <span className="ml-2 text-xs">（上传的文件请重新选择）</span>}
          </div>
        )}
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-5 py-2.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "正在读取…" : state.yearChoice ? "按所选年份预览" : state.monthChoice ? "按所选月份预览" : "预览"}
        </button>
        <span className="ml-3 text-xs text-slate-500">预览不会写入任何数据。</span>
      </form>

      <div id="import-message" role="status" aria-live="polite" className={`rounded-md border px-4 py-3 text-sm ${messageStyle}`}>
        {state.message}
        {state.status === "done" && (
          <>
            <Link href="/" className="ml-2 font-medium underline">查看看板</Link>
            <Link href="/indicators" className="ml-2 font-medium underline">查看指标与修订记录</Link>
          </>
        )}
      </div>

      {state.preview && <Preview preview={state.preview} />}

      {state.preview && (
        <form action={formAction} aria-label="确认导入" className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
          <input type="hidden" name="intent" value="commit" />
          {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
          <input type="hidden" name="payload" value={state.payload ?? ""} />
          {state.payload && state.preview.flags && <FlagTick flags={state.preview.flags} />}
          <button
            type="submit"
            disabled={pending || !state.payload}
            className="rounded-md bg-brand-600 px-5 py-2.5 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50"
          >
            {pending ? "正在导入…" : "确认导入"}
          </button>
          <span className="text-xs text-slate-500">
            {state.payload
              ? `将写入 ${state.preview.counts.new + state.preview.counts.changed} 项，全部成功或全部不写；每项留下修订记录。`
              : "有无法导入的单元格，或没有可导入的改动时，不能导入。"}
          </span>
        </form>
      )}
    </div>
  );
}

function Preview({ preview }: { preview: PreviewView }) {
  const { counts } = preview;
  return (
    <section aria-label="导入预览" className="space-y-4">
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">预览：{preview.fileName}</h2>
        <ul className="mt-1 text-sm text-slate-600">
          {preview.layouts.map((layout) => (
            <li key={layout}>{layout}</li>
          ))}
        </ul>
        <p className="mt-2 flex flex-wrap gap-2 text-sm" data-testid="import-counts">
          {STATUS_ORDER.map((status) => (
            <span key={status} className={`rounded px-2 py-0.5 ${STATUS_STYLES[status]}`}>
              {STATUS_LABELS[status]} {counts[status]}
            </span>
          ))}
        </p>
      </div>

      {preview.problems.length > 0 && (
        <div className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="import-problems">
          <p className="font-medium">无法导入的单元格（{preview.problems.length}）：</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {preview.problems.slice(0, 200).map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
          {preview.problems.length > 200 && <p className="mt-1">……另有 {preview.problems.length - 200} 个</p>}
        </div>
      )}

      {preview.warnings.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="import-warnings">
          <p className="font-medium">请核对（{preview.warnings.length} 条一致性提醒，不影响导入）：</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {preview.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </div>
      )}

      {preview.periods.map((group) => (
        <PeriodTable key={group.period} label={group.label} rows={group.rows} />
      ))}
    </section>
  );
}

function PeriodTable({ label, rows }: { label: string; rows: PreviewRowView[] }) {
  const moving = rows.filter((row) => row.status !== "unchanged");
  const unchanged = rows.filter((row) => row.status === "unchanged");
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h3 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold">
        {label}
        <span className="ml-2 text-xs font-normal text-slate-500">{moving.length} 项改动、{unchanged.length} 项不变</span>
      </h3>
      {moving.length > 0 && <Rows rows={moving} />}
      {unchanged.length > 0 && (
        <details className="px-4 py-2 text-sm">
          <summary className="cursor-pointer text-slate-600">不变的 {unchanged.length} 项</summary>
          <Rows rows={unchanged} />
        </details>
      )}
    </div>
  );
}

function Rows({ rows }: { rows: PreviewRowView[] }) {
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {rows.map((row) => (
        <li key={row.id} data-testid="import-row" data-status={row.status} data-flagged={row.flag ? "" : undefined} className="grid grid-cols-[4rem_minmax(0,1fr)] gap-x-3 gap-y-0.5 px-4 py-2 sm:grid-cols-[4rem_minmax(0,1.4fr)_minmax(0,1.4fr)_5rem]">
          <span className={`self-start rounded px-1.5 py-0.5 text-center text-xs ${STATUS_STYLES[row.status]}`}>{STATUS_LABELS[row.status]}</span>
          <span className="font-medium text-slate-800">{row.name}</span>
          <span className="col-start-2 tabular-nums sm:col-start-auto">
            {row.status === "new" ? row.after : row.status === "unchanged" ? row.after : `${row.before} → ${row.after}`}
          </span>
          <span className="col-start-2 text-xs text-slate-500 sm:col-start-auto sm:text-right">{row.cells}</span>
          {row.flag && <RowFlag text={row.flag} />}
        </li>
      ))}
    </ul>
  );
}
