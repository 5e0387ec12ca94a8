/**
 * What a reviewer needs to judge a submitted month: which figures changed since the version last
 * approved (old → new), and which targets those changes move. The consistency warnings come from
 * lib/consistency.ts and the target judgements from lib/judgement.ts, asked at the month under
 * review as the dashboard asks them, so the queue says what the dashboard says.
 */
import type { Series } from "./aggregate";
import type { IndicatorDefinition } from "./catalog";
import { judge } from "./judgement";
import { formatDateTime, formatRevisionValue } from "./format";
import type { Month } from "./periods";
import { DEFAULT_BANDS, type Status, type StatusBands, type TargetSpec } from "./targets";

export type VersionFigure = { value: number | null; rankedUnits: number | null };
export type VersionFigures = ReadonlyMap<string, VersionFigure>;

export type ChangeRow = {
  key: string;
  name: string;
  /** As last approved, formatted; "（空）" when blank then, null when the month was never approved. */
  oldText: string | null;
  newText: string;
  changed: boolean;
};

const same = (a: VersionFigure | undefined, b: VersionFigure | undefined) =>
  (a?.value ?? null) === (b?.value ?? null) && (a?.rankedUnits ?? null) === (b?.rankedUnits ?? null);

/**
 * The month's figures against the approved version: every figure that differs, in catalog order.
 * For a month never approved (`approved` null) every figure it holds is new.
 */
export function changesSinceApproved(
  catalog: readonly IndicatorDefinition[],
  approved: VersionFigures | null,
  current: VersionFigures,
): ChangeRow[] {
  return catalog.flatMap((indicator): ChangeRow[] => {
    const now = current.get(indicator.key);
    const then = approved?.get(indicator.key);
    if (approved === null ? (now?.value ?? null) === null : same(then, now)) return [];
    return [
      {
        key: indicator.key,
        name: indicator.name,
        oldText: approved === null ? null : formatRevisionValue(then?.value ?? null, indicator, then?.rankedUnits),
        newText: formatRevisionValue(now?.value ?? null, indicator, now?.rankedUnits),
        changed: true,
      },
    ];
  });
}

export type MovedTarget = {
  key: string;
  name: string;
  label: string;
  before: { status: Status; summary: string };
  after: { status: Status; summary: string };
};

/**
 * The targets whose judgement at `month` differs between the approved version (or, for a month
 * never approved, the month without its figures) and the figures submitted now.
 */
export function movedTargets(input: {
  catalog: readonly IndicatorDefinition[];
  targetsByKey: ReadonlyMap<string, readonly TargetSpec[]>;
  seriesByKey: ReadonlyMap<string, Series>;
  month: Month;
  approved: VersionFigures | null;
  /** The month now running. */
  today: Month;
  bands?: StatusBands;
}): MovedTarget[] {
  const bands = input.bands ?? DEFAULT_BANDS;
  return input.catalog.flatMap((indicator) => {
    const targets = input.targetsByKey.get(indicator.key) ?? [];
    if (targets.length === 0) return [];
    const series = input.seriesByKey.get(indicator.key) ?? new Map<string, number>();
    const before = new Map(series);
    const then = input.approved?.get(indicator.key)?.value ?? null;
    if (then === null) before.delete(input.month);
    else before.set(input.month, then);
    return targets.flatMap((target): MovedTarget[] => {
      const was = judge({ target, indicator, series: before, asOf: input.month, today: input.today, bands });
      const is = judge({ target, indicator, series, asOf: input.month, today: input.today, bands });
      if (was.status === is.status && was.summary === is.summary) return [];
      return [
        {
          key: indicator.key,
          name: indicator.name,
          label: `${is.label}（${is.source}）`,
          before: { status: was.status, summary: was.summary },
          after: { status: is.status, summary: is.summary },
        },
      ];
    });
  });
}

type Step = { at: Date; by: string | null; revisionMark: number };

/**
 * What a submitted month is compared with: the figures as last returned when it was sent back
 * after its last approval (a resubmission), else the version last approved, else nothing (a first
 * review lists every value).
 */
export type ReviewBase =
  | { kind: "returned"; revisionMark: number; reason: string; heading: string; note: string; oldHeading: string }
  | { kind: "approved"; revisionMark: number; heading: string; note: string; oldHeading: string }
  | { kind: "first"; heading: string; note: string };

export function reviewBase(lastApproval: Step | null, lastReturn: (Step & { reason: string }) | null, changes: number): ReviewBase {
  const when = (step: Step) => `${formatDateTime(step.at)}（${step.by ?? "—"}）`;
  if (lastReturn && (!lastApproval || lastReturn.revisionMark >= lastApproval.revisionMark)) {
    return {
      kind: "returned",
      revisionMark: lastReturn.revisionMark,
      reason: lastReturn.reason,
      heading: `自退回以来的改动（${changes}）`,
      note: `重新提交；上次退回：${when(lastReturn)}`,
      oldHeading: "退回时",
    };
  }
  if (lastApproval) {
    return {
      kind: "approved",
      revisionMark: lastApproval.revisionMark,
      heading: `自上次审核以来的改动（${changes}）`,
      note: `上次审核通过：${when(lastApproval)}`,
      oldHeading: "上次审核",
    };
  }
  return { kind: "first", heading: `本月数值（${changes} 项，首次审核）`, note: "首次审核" };
}
