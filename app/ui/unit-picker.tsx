import { UNIT_KIND_LABELS, type UnitKind } from "@/lib/units";

type Choice = { id: number; name: string; kind: UnitKind; retiredFrom: string | null };

/**
 * Which unit a page shows, for accounts that see more than one (the district and its towns). A
 * plain GET form, so it works before the page's JavaScript has loaded; `keep` carries the page's
 * other parameters (the month). Nothing is shown to an account limited to one unit.
 */
export function UnitPicker({
  unitId,
  choices,
  basePath,
  keep = {},
}: {
  unitId: number;
  choices: readonly Choice[];
  basePath: string;
  keep?: Record<string, string | undefined>;
}) {
  if (choices.length < 2) return null;
  return (
    <form method="get" action={basePath} className="flex items-center gap-2 print:hidden" aria-label="选择单位">
      {Object.entries(keep).map(([name, value]) => (value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />))}
      <label htmlFor="unit-select" className="text-sm text-slate-600">单位</label>
      <select id="unit-select" name="unit" defaultValue={String(unitId)} className="max-w-[13rem] rounded-md border border-slate-300 bg-white px-2 py-2 text-sm sm:max-w-xs">
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.name}
            {choice.kind === "home" ? `（${UNIT_KIND_LABELS.home}）` : ""}
            {choice.retiredFrom ? "（已停用）" : ""}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50">
        切换
      </button>
    </form>
  );
}
