/**
 * A stored figure has up to four parts that are edited separately: the value itself and, for a
 * rank, N (units ranked) and the figures of the units just above and below. Optimistic concurrency
 * works part by part, so that two people editing different parts of one figure both succeed.
 */

/** The details a rank may carry besides the place itself, each in a form field of its own. */
export const RANK_DETAILS = ["of", "above", "below"] as const;
export type RankDetail = (typeof RANK_DETAILS)[number];

export function rankDetailField(key: string, detail: RankDetail): string {
  return `${key}__${detail}`;
}

export const FIGURE_PARTS = ["value", "rankedUnits", "valueAbove", "valueBelow"] as const;
export type FigurePart = (typeof FIGURE_PARTS)[number];

export type FigureValues = Record<FigurePart, number | null>;

/**
 * What a writer saw of a figure before changing it (the form when it loaded, an importer when it
 * read the database), part by part; a part left out is not checked.
 */
export type ExpectedFigure = Partial<FigureValues>;

const DETAIL_OF_PART: Record<Exclude<FigurePart, "value">, RankDetail> = {
  rankedUnits: "of",
  valueAbove: "above",
  valueBelow: "below",
};

/** The form field that holds one part of a figure: `KEY`, `KEY__of`, `KEY__above`, `KEY__below`. */
export function partField(key: string, part: FigurePart): string {
  return part === "value" ? key : rankDetailField(key, DETAIL_OF_PART[part]);
}

/** What each part is called, for messages: 排名 itself, 参与排名单位数, 上一名, 下一名. */
export const PART_LABELS: Record<FigurePart, string> = {
  value: "数值",
  rankedUnits: "参与排名单位数",
  valueAbove: "上一名的数值",
  valueBelow: "下一名的数值",
};
