"use client";

import Link from "@/app/ui/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { IndicatorDefinition } from "@/lib/catalog";
import { checkConsistency, type EarlierFigure, type Figures, type Warning } from "@/lib/consistency";
import { entryFieldNames, rankDetailField, readableFigures, type RankDetail } from "@/lib/entry-schema";
import { plausibilityFlag, plausibleField, type HistoryPoint } from "@/lib/plausibility";
import { ranksAboveUnits } from "@/lib/rank-rules";
import { MAX_NOTE_LENGTH, REVISION_NOTE_FIELD } from "@/lib/revision-note";
import { BaseFields, ConflictNotice, useConflictChoices } from "@/app/ui/conflicts";
import { DemoTag } from "@/app/ui/demo-banner";
import { ErrorSummary } from "@/app/ui/error-summary";
import type { FieldConflict } from "@/app/_lib/field-conflict";
import { saveMonth } from "./actions";
import { FieldFlag, flagId } from "./field-flag";
import { FieldHistory } from "./field-history";
import type { EntryCategoryView, EntryFieldView, EntryFlag, EntryState } from "./entry-state";
import { saveYearTotals } from "./year-actions";

type Values = Record<string, string>;

function formValues(form: HTMLFormElement): Values {
  return Object.fromEntries([...new FormData(form)].flatMap(([name, value]) => (typeof value === "string" ? [[name, value]] : [])));
}

/**
 * The flags the typed figures raise against their history, for each figure that differs from what
 * the form loaded with (the save decides; this shows it as the user types). A flag the save
 * answered with stays while its figure is as it was.
 */
function liveFlags(
  catalog: readonly IndicatorDefinition[],
  period: string,
  history: ReadonlyMap<string, HistoryPoint[]>,
  values: Values,
  bases: Values,
  answered: Readonly<Record<string, EntryFlag>> | undefined,
): Record<string, EntryFlag> {
  const figures = readableFigures(catalog, values);
  const flags: Record<string, EntryFlag> = {};
  for (const indicator of catalog) {
    const figure = figures.get(indicator.key);
    const base = bases[indicator.key]?.trim();
    if (!figure || (base !== undefined && base !== "" && Number(base) === figure.value)) continue;
    const flag = plausibilityFlag(indicator, { period, value: figure.value, rankedUnits: figure.rankedUnits }, history.get(indicator.key) ?? []);
    const earlier = answered?.[indicator.key];
    if (flag) flags[indicator.key] = { text: flag.text, value: String(figure.value) };
    else if (earlier && Number(earlier.value) === figure.value) flags[indicator.key] = earlier;
  }
  return flags;
}

/** The error a rank has while it is typed: above the N typed beside it (the server checks the stored N too). */
function liveRankErrors(catalog: readonly IndicatorDefinition[], values: Values): Record<string, string> {
  return ranksAboveUnits(catalog, readableFigures(catalog, values));
}

const RANK_DETAIL_TEXT: Record<RankDetail, { before: string; spoken: (field: EntryFieldView) => string; after: (field: EntryFieldView) => string; mode: "numeric" | "decimal" }> = {
  of: { before: "共", spoken: () => "参与排名单位数", after: () => "个单位", mode: "numeric" },
  above: { before: "上一名", spoken: (field) => `上一名的${field.rankedName}`, after: (field) => field.rankedUnit, mode: "decimal" },
  below: { before: "下一名", spoken: (field) => `下一名的${field.rankedName}`, after: (field) => field.rankedUnit, mode: "decimal" },
};

/** What each field is called in the error summary and in conflicts. */
function fieldLabels(categories: EntryCategoryView[]): Map<string, string> {
  const labels = new Map<string, string>([[REVISION_NOTE_FIELD, "更正说明"]]);
  for (const { fields } of categories) {
    for (const field of fields) {
      labels.set(field.key, field.name);
      if (field.kind !== "rank") continue;
      for (const detail of ["of", "above", "below"] as const) labels.set(rankDetailField(field.key, detail), `${field.name}（${RANK_DETAIL_TEXT[detail].spoken(field)}）`);
    }
  }
  return labels;
}

