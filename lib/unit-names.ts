/**
 * Matching the unit names a bulletin writes ("西区", "攀枝花市西区", "攀枝花市西区科协") to the units
 * the app knows, by their names and aliases. A name is reduced step by step, and compared with the
 * known names reduced the same way, most exact first:
 *
 * 1. as written, once normalized: full-width → half-width (NFKC), all whitespace removed;
 * 2. without the association's suffix: 科学技术协会, 科技协会, 科协;
 * 3. without the province (四川省) and a prefecture's name (攀枝花市, 攀枝花, 凉山州, 凉山彝族自治州 …),
 *    which is remembered: two names whose prefectures are both known and differ never match
 *    (乐山市市中区 is not 内江市市中区);
 * 4. without the administrative suffix: 区, 县, 市, …族自治县, 镇, 乡, 街道, 街道办事处 — only when at
 *    least two characters remain, so 西区 stays 西区 and never meets 东区, while 仁和区 meets 仁和.
 *
 * The first step at which any known unit matches decides: one unit is a match, several are
 * ambiguous. Ambiguous and unmatched names are reported, never guessed.
 */

export type KnownUnit<K> = {
  unit: K;
  /** The official name, the short name and any aliases, e.g. ["攀枝花市西区科学技术协会", "西区"]. */
  names: readonly string[];
};

/** A prefecture-level division, under the forms a table may write it. */
export type Prefecture = { key: string; names: readonly string[] };

/** Sichuan's 21 prefecture-level divisions. */
export const SICHUAN_PREFECTURES: readonly Prefecture[] = [
  ...["成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山", "南充", "眉山", "宜宾", "广安", "达州", "雅安", "巴中", "资阳"].map(
    (key) => ({ key, names: [`${key}市`, key] }),
  ),
  { key: "阿坝", names: ["阿坝藏族羌族自治州", "阿坝州", "阿坝"] },
  { key: "甘孜", names: ["甘孜藏族自治州", "甘孜州", "甘孜"] },
  { key: "凉山", names: ["凉山彝族自治州", "凉山州", "凉山"] },
];

const PROVINCE_PREFIXES = ["四川省", "四川"];
const ORGANIZATION_SUFFIX = /(?:科学技术协会|科技协会|科协)$/;
/** Ordered: the longer suffix first (街道办事处 before 街道, 自治县 before 县). */
const ADMINISTRATIVE_SUFFIXES = [/^(.{2,}?)(?:.{1,2}族)+自治县$/, /^(.{2,})(?:街道办事处|街道办|街道|镇|乡|区|县|市)$/];
const MIN_REMAINING = 2;

/** The forms a name is compared in, from the most exact to the most reduced. */
export type UnitNameForms = {
  normalized: string;
  withoutOrganization: string;
  /** The prefecture named in front, if any (its key, e.g. "攀枝花"). */
  prefecture: string | null;
  local: string;
  core: string;
};

const STEPS = ["normalized", "withoutOrganization", "local", "core"] as const;
type Step = (typeof STEPS)[number];

/** Full-width to half-width and every kind of whitespace (and zero-width character) removed. */
export function normalizeUnitName(name: string): string {
  return name.normalize("NFKC").replace(/[\s\u200b-\u200d\ufeff]/g, "");
}

export function unitNameForms(name: string, prefectures: readonly Prefecture[] = SICHUAN_PREFECTURES): UnitNameForms {
  const normalized = normalizeUnitName(name);
  const withoutOrganization = stripSuffix(normalized, ORGANIZATION_SUFFIX);
  let local = withoutOrganization;
  for (const province of PROVINCE_PREFIXES) {
    if (local.startsWith(province) && local.length - province.length >= MIN_REMAINING) {
      local = local.slice(province.length);
      break;
    }
  }
  let prefecture: string | null = null;
  const forms = prefectures
    .flatMap((entry) => entry.names.map((form) => ({ key: entry.key, form: normalizeUnitName(form) })))
    .sort((a, b) => b.form.length - a.form.length);
  for (const { key, form } of forms) {
    if (local.startsWith(form) && local.length - form.length >= MIN_REMAINING) {
      prefecture = key;
      local = local.slice(form.length);
      break;
    }
  }
  let core = local;
  for (const pattern of ADMINISTRATIVE_SUFFIXES) {
    const match = pattern.exec(local);
    if (match?.[1] && match[1].length >= MIN_REMAINING) {
      core = match[1];
      break;
    }
  }
  return { normalized, withoutOrganization, prefecture, local, core };
}

