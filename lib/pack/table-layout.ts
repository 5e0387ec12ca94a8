/**
 * Column widths for a Word table that keep every figure on one line: "14680.40万元" split as
 * "14680." over "40万元", or a 序号 "10" as "1" over "0", is what a fixed-layout table does when a
 * column is narrower than what it holds. Each column is as wide as the longest piece of its text
 * that must not break — a figure with its unit, a short phrase, a header line — and the columns of
 * running text share what is left of the page. Widths are estimated from the fonts' advance widths
 * (Times New Roman / Liberation Serif for Latin and digits, a CJK font for the rest), with room to
 * spare, since Word, WPS and LibreOffice set the same text a little differently.
 */

/** Advance widths of Latin characters in em (Times New Roman); any other character is a full em. */
const LATIN_WIDTHS: Record<string, number> = { " ": 0.25, ".": 0.25, ",": 0.25, ":": 0.28, ";": 0.28, "%": 0.833, "+": 0.564, "-": 0.333, "(": 0.333, ")": 0.333, "/": 0.278, "≥": 0.549, "≤": 0.549 };

function charWidth(char: string): number {
  const known = LATIN_WIDTHS[char];
  if (known !== undefined) return known;
  if (/[0-9a-z]/.test(char)) return 0.5;
  if (/[A-Z]/.test(char)) return 0.72;
  return /[\u0000-\u00ff]/.test(char) ? 0.5 : 1;
}

/** The space Word, WPS and LibreOffice put between Latin letters or digits and Chinese characters, in em. */
const SCRIPT_GAP = 0.25;
const isLatin = (char: string) => /[0-9A-Za-z%]/.test(char);
const isWide = (char: string) => !/[\u0000-\u00ff≥≤]/.test(char);

/** The width of a text on one line, in em: each character's advance, and a gap wherever Latin meets Chinese. */
export function textWidth(text: string): number {
  const chars = [...text];
  return chars.reduce((sum, char, index) => {
    const before = chars[index - 1];
    const gap = before !== undefined && ((isLatin(before) && isWide(char)) || (isWide(before) && isLatin(char))) ? SCRIPT_GAP : 0;
    return sum + charWidth(char) + gap;
  }, 0);
}

/**
 * The pieces of a line that must each stay on one line. A `figure` column breaks only where a
 * Chinese document would: at a space, after 、，；：, before an opening bracket — so "第12名（共183）"
 * may take two lines, "14680.40万元" never does. Where that is too wide for the page, a `loose`
 * figure column also lets a unit of two or more characters go under its number ("+208.09" over
 * "万人次"; the number itself stays whole) and halves a phrase of more than five characters
 * ("（去年" over "同季）"). A `text` column may break between any Chinese characters; runs of Latin
 * letters and digits (with the unit that follows a number) stay whole.
 */