/** The period a form is for: the hidden field that names it ("month" or "year"), its value and its label. */
export type FormPeriod = { field: "month" | "year"; value: string; label: string };

export function EntryForm({
  period,
  categories,
  initialValues,
  catalog,
  checks,
  previous,
  earlier = [],
  history = [],
  unitId,
}: {
  period: FormPeriod;
  /** The town the period is entered for; left out for the home unit. */
  unitId?: number;
  categories: EntryCategoryView[];
  /** Every field as stored when the page loaded (blank where nothing is): shown, and sent back as what was seen. */
  initialValues: Values;
  /** The indicators on the form, as of its period. */
  catalog: IndicatorDefinition[];
  /** The catalog the consistency checks of the period run on (lib/catalog.ts catalogForChecks), and last month's figures. */
  checks: IndicatorDefinition[];
  previous: [string, { value: number; rankedUnits: number | null }][];
  /** Levels known from before an empty last month, dated ("2023年末"): a 累计 is checked not to fall below them. */
  earlier?: [string, EarlierFigure][];
  /** Each indicator's figures of the periods before this one (db/observations.ts listFigureHistory), for the plausibility flags. */
  history?: [string, HistoryPoint[]][];
}) {
  const initialState: EntryState = { status: "idle", message: "", values: initialValues, bases: initialValues, fieldErrors: {}, conflicts: [] };
  // extra arguments travel as hidden fields, not through bind(): a client-bound action with
  // useActionState never finishes rendering when the form is posted before JavaScript has loaded
  const [state, formAction, pending] = useActionState(period.field === "year" ? saveYearTotals : saveMonth, initialState);
  const formRef = useRef<HTMLFormElement>(null);
  const { bases, open, choose } = useConflictChoices(state, formRef);
  const [previousFigures] = useState<Figures>(() => new Map(previous));
  const [earlierFigures] = useState(() => new Map(earlier));
  const editable = categories.flatMap(({ fields }) => fields.filter((field) => !field.baseline));
  const names = entryFieldNames(editable);
  const check = (values: Values) => checkConsistency(checks, readableFigures(catalog, values), previousFigures, earlierFigures).filter((warning) => warning.code !== "rank-range");
  const [warnings, setWarnings] = useState<Warning[]>(() => check(initialValues));
  const [liveErrors, setLiveErrors] = useState<Record<string, string>>(() => liveRankErrors(catalog, initialValues));
  const [pastFigures] = useState(() => new Map(history));
  // null until this script runs: the page as the server drew it shows the flags the save answered with
  const [flags, setFlags] = useState<Record<string, EntryFlag> | null>(null);
  /** N fields the user has typed in: never overwritten by the pre-fill. */
  const touchedUnits = useRef(new Set<string>());
  const [prefilled, setPrefilled] = useState<Record<string, string>>({});
  const recheck = () => {
    if (!formRef.current) return;
    const values = formValues(formRef.current);
    setWarnings(check(values));
    setLiveErrors(liveRankErrors(catalog, values));
    setFlags(liveFlags(catalog, period.value, pastFigures, values, bases, state.flags));
  };
  // after a save or a refusal the form shows the values the server returned: check those
  useEffect(recheck, [state]); // eslint-disable-line react-hooks/exhaustive-deps
  const router = useRouter();
  // the save answers with the form's state only: the histories, the count and the month's status
  // around the form are read again after it
  useEffect(() => {
    if (state.status === "saved") router.refresh();
  }, [state, router]);
  const flagged = new Set(warnings.flatMap((warning) => warning.keys));
  const byKey = new Map(editable.map((field) => [field.key, field]));

  const onInput = (event: React.FormEvent<HTMLFormElement>) => {
    const target = event.target;
    if (target instanceof HTMLInputElement) {
      if (target.name.endsWith("__of") && event.nativeEvent.isTrusted) touchedUnits.current.add(target.name);
      const rank = byKey.get(target.name);
      if (rank?.kind === "rank" && rank.lastRankedUnits && target.value.trim() !== "") {
        // N is usually last month's: offer it as soon as the rank is typed
        const unitsName = rankDetailField(rank.key, "of");
        const units = formRef.current?.elements.namedItem(unitsName);
        if (units instanceof HTMLInputElement && units.value === "" && !touchedUnits.current.has(unitsName)) {
          units.value = String(rank.lastRankedUnits.units);
          setPrefilled((shown) => ({ ...shown, [unitsName]: `已按${rank.lastRankedUnits?.monthLabel}预填，请核对` }));
        }
      }
    }
    recheck();
  };

  // Enter moves to the next field, never submits the month (the disabled first button keeps
  // implicit submission off even before this script has loaded)
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target;
    if (event.key !== "Enter" || event.nativeEvent.isComposing || !(target instanceof HTMLInputElement)) return;
    event.preventDefault();
    const fields = [...event.currentTarget.querySelectorAll<HTMLInputElement | HTMLButtonElement>("input[type=text], button[type=submit]:not([disabled])")];
    fields[fields.indexOf(target) + 1]?.focus();
  };

  const labels = fieldLabels(categories);
  const errorItems = Object.entries(state.fieldErrors).map(([field, errors]) => ({ field, text: `${labels.get(field) ?? field}：${errors.join("；")}` }));
  const shownFlags = flags ?? state.flags ?? {};
  const flagItems = Object.entries(state.flags ?? {}).map(([field, flag]) => ({ field, text: `${labels.get(field) ?? field}：${flag.text}` }));
  const conflictItems = open.map((conflict) => ({ field: conflict.field, text: `${conflict.label}：${conflict.message}` }));
  const conflictOf = new Map(open.map((conflict) => [conflict.field, conflict]));
  const onChoose = (conflict: FieldConflict) => (take: "theirs" | "mine") => choose(conflict, take);

  return (
    <form ref={formRef} action={formAction} onInput={onInput} onKeyDown={onKeyDown} noValidate className="space-y-6">
      <button type="submit" disabled hidden aria-hidden="true" tabIndex={-1} />
      <input type="hidden" name={period.field} value={period.value} />
      {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
      <BaseFields names={names} bases={bases} />
      {state.status === "invalid" && errorItems.length > 0 && (
        <ErrorSummary title={`有 ${errorItems.length} 项填写有误，本次未保存任何数据`} items={errorItems} answer={state} />
      )}
      {state.status === "invalid" && errorItems.length === 0 && flagItems.length > 0 && (
        <ErrorSummary
          title={`未保存：有 ${flagItems.length} 项数值与以往相差很大`}
          intro="请逐项核对；确认无误的，在该项旁勾选“我已核对，数值无误”后再保存。您填写的内容都还在表中。"
          items={flagItems}
          answer={state}
        />
      )}
      {state.status === "conflict" && conflictItems.length > 0 && (
        <ErrorSummary
          title={`未保存：有 ${conflictItems.length} 项在您打开本页后已被他人修改`}
          intro="请在每项旁选择“采用对方的值”或“保留我的值”；全部选择后即保存您的其余改动。您填写的内容都还在表中。"
          items={conflictItems}
          answer={state}
        />
      )}
      <ConsistencyWarnings warnings={warnings} />
      {categories.map(({ category, fields }) => (
        <fieldset key={category} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <legend className="px-1 text-base font-semibold text-slate-800">{category}</legend>
          <div className="divide-y divide-slate-100">
            {fields.map((field) =>
              field.baseline ? (
                <BaselineRow key={field.key} field={field} />
              ) : (
                <FieldRow
                  key={field.key}
                  field={field}
                  state={state}
                  flagged={flagged.has(field.key)}
                  liveError={liveErrors[field.key] ?? null}
                  flag={shownFlags[field.key]}
                  conflictOf={conflictOf}
                  onChoose={onChoose}
                  prefilled={prefilled}
                />
              ),
            )}
          </div>
        </fieldset>
      ))}
      <NoteField state={state} />
      <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center gap-x-3 gap-y-2 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-5 py-2.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? "正在保存…" : `保存${period.label}数据`}
        </button>
        <SaveResult state={state} pending={pending} openConflicts={open.length} />
      </div>
    </form>
  );
}

