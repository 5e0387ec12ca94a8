/**
 * Which of a bulletin's name columns give a unit's name, chosen by what they hold: the province
 * writes 市（州） and 县（市、区） in two columns ("攀枝花市" | "西区"), a city's table one 单位 column,
 * some tables a code column. Every single candidate and the two-column name (city + county, "攀枝花市西区")
 * are tried against the known units and their aliases; the one that matches most wins — a tie goes to
 * the two-column name, which tells apart two 市中区, then to the later (county-level) column.
 * The choice is stated in words for the preview, with the counts that decided it.
 */
import { matchUnitNames, normalizeUnitName, SICHUAN_PREFECTURES, type KnownUnit, type MatchOptions } from "../unit-names";
import { isNonUnitName, unitNameOf, type RawCell } from "./cells";

export type NameCandidate = { column: number; heading: string };

export type NameChoice = {
  /** The columns a row's name is made of, in sheet order. */
  columns: number[];
  /** How many of the table's names matched a known unit or alias, read this way. */
  matched: number;
  /** How many names the table holds, read this way. */
  names: number;
  /** The choice and why, for the preview. */
  sentence: string;
};

/** A name that reads as a prefecture-level division ("攀枝花市", "凉山州", "凉山彝族自治州"), not a county-level unit. */
export function looksLikeCity(name: string, options: MatchOptions = {}): boolean {
  const plain = normalizeUnitName(name).replace(/^四川省?/, "").replace(/(?:科学技术协会|科技协会|科协)$/, "");
  if (/州$/.test(plain)) return true;
  return (options.prefectures ?? SICHUAN_PREFECTURES).some((prefecture) => prefecture.names.some((form) => normalizeUnitName(form) === plain));
}

type Way = { columns: number[]; matched: number };

/** More names matched; on a tie more columns (the two-column name); then the later column (county-level after city). */
function better(way: Way, than: Way): boolean {
  if (way.matched !== than.matched) return way.matched > than.matched;
  if (way.columns.length !== than.columns.length) return way.columns.length > than.columns.length;
  return (way.columns[0] ?? 0) > (than.columns[0] ?? 0);
}

export function chooseNameColumns<K>(
  rows: readonly (readonly RawCell[])[],
  candidates: readonly NameCandidate[],
  units: readonly KnownUnit<K>[],
  options: MatchOptions = {},
): NameChoice {
  const ways: number[][] = candidates.map((candidate) => [candidate.column]);
  // the city and the county side by side: the first two name columns as one name
  const [first, second] = candidates;
  if (first && second) ways.push([first.column, second.column]);
  const scored = ways.map((columns) => {
    const names = rows.map((cells) => unitNameOf(cells, columns)).filter((name) => name !== "" && !isNonUnitName(name));
    const matching = matchUnitNames(names, units, options);
    return { columns, names: names.length, matched: matching.matches.filter((match) => match.status === "matched").length };
  });
  const best = scored.reduce((winner, way) => (better(way, winner) ? way : winner));
  const headingOf = (column: number) => candidates.find((candidate) => candidate.column === column)?.heading ?? "";
  const label = (columns: readonly number[]) => columns.map((column) => `「${headingOf(column)}」`).join("+");
  const from = best.columns.length > 1 ? `${label(best.columns)}两列` : `${label(best.columns)}列`;
  const found = best.matched > 0 ? `其中 ${best.matched} 个与已知单位或别名相符` : "尚无与已知单位或别名相符的名称";
  const others = scored
    .filter((way) => way !== best)
    .map((way) => `${way.columns.length > 1 ? `用${label(way.columns)}两列` : `只用${label(way.columns)}列`}：${way.matched} 个`);
  const compared = others.length > 0 ? `（${others.join("；")}）` : "";
  return { columns: best.columns, matched: best.matched, names: best.names, sentence: `单位名称取自${from}：${found}${compared}` };
}
