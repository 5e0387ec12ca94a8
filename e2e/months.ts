/**
 * Months relative to the day the tests run, in Beijing time, so the suite passes in any year:
 * the demo fills the twelve months before the current one; the older tests enter their "real"
 * figures two years back, where no demo month lies.
 */
import { addMonths, formatMonth, formatQuarter, isMonth, makeMonth, monthParts, previousQuarter, quarterOf, type Month } from "../lib/periods";

const beijing = new Date(Date.now() + 8 * 60 * 60 * 1000);
export const CURRENT: Month = makeMonth(beijing.getUTCFullYear(), beijing.getUTCMonth() + 1);
export const CURRENT_YEAR = monthParts(CURRENT).year;

/** The last demo month (the one before the current month) and the first (twelve months back). */
export const LAST_DEMO: Month = addMonths(CURRENT, -1);
export const FIRST_DEMO: Month = addMonths(CURRENT, -12);
/** A whole quarter of demo months that has ended: the quarter before the current one. */
export const DEMO_QUARTER = previousQuarter(quarterOf(CURRENT));

/** A year without demo months, for the figures the older tests enter. */
export const PAST_YEAR = CURRENT_YEAR - 2;
export const past = (month: number): Month => makeMonth(PAST_YEAR, month);

export { addMonths, formatMonth, formatQuarter, isMonth, monthParts, quarterOf };
