/**
 * Months relative to the day the tests run, in Beijing time, so the suite passes in any year — and
 * on any day KEPU_TODAY names (the server reads the same override, see lib/clock.ts). The specs
 * share one database and run in file order, so each one that writes figures has months of its own:
 * - the demo fills the twelve months before the current one (01–08 read them; 09 clears them);
 * - the older specs (03–08) enter their "real" figures two years back, where no demo month lies;
 * - after the demo is cleared, 09-real-year enters January and February of the real year, and the
 *   later specs take the other cleared months, named below, so that no two write the same month.
 */
import { currentTime } from "../lib/clock";
import { beijingDate } from "../lib/due-dates";
import { addMonths, formatMonth, formatQuarter, isMonth, makeMonth, monthParts, monthsOfQuarter, previousQuarter, quarterOf, type Month } from "../lib/periods";

export const TODAY = beijingDate(currentTime());
export const CURRENT: Month = makeMonth(TODAY.year, TODAY.month);
export const CURRENT_YEAR = monthParts(CURRENT).year;

/** The last demo month (the one before the current month) and the first (twelve months back). */
export const LAST_DEMO: Month = addMonths(CURRENT, -1);
export const FIRST_DEMO: Month = addMonths(CURRENT, -12);
/** A whole quarter of demo months that has ended: the quarter before the current one. */
export const DEMO_QUARTER = previousQuarter(quarterOf(CURRENT));

/** A year without demo months, for the figures the older tests enter. */
export const PAST_YEAR = CURRENT_YEAR - 2;
export const past = (month: number): Month => makeMonth(PAST_YEAR, month);

/** A month that has not come yet, whatever the year. */
export const FUTURE: Month = makeMonth(CURRENT_YEAR + 1, 1);

/**
 * The month being reported now, late or nearly due (the staff's home warns from the month before
 * the first start on): the review workflow's month (10-workflow).
 */
export const REPORTING: Month = addMonths(CURRENT, -1);

/**
 * The real year after the demo is cleared (09-real-year): January and February, with a later month
 * of that year past or running and unreported. From April on they are this year's; in January to
 * March, last year's (this year's February would be the month being reported, which 10-workflow takes).
 */
export const REAL_YEAR = monthParts(CURRENT).month >= 4 ? CURRENT_YEAR : CURRENT_YEAR - 1;
export const REAL_JANUARY: Month = makeMonth(REAL_YEAR, 1);
export const REAL_FEBRUARY: Month = makeMonth(REAL_YEAR, 2);

/** The cleared demo months no spec above writes, latest first. */
const spare: Month[] = Array.from({ length: 11 }, (_, index) => addMonths(CURRENT, -2 - index)).filter(
  (month) => month !== REAL_JANUARY && month !== REAL_FEBRUARY,
);

/** Take the latest two consecutive spare months of one year. */
function takePair(): [Month, Month] {
  for (const later of spare) {
    const earlier = addMonths(later, -1);
    if (monthParts(later).month > 1 && spare.includes(earlier)) {
      spare.splice(spare.indexOf(later), 1);
      spare.splice(spare.indexOf(earlier), 1);
      return [earlier, later];
    }
  }
  throw new Error("no two spare months left");
}

function takeOne(): Month {
  const month = spare.shift();
  if (!month) throw new Error("no spare month left");
  return month;
}

/** Two months of one year imported from the template (10-import-export). */
export const [IMPORTED_FIRST, IMPORTED_SECOND] = takePair();
/** Two consecutive months: a rank's N entered in the first is offered in the second (10-concurrency). */
export const [RANKED_FIRST, RANKED_SECOND] = takePair();
/** The month two staff members edit at once (10-concurrency). */
export const SHARED_MONTH: Month = takeOne();
/** The month submitted, returned, resubmitted and returned again (13-todo): the earliest spare one, left open. */
export const RETURNED_MONTH: Month = spare.at(-1) ?? takeOne();

/** The months of the quarter of `month` that are over today. */
export function endedMonthsOfQuarter(month: Month): Month[] {
  return monthsOfQuarter(quarterOf(month)).filter((candidate) => candidate < CURRENT);
}

/**
 * What the staff's home says of the month being reported, with figures due on the 5th of the next
 * month (the default): "…逾期N天", "…今天（M月5日）到期", "…还有N天到期", or nothing more than three days ahead.
 */
export function reportingDueText(): string | null {
  const label = `${formatMonth(REPORTING)}数据`;
  const late = TODAY.day - 5;
  if (late > 0) return `${label}逾期${late}天`;
  if (late === 0) return `${label}今天（${TODAY.month}月5日）到期`;
  return -late <= 3 ? `${label}还有${-late}天到期` : null;
}

export { addMonths, formatMonth, formatQuarter, isMonth, monthParts, quarterOf };