/** Beside the save button, where the eye is: what the last save did, read out as it changes. */
function SaveResult({ state, pending, openConflicts }: { state: EntryState; pending: boolean; openConflicts: number }) {
  const tone = state.status === "saved" ? "text-emerald-800" : state.status === "idle" ? "text-slate-500" : "text-red-800";
  const message =
    state.status === "conflict" && openConflicts === 0 && !pending ? "已选择，正在保存其余改动…" : state.message;
  return (
    <div className="min-w-0 flex-1 basis-64 text-sm">
      <p id="save-result" role="status" aria-live="polite" data-status={state.status} className={`font-medium ${tone}`}>
        {state.status !== "idle" && (
          <>
            <span aria-hidden="true">{state.status === "saved" ? "✓ " : "✗ "}</span>
            {message}
            {state.status === "saved" && (
              <Link href="/" className="ml-2 underline">
                查看看板
              </Link>
            )}
          </>
        )}
      </p>
      {state.status === "idle" && (
        <p className="text-xs text-slate-500">
          <span className="sm:hidden">留空即“未填报”；按回车跳到下一项，不会保存。</span>
          <span className="hidden sm:inline">留空表示“未填报”，不会记为 0。只有改动过的指标会写入并留下修订记录；在输入框中按回车会跳到下一项，不会保存。</span>
        </p>
      )}
    </div>
  );
}

