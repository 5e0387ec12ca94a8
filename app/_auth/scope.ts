import "server-only";
import { forbidden, notFound } from "next/navigation";
import { unitIdSchema } from "@/lib/units";
import { getDb } from "@/db/client";
import { getHomeOrganization, getUnit, listUnits } from "@/db/organizations";
import type { Organization } from "@/db/schema";
import type { SessionUser } from "./session";

/**
 * Which unit a signed-in user may see and change, decided here once: an account limited to one
 * unit (a town's staff) sees and changes only that unit — every page, action, download and the
 * API; every other account sees the district and all its towns. Pages and actions pass the unit's
 * id on to db/ functions; db/ never reads the request.
 *
 * Peer districts are never a page's or an action's unit: their figures come only from bulletins
 * and are shown in the league table.
 */

export const UNIT_PARAM = "unit";

export const SCOPED_OUT = "您的账号只能查看和填报本镇街的数据。";

/** The units a user may pick: their own when limited to one, otherwise the home unit and every town. */
export function unitsVisibleTo(user: Pick<SessionUser, "unitId">): Organization[] {
  const db = getDb();
  if (user.unitId !== null) {
    const own = getUnit(db, user.unitId);
    return own ? [own] : [];
  }
  return listUnits(db, ["home", "sub"]);
}

/** Whether the user sees every unit (district staff, leaders, administrators). */
export function isDistrictWide(user: Pick<SessionUser, "unitId">): boolean {
  return user.unitId === null;
}

/** For pages about the district as a whole (provincial rankings, peers, the bulletin): a limited account gets 403. */
export function requireDistrictWide(user: Pick<SessionUser, "unitId">): void {
  if (!isDistrictWide(user)) forbidden();
}

export type PageUnit = {
  unit: Organization;
  /** The units the user may switch to (one for a limited account: no picker is shown). */
  choices: Organization[];
  /** Whether the unit was asked for in the address (so links keep it). */
  explicit: boolean;
};

/**
 * A page's unit from its `?unit=` parameter: by default the user's own unit, or the home unit. A
 * parameter that names no unit is a 404; a unit the user may not see (another town, a peer) a 403.
 */
export function pageUnit(user: Pick<SessionUser, "unitId">, requested: string | string[] | undefined): PageUnit {
  const choices = unitsVisibleTo(user);
  const fallback = user.unitId !== null ? choices[0] : getHomeOrganization(getDb());
  if (!fallback) forbidden();
  if (requested === undefined || requested === "") return { unit: fallback, choices, explicit: false };
  const parsed = unitIdSchema.safeParse(Array.isArray(requested) ? requested[0] : requested);
  if (!parsed.success || Array.isArray(requested)) notFound();
  const unit = getUnit(getDb(), parsed.data);
  if (!unit) notFound();
  if (!choices.some((choice) => choice.id === unit.id)) forbidden();
  return { unit, choices, explicit: true };
}

export type ActionUnit = { ok: true; unit: Organization } | { ok: false; message: string };

/**
 * The unit a form acts on, from its `unit` field: the user's own unit or the home unit when the
 * form has none; refused (never guessed) when the field names no unit, a peer, or a unit the user
 * may not change.
 */
export function actionUnit(user: Pick<SessionUser, "unitId">, formData: FormData): ActionUnit {
  const field = formData.getAll(UNIT_PARAM);
  const choices = unitsVisibleTo(user);
  if (field.length === 0 || field[0] === "") {
    const unit = user.unitId !== null ? choices[0] : getHomeOrganization(getDb());
    return unit ? { ok: true, unit } : { ok: false, message: SCOPED_OUT };
  }
  const parsed = field.length === 1 ? unitIdSchema.safeParse(field[0]) : null;
  if (!parsed?.success) return { ok: false, message: "单位无效，未做任何修改。" };
  const unit = choices.find((choice) => choice.id === parsed.data);
  if (!unit) {
    const exists = getUnit(getDb(), parsed.data);
    if (exists?.kind === "peer") return { ok: false, message: "同级单位的数据只能通过导入省级通报写入，未做任何修改。" };
    return { ok: false, message: exists ? `${SCOPED_OUT}未做任何修改。` : "单位不存在，未做任何修改。" };
  }
  return { ok: true, unit };
}

/** A link to `path` that keeps the page's unit when it was chosen (the default unit needs none). */
export function withUnit(path: string, page: Pick<PageUnit, "unit" | "explicit">): string {
  if (!page.explicit) return path;
  return `${path}${path.includes("?") ? "&" : "?"}${UNIT_PARAM}=${page.unit.id}`;
}

export type RouteUnit = { ok: true; unit: Organization } | { ok: false; status: 400 | 403 | 404; message: string };

/**
 * A download's or the API's unit from its `unit` parameter, answered as a status instead of a page:
 * 404 for no such unit, 403 for a unit the caller may not see. `caller` null: an API token, which
 * reads the district and its towns.
 */
export function routeUnit(caller: Pick<SessionUser, "unitId"> | null, requested: string | null): RouteUnit {
  const user = caller ?? { unitId: null };
  const choices = unitsVisibleTo(user);
  if (requested === null || requested === "") {
    const unit = user.unitId !== null ? choices[0] : getHomeOrganization(getDb());
    return unit ? { ok: true, unit } : { ok: false, status: 403, message: SCOPED_OUT };
  }
  const parsed = unitIdSchema.safeParse(requested);
  if (!parsed.success) return { ok: false, status: 400, message: "参数 unit 应为单位编号。" };
  const unit = getUnit(getDb(), parsed.data);
  if (!unit) return { ok: false, status: 404, message: "没有这个单位。" };
  if (!choices.some((choice) => choice.id === unit.id)) return { ok: false, status: 403, message: SCOPED_OUT };
  return { ok: true, unit };
}
