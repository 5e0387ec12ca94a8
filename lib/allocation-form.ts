/**
 * The allocation form as posted: a method and, per town, a weight (`weight__ID`) or a typed share
 * (`share__ID`), read with the one number reader. Turns the fields into the request `allocate`
 * takes, or names every field that cannot be read.
 */
import { ALLOCATION_METHODS, MAX_WEIGHT_DECIMALS, type AllocationMethod, type AllocationRequest } from "./allocation";
import { readNumberText } from "./number-text";
import { decimalPlaces } from "./numbers";

export const weightField = (unitId: number) => `weight__${unitId}`;
export const shareField = (unitId: number) => `share__${unitId}`;

/** Largest weight or share accepted (as for targets themselves). */
const MAX_AMOUNT = 1e12;

export type AllocationFormResult =
  | { ok: true; request: AllocationRequest<number> }
  | { ok: false; message: string; fieldErrors: Record<string, string[]> };

export function isAllocationMethod(value: unknown): value is AllocationMethod {
  return ALLOCATION_METHODS.some((method) => method === value);
}

function readAmount(raw: string | undefined, decimals: number, blank: "zero" | "null"): { ok: true; value: number | null } | { ok: false; error: string } {
  const read = readNumberText(raw ?? "");
  if (!read.ok) return { ok: false, error: read.error };
  if (read.text === "") return { ok: true, value: blank === "zero" ? 0 : null };
  if (!/^\d+(\.\d+)?$/.test(read.text)) return { ok: false, error: "应为不小于 0 的数字" };
  if (decimalPlaces(read.text) > decimals) return { ok: false, error: decimals === 0 ? "应为整数" : `最多保留 ${decimals} 位小数` };
  const value = Number(read.text);
  if (value > MAX_AMOUNT) return { ok: false, error: "数值过大，请核对" };
  return { ok: true, value };
}

/**
 * `fields`: the posted text fields; `units`: the towns to allocate among, in their order;
 * `decimals`: the indicator's (a typed share may carry no more; a weight up to MAX_WEIGHT_DECIMALS).
 * A blank weight counts 0; a blank typed share leaves that town without a share.
 */
export function readAllocationForm(fields: Readonly<Record<string, string>>, units: readonly number[], decimals: number): AllocationFormResult {
  const method = fields.method;
  if (!isAllocationMethod(method)) return { ok: false, message: "请选择分配方式。", fieldErrors: { method: ["请选择分配方式"] } };
  if (method === "equal") return { ok: true, request: { method, units: units.map((unit) => ({ unit })) } };
  const fieldErrors: Record<string, string[]> = {};
  if (method === "weighted") {
    const parts: { unit: number; weight: number }[] = [];
    for (const unit of units) {
      const read = readAmount(fields[weightField(unit)], MAX_WEIGHT_DECIMALS, "zero");
      if (!read.ok) fieldErrors[weightField(unit)] = [`权重${read.error}`];
      else parts.push({ unit, weight: read.value ?? 0 });
    }
    if (Object.keys(fieldErrors).length > 0) return { ok: false, message: "有权重填写有误，未做任何修改。", fieldErrors };
    return { ok: true, request: { method, units: parts } };
  }
  const parts: { unit: number; share: number | null }[] = [];
  for (const unit of units) {
    const read = readAmount(fields[shareField(unit)], decimals, "null");
    if (!read.ok) fieldErrors[shareField(unit)] = [`分配数${read.error}`];
    else parts.push({ unit, share: read.value });
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, message: "有分配数填写有误，未做任何修改。", fieldErrors };
  if (parts.every((part) => part.share === null)) return { ok: false, message: "请至少为一个镇街填写分配数。", fieldErrors: {} };
  return { ok: true, request: { method, units: parts } };
}
