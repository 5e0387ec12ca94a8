/**
 * One import's reading budget: the readers report each row, cell, piece of text and merged range
 * as they meet it — blank or not — and stop at the first answer that is not null, which is the
 * Chinese reason to give. Cells with a value are counted on past MAX_CELLS (so the refusal can say
 * how many there are) but kept by the readers only within it.
 */
import { MAX_CELLS, MAX_SHEET_AREA, MESSAGES, READ_LIMITS } from "./limits";

export type Stop = string | null;

export class ReadBudget {
  #rows = 0;
  #cells = 0;
  #text = 0;
  #merges = 0;
  #area = 0;
  #filled = 0;

  /** A row read, blank or not. */
  row(): Stop {
    this.#rows += 1;
    return this.#rows > READ_LIMITS.rows ? MESSAGES.tooManyRows : null;
  }

  /** Cells read, empty ones included. */
  cells(count: number): Stop {
    this.#cells += count;
    return this.#cells > READ_LIMITS.cells ? MESSAGES.tooManyCellsRead : null;
  }

  /** Characters of text held; `where` names the cell for a single one that is too long. */
  text(chars: number, where: () => string): Stop {
    if (chars > READ_LIMITS.cellChars) return MESSAGES.cellTooLong(where());
    this.#text += chars;
    return this.#text > READ_LIMITS.textChars ? MESSAGES.tooMuchText : null;
  }

  merge(): Stop {
    this.#merges += 1;
    return this.#merges > READ_LIMITS.merges ? MESSAGES.tooManyMerges : null;
  }

  /** The grid of a sheet about to be built: its rows × columns, alone and with the sheets before it. */
  grid(sheet: string, area: number): Stop {
    if (area > MAX_SHEET_AREA) return MESSAGES.areaTooLarge(sheet);
    this.#area += area;
    return this.#area > READ_LIMITS.totalArea ? MESSAGES.totalAreaTooLarge : null;
  }

  /** Cells with a value (a merged range's copies of its value included). */
  fill(count: number): void {
    this.#filled += count;
  }

  get filled(): number {
    return this.#filled;
  }

  /** Past MAX_CELLS: reading goes on only to count, and ends in `tooManyCells`. */
  get overFilled(): boolean {
    return this.#filled > MAX_CELLS;
  }

  /** The refusal for too many cells with a value, once reading is over. */
  fillStop(): Stop {
    return this.overFilled ? MESSAGES.tooManyCells(this.#filled) : null;
  }
}
