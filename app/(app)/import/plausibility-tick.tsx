import { PLAUSIBLE_TICK } from "@/lib/plausibility";
import type { PreviewFlags } from "./import-state";

/** On a preview row: the value lies far outside its history, and what it departs from. */
export function RowFlag({ text }: { text: string }) {
  return (
    <p className="col-[2/-1] rounded bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="row-flag">
      <span aria-hidden="true">⚠ </span>请核对：{text}
    </p>
  );
}

/**
 * Under a preview with flagged values: the one tick that confirms them all, without which 确认导入
 * is refused (the browser asks for it first; the server checks it at confirm). Its value lists the
 * values it confirms, so a value flagged after the preview is not confirmed by it.
 */
export function FlagTick({ flags }: { flags: PreviewFlags }) {
  return (
    <label className="flex basis-full cursor-pointer items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <input type="checkbox" name={PLAUSIBLE_TICK} value={flags.confirmation} required className="mt-0.5 h-4 w-4 shrink-0 accent-amber-700" />
      <span>
        我已核对以上 {flags.count} 个异常值（标有“请核对”），数值无误
      </span>
    </label>
  );
}