/** Warnings, not errors: the figures may still be saved, but someone should look first. */
function ConsistencyWarnings({ warnings }: { warnings: Warning[] }) {
  return (
    <div id="consistency-warnings" aria-live="polite" className={warnings.length === 0 ? "sr-only" : "rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"}>
      {warnings.length > 0 && (
        <>
          <p className="font-medium">保存前请核对（{warnings.length} 条一致性提醒，不影响保存）：</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {warnings.map((warning) => (
              <li key={`${warning.code}-${warning.keys.join()}`}>{warning.message}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function FieldLabel({ field }: { field: EntryFieldView }) {
  return (
    <div>
      <label htmlFor={field.key} className="text-sm font-medium text-slate-800">
        {field.depth > 0 && <span className="mr-1 text-slate-500">└</span>}
        {field.name}
        {field.demo && <DemoTag />}
      </label>
      <p className="text-xs text-slate-500">
        {field.hint && <span className="mr-2">{field.hint}</span>}
        <span data-previous className="inline-block">{field.previousText}</span>
        <Link href={field.historyHref} className="ml-2 text-brand-700 underline">
          历史
        </Link>
      </p>
      {field.yearNote && (
        <p className="text-xs text-slate-600" data-year-note={field.key}>
          {field.yearNote.text}
          <Link href={field.yearNote.href} className="ml-2 text-brand-700 hover:underline">
            查看全年合计
          </Link>
        </p>
      )}
      {field.description && (
        <details className="mt-1 text-xs text-slate-600" data-definition={field.key}>
          <summary className="cursor-pointer select-none text-brand-700">指标说明</summary>
          <p className="mt-1 whitespace-pre-line rounded bg-slate-50 px-2 py-1 leading-relaxed">{field.description}</p>
        </details>
      )}
    </div>
  );
}

/** A figure of the document's 2023 baseline: shown, never an input (更正基线 is on the indicator page). */
function BaselineRow({ field }: { field: EntryFieldView }) {
  return (
    <div data-field={field.key} data-baseline className="grid gap-2 py-3 sm:grid-cols-[minmax(0,1fr)_16rem] sm:items-start" style={{ paddingLeft: `${field.depth * 1.25}rem` }}>
      <FieldLabel field={field} />
      <div className="text-sm">
        <p className="text-right text-base tabular-nums text-slate-900">{field.currentText ?? "未填报"}</p>
        <p className="mt-1 text-xs text-slate-500">
          <span className="mr-1 rounded bg-slate-100 px-1 py-0.5 text-[11px] font-medium text-slate-600">只读</span>2023年基线（文件数据）。
          <Link href={`/indicators/${field.key}#baseline`} className="ml-1 text-brand-700 underline">
            更正基线
          </Link>
        </p>
        <FieldHistory items={field.history} />
      </div>
    </div>
  );
}

function FieldRow({
  field,
  state,
  flagged,
  liveError,
  flag,
  conflictOf,
  onChoose,
  prefilled,
}: {
  field: EntryFieldView;
  state: EntryState;
  flagged: boolean;
  liveError: string | null;
  /** The figure typed lies far outside its history: it needs its tick to be saved. */
  flag: EntryFlag | undefined;
  conflictOf: Map<string, FieldConflict>;
  onChoose: (conflict: FieldConflict) => (take: "theirs" | "mine") => void;
  prefilled: Record<string, string>;
}) {
  const serverErrors = state.fieldErrors[field.key] ?? [];
  const errors = liveError && !serverErrors.includes(liveError) ? [...serverErrors, liveError] : serverErrors;
  const errorId = `${field.key}-error`;
  const hasError = errors.length > 0;
  const conflict = conflictOf.get(field.key);
  // React resets a form after its action; the reset lands on defaultValue, which holds what the
  // user typed (refused) or what was stored (saved), so nothing typed is lost
  const value = state.values[field.key] ?? "";
  return (
    <div data-field={field.key} className="grid gap-2 py-3 sm:grid-cols-[minmax(0,1fr)_16rem] sm:items-start" style={{ paddingLeft: `${field.depth * 1.25}rem` }}>
      <FieldLabel field={field} />
      <div>
        <div className="flex items-center gap-2">
          <input
            id={field.key}
            name={field.key}
            type="text"
            inputMode={field.decimals > 0 ? "decimal" : "numeric"}
            enterKeyHint="next"
            autoComplete="off"
            defaultValue={value}
            aria-invalid={hasError || conflict !== undefined}
            aria-describedby={`${errorId} ${flagId(field.key)}`}
            className={`w-full min-w-0 rounded-md border px-3 py-2 text-right text-base tabular-nums ${hasError ? "border-red-500 bg-red-50" : conflict || flag ? "border-amber-500 bg-amber-50" : "border-slate-300"}`}
          />
          <span className="w-14 shrink-0 text-sm text-slate-500">{field.kind === "rank" ? "名" : field.unit}</span>
        </div>
        <p id={errorId} aria-live="polite" className="mt-1 text-sm text-red-700">
          {errors.join("；")}
        </p>
        <FieldFlag fieldKey={field.key} flag={hasError ? undefined : flag} ticked={state.values[plausibleField(field.key)]} />
        {conflict && <ConflictNotice conflict={conflict} onChoose={onChoose(conflict)} />}
        {field.kind === "rank" && <RankDetails field={field} state={state} conflictOf={conflictOf} onChoose={onChoose} prefilled={prefilled} />}
        {flagged && errors.length === 0 && (
          <p className="text-xs text-amber-800" data-warning-for={field.key}>⚠ 与相关指标不一致，见页首提醒</p>
        )}
        <FieldHistory items={field.history} />
      </div>
    </div>
  );
}

/**
 * What the bulletin says beside a rank, all optional: N, and the ranked figure of the units just
 * above and below (from which the rankings page works out what it takes to move up). Each input is
 * named for its rank, so a screen reader says which rank's N it is.
 */
function RankDetails({
  field,
  state,
  conflictOf,
  onChoose,
  prefilled,
}: {
  field: EntryFieldView;
  state: EntryState;
  conflictOf: Map<string, FieldConflict>;
  onChoose: (conflict: FieldConflict) => (take: "theirs" | "mine") => void;
  prefilled: Record<string, string>;
}) {
  return (
    <div className="mt-1 space-y-1 text-xs text-slate-600">
      <p className="text-slate-500">通报中的补充信息（可不填）：上一名、下一名填其“{field.rankedName}”</p>
      {(["of", "above", "below"] as const).map((detail) => {
        const name = rankDetailField(field.key, detail);
        const errors = state.fieldErrors[name] ?? [];
        const text = RANK_DETAIL_TEXT[detail];
        const conflict = conflictOf.get(name);
        const last = detail === "of" ? field.lastRankedUnits : null;
        return (
          <div key={detail}>
            <div className="flex items-center gap-2">
              <label htmlFor={name} className="w-12 shrink-0 text-right">
                <span className="sr-only">{field.name}，{text.spoken(field)}：</span>
                <span aria-hidden="true">{text.before}</span>
              </label>
              <input
                id={name}
                name={name}
                type="text"
                inputMode={text.mode}
                enterKeyHint="next"
                autoComplete="off"
                defaultValue={state.values[name] ?? ""}
                aria-invalid={errors.length > 0 || conflict !== undefined}
                aria-describedby={`${name}-error`}
                placeholder={last ? `上次 ${last.units}` : "可不填"}
                className={`w-28 rounded-md border px-2 py-1 text-right tabular-nums ${errors.length > 0 ? "border-red-500 bg-red-50" : conflict ? "border-amber-500 bg-amber-50" : "border-slate-300"}`}
              />
              <span aria-hidden="true">{text.after(field)}</span>
            </div>
            <p id={`${name}-error`} aria-live="polite" className="text-sm text-red-700">
              {errors.join("；")}
            </p>
            {prefilled[name] && errors.length === 0 && <p className="pl-14 text-slate-500" data-prefilled={name}>{prefilled[name]}</p>}
            {conflict && <ConflictNotice conflict={conflict} onChoose={onChoose(conflict)} />}
          </div>
        );
      })}
    </div>
  );
}

/** An optional 更正说明 for this save, kept on each revision it writes. */
function NoteField({ state }: { state: EntryState }) {
  const errors = state.fieldErrors[REVISION_NOTE_FIELD] ?? [];
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <label htmlFor={REVISION_NOTE_FIELD} className="text-sm font-medium text-slate-800">
        更正说明（可选）
      </label>
      <p id={`${REVISION_NOTE_FIELD}-hint`} className="text-xs text-slate-500">
        更正已填报的数据时，可简要说明原因（如“按省平台3月通报更正”），记入本次每条修订记录。
      </p>
      <input
        id={REVISION_NOTE_FIELD}
        name={REVISION_NOTE_FIELD}
        type="text"
        enterKeyHint="next"
        maxLength={MAX_NOTE_LENGTH}
        autoComplete="off"
        // the note belongs to one save: after a save it is empty again
        defaultValue={state.status === "saved" ? "" : (state.values[REVISION_NOTE_FIELD] ?? "")}
        aria-invalid={errors.length > 0}
        aria-describedby={`${REVISION_NOTE_FIELD}-hint ${REVISION_NOTE_FIELD}-error`}
        className={`mt-1 w-full rounded-md border px-3 py-2 text-base ${errors.length > 0 ? "border-red-500 bg-red-50" : "border-slate-300"}`}
      />
      <p id={`${REVISION_NOTE_FIELD}-error`} aria-live="polite" className="mt-1 text-sm text-red-700">
        {errors.join("；")}
      </p>
    </div>
  );
}
