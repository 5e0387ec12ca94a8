import { plausibleField } from "@/lib/plausibility";
import type { EntryFlag } from "./entry-state";

/** Where a field's flag is said: the input names it in aria-describedby, as it names its errors. */
export function flagId(key: string): string {
  return `${key}-plausibility`;
}

/**
 * A typed figure far outside its history: what it departs from, and the tick without which the save
 * refuses it. The tick's value is the figure it confirms, so a figure changed after ticking is not
 * confirmed (the box is drawn anew, unticked, for each new figure).
 */
export function FieldFlag({ fieldKey, flag, ticked }: { fieldKey: string; flag: EntryFlag | undefined; ticked: string | undefined }) {
  const tick = plausibleField(fieldKey);
  return (
    <div id={flagId(fieldKey)} aria-live="polite" data-plausibility={flag ? fieldKey : undefined}>
      {flag && (
        <div className="mt-1 rounded-md border border-amber-300 bg-amber-50 px-2 py-1.5 text-xs text-amber-900">
          <p>
            <span aria-hidden="true">⚠ </span>与以往相差很大：{flag.text}
          </p>
          <label key={flag.value} className="mt-1 flex cursor-pointer items-center gap-2 text-sm font-medium text-amber-950">
            <input
              type="checkbox"
              id={tick}
              name={tick}
              value={flag.value}
              defaultChecked={ticked === flag.value}
              className="h-4 w-4 shrink-0 accent-amber-700"
            />
            我已核对，数值无误
          </label>
        </div>
      )}
    </div>
  );
}