export function unbreakable(line: string, wrap: "figure" | "text", loose = false): string[] {
  const pieces = line.split(/(?<=[ 、，；：])|(?=[（(])/).filter((piece) => piece.trim() !== "");
  if (wrap === "text") return pieces.flatMap((piece) => piece.match(/[0-9A-Za-z.,%+\-≥≤/]+[^\s0-9A-Za-z（(]?|[^\s]/g) ?? []);
  if (!loose) return pieces;
  return pieces.flatMap((piece) => {
    const figure = /^([+\-−]?[0-9][0-9.,]*%?)([^\s0-9.,%]\S+)$/.exec(piece.trim());
    if (figure?.[1] && figure[2]) return [figure[1], figure[2]];
    const chars = [...piece.trim()];
    if (chars.length > 5 && chars.every(isWide)) return [chars.slice(0, Math.ceil(chars.length / 2)).join(""), chars.slice(Math.ceil(chars.length / 2)).join("")];
    return [piece];
  });
}

export type LayoutColumn = {
  /** The header's lines ("环比\n（上季度）"). */
  header: string;
  /** Every cell's text, lines separated by "\n". */
  cells: readonly string[];
  wrap: "figure" | "text";
  /** A column of running text takes this share of the room left over (0: only what it needs). */
  share?: number;
  /** The fewest characters a line of a running-text column should hold. */
  minChars?: number;
};

/**
 * A figure column's text broken into lines of at most `width` em, only where `unbreakable` allows
 * (loosely, where the table was laid out loosely):
 * written as explicit lines, so that no renderer breaks inside a piece ("（缺7月、" over "8月）",
 * never "…、8" over "月）"). A piece wider than the line stays whole on a line of its own.
 */
export function wrapFigure(text: string, width: number, loose = false): string {
  return text
    .split("\n")
    .map((line) => {
      const lines: string[] = [];
      for (const piece of unbreakable(line, "figure", loose)) {
        const last = lines.at(-1);
        if (last !== undefined && textWidth(`${last}${piece}`.trimEnd()) <= width) lines[lines.length - 1] = `${last}${piece}`;
        else lines.push(piece);
      }
      return lines.map((each) => each.trim()).join("\n");
    })
    .join("\n");
}

export type TableLayout = {
  widths: number[];
  sizePoints: number;
  /** The figure columns were laid out loosely (`unbreakable`): their text must be wrapped the same way. */
  loose: boolean;
  /** False: not even the loosest layout fits, and pieces may break. */
  fits: boolean;
};

/** Cell margins (left + right) and the slack allowed for differences between renderers, in points. */
const CELL_PADDING = 9;
const SLACK = 1.03;
const TWIPS_PER_POINT = 20;

/** The twips each column needs at `size` points: its widest unbreakable piece, with the cell's margins. */
function neededWidths(columns: readonly LayoutColumn[], size: number, loose: boolean): number[] {
  return columns.map((column) => {
    // a header's line is a phrase: it stays whole (or, loosely, halved) whatever its column's text does
    const pieces = [
      ...column.header.split("\n").flatMap((line) => unbreakable(line, "figure", loose)),
      ...column.cells.flatMap((cell) => cell.split("\n")).flatMap((line) => unbreakable(line, column.wrap, loose)),
    ];
    const em = Math.max(0, column.minChars ?? 0, ...pieces.map(textWidth));
    return Math.ceil((em * size * SLACK + CELL_PADDING) * TWIPS_PER_POINT);
  });
}

/** The em a column of `width` twips holds at `size` points, once its margins are taken off. */
export function columnEm(width: number, size: number): number {
  return (width / TWIPS_PER_POINT - CELL_PADDING) / (size * SLACK);
}

/**
 * The widths (twips, summing to `width`) that fit `columns` — at the largest of `sizes` (points) at
 * which every column's unbreakable pieces fit, else at the smallest size laid out loosely — the room
 * left over going to the running-text columns by their shares. Where nothing fits, the columns at the
 * smallest size in proportion to what they need (`fits: false`).
 */
export function layoutTable(columns: readonly LayoutColumn[], width: number, sizes: readonly number[]): TableLayout {
  const smallest = Math.min(...sizes);
  const attempts = [...sizes.map((size) => ({ size, loose: false })), { size: smallest, loose: true }];
  for (const { size, loose } of attempts) {
    const needed = neededWidths(columns, size, loose);
    const spare = width - needed.reduce((sum, each) => sum + each, 0);
    if (spare < 0) continue;
    const shares = columns.map((column) => column.share ?? 0);
    const totalShare = shares.reduce((sum, share) => sum + share, 0);
    const widths = needed.map((each, index) => each + Math.floor(totalShare === 0 ? spare / columns.length : (spare * (shares[index] ?? 0)) / totalShare));
    return { widths, sizePoints: size, loose, fits: true };
  }
  const needed = neededWidths(columns, smallest, true);
  const total = needed.reduce((sum, each) => sum + each, 0);
  return { widths: needed.map((each) => Math.floor((each / total) * width)), sizePoints: smallest, loose: true, fits: false };
}