function stripSuffix(text: string, suffix: RegExp): string {
  const stripped = text.replace(suffix, "");
  return stripped.length >= MIN_REMAINING ? stripped : text;
}

export type NameMatch<K> =
  /** `via` "name": equal to a known name or alias once normalized; "variant": only after a prefix or suffix was dropped. */
  | { name: string; status: "matched"; unit: K; via: "name" | "variant" }
  | { name: string; status: "ambiguous"; candidates: K[] }
  | { name: string; status: "unmatched" };

export type NameMatching<K> = {
  /** One per name given, in the same order. */
  matches: NameMatch<K>[];
  unmatched: string[];
  ambiguous: { name: string; candidates: K[] }[];
  /** Units that more than one of the names matched ("西区" and "攀枝花市西区" in the same table). */
  duplicates: { unit: K; names: string[] }[];
};

export type MatchOptions = { prefectures?: readonly Prefecture[] };

export function matchUnitNames<K>(names: readonly string[], units: readonly KnownUnit<K>[], options: MatchOptions = {}): NameMatching<K> {
  const index = indexUnits(units, options.prefectures);
  const matches = names.map((name) => matchOne(name, index, options.prefectures));
  const byUnit = new Map<K, string[]>();
  for (const match of matches) {
    if (match.status !== "matched") continue;
    byUnit.set(match.unit, [...(byUnit.get(match.unit) ?? []), match.name]);
  }
  return {
    matches,
    unmatched: matches.filter((match) => match.status === "unmatched").map((match) => match.name),
    ambiguous: matches.flatMap((match) => (match.status === "ambiguous" ? [{ name: match.name, candidates: match.candidates }] : [])),
    duplicates: [...byUnit].filter(([, matched]) => matched.length > 1).map(([unit, matched]) => ({ unit, names: matched })),
  };
}

/** Match a single name (see `matchUnitNames`). */
export function matchUnitName<K>(name: string, units: readonly KnownUnit<K>[], options: MatchOptions = {}): NameMatch<K> {
  return matchOne(name, indexUnits(units, options.prefectures), options.prefectures);
}

/**
 * Names (as written, without the association's suffix) that belong to more than one known unit:
 * an alias that would make every bulletin ambiguous, to refuse when it is saved.
 */
export function aliasConflicts<K>(units: readonly KnownUnit<K>[]): { name: string; units: K[] }[] {
  const owners = new Map<string, K[]>();
  for (const { unit, names } of units) {
    for (const name of new Set(names.map((entry) => unitNameForms(entry).withoutOrganization))) {
      const list = owners.get(name) ?? [];
      if (!list.includes(unit)) list.push(unit);
      owners.set(name, list);
    }
  }
  return [...owners].filter(([, list]) => list.length > 1).map(([name, list]) => ({ name, units: list }));
}

type IndexedName<K> = { unit: K; forms: UnitNameForms };

function indexUnits<K>(units: readonly KnownUnit<K>[], prefectures?: readonly Prefecture[]): IndexedName<K>[] {
  return units.flatMap(({ unit, names }) => names.map((name) => ({ unit, forms: unitNameForms(name, prefectures) })));
}

function matchOne<K>(name: string, index: readonly IndexedName<K>[], prefectures?: readonly Prefecture[]): NameMatch<K> {
  const forms = unitNameForms(name, prefectures);
  if (forms.normalized === "") return { name, status: "unmatched" };
  for (const step of STEPS) {
    const candidates: K[] = [];
    for (const entry of index) {
      if (entry.forms[step] !== forms[step] || !samePrefecture(step, entry.forms, forms)) continue;
      if (!candidates.includes(entry.unit)) candidates.push(entry.unit);
    }
    const [only] = candidates;
    if (candidates.length === 1 && only !== undefined) {
      return { name, status: "matched", unit: only, via: step === "normalized" ? "name" : "variant" };
    }
    if (candidates.length > 1) return { name, status: "ambiguous", candidates };
  }
  return { name, status: "unmatched" };
}

/** Once the prefecture is dropped, two names that both state one must state the same one. */
function samePrefecture(step: Step, a: UnitNameForms, b: UnitNameForms): boolean {
  if (step === "normalized" || step === "withoutOrganization") return true;
  return a.prefecture === null || b.prefecture === null || a.prefecture === b.prefecture;
}
