/**
 * A bulletin from cells to a plan: read the mapped cells, match the unit names, derive the ranks.
 * Pure: the importer shows the plan as its preview and, once confirmed, hands `derivation.figures`
 * to the one save path. `blocking` lists what must be fixed before anything may be saved.
 */
import type { IndicatorDefinition } from "../catalog";
import { matchUnitNames, type KnownUnit, type MatchOptions, type NameMatching } from "../unit-names";
import { columnLetter, readBulletinRows, type BulletinLine, type BulletinMapping, type CellNote, type RawCell } from "./cells";
import { deriveFromBulletin, type BulletinScope, type BulletinUnitRow, type Derivation } from "./derive";

export type PlanInput<K> = {
  /** The data rows (header rows left out), as the spreadsheet reader gives them. */
  rows: readonly (readonly RawCell[])[];
  /** The sheet row number of the first data row. */
  firstRow: number;
  mapping: BulletinMapping;
  indicators: readonly Pick<IndicatorDefinition, "key" | "name" | "unit" | "kind" | "direction" | "decimals" | "ranksKey">[];
  units: readonly KnownUnit<K>[];
  home: K;
  homeName: string;
  scope: BulletinScope;
  matchOptions?: MatchOptions;
};

export type BulletinPlan<K> =
  | { ok: false; blocking: string[] }
  | {
      ok: true;
      lines: BulletinLine[];
      /** Each line's unit, in the same order. */
      rows: BulletinUnitRow<K>[];
      names: NameMatching<K>;
      derivation: Derivation<K> | null;
      cellErrors: CellNote[];
      rounded: CellNote[];
      skipped: { row: number; name: string; reason: string }[];
      /** Reasons not to save yet; empty when the plan may be committed. */
      blocking: string[];
    };

export function planBulletin<K>(input: PlanInput<K>): BulletinPlan<K> {
  const reading = readBulletinRows(input.rows, input.mapping, input.indicators, input.firstRow);
  if (!reading.ok) return { ok: false, blocking: reading.problems };
  const names = matchUnitNames(reading.lines.map((line) => line.name), input.units, input.matchOptions);
  const rows = reading.lines.map((line, i): BulletinUnitRow<K> => {
    const match = names.matches[i];
    return { row: line.row, name: line.name, unit: match?.status === "matched" ? match.unit : null, figures: line.figures };
  });

  const blocking: string[] = [];
  for (const error of reading.errors) blocking.push(`第${error.row}行 ${columnLetter(error.column)}列（${error.name}）：${error.message}`);
  for (const { name } of names.ambiguous) blocking.push(`单位名称「${name}」可对应多个单位，请在单位管理中添加别名区分`);
  if (reading.lines.length === 0) blocking.push("通报中没有读到任何单位的数据");

  const derived = deriveFromBulletin({
    rows,
    columns: input.mapping.columns.map(({ key }) => key),
    indicators: input.indicators,
    home: input.home,
    homeName: input.homeName,
    scope: input.scope,
  });
  if (!derived.ok) blocking.push(derived.error);
  return {
    ok: true,
    lines: reading.lines,
    rows,
    names,
    derivation: derived.ok ? derived.derivation : null,
    cellErrors: reading.errors,
    rounded: reading.rounded,
    skipped: reading.skipped,
    blocking,
  };
}
