import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addMonths, monthOfDate } from "@/lib/periods";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { dumpTables } from "@/tests/support/database";
import { getIndicatorByKey, setSubUnitIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getPeriodFigures } from "@/db/observations";
import { addUnit, getHomeOrganization, setUserUnit } from "@/db/organizations";
import { listRevisions } from "@/db/revisions";
import { saveFigures } from "@/db/save-figures";
import { IDLE_BULLETIN } from "@/app/(app)/import/bulletin/bulletin-state";

// next.config.ts turns authInterrupts on for the app; the pages called here directly need it too
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { saveMonth } = await import("@/app/(app)/entry/[month]/actions");
const { submitMonthForReview } = await import("@/app/(app)/review-queue/actions");
const { revertFigure } = await import("@/app/(app)/indicators/[key]/actions");
const { importFigures } = await import("@/app/(app)/import/actions");
const { saveCommentary } = await import("@/app/(app)/review/[quarter]/actions");
const { saveMonthBrief } = await import("@/app/(app)/report/[month]/actions");
const { saveYearTotals } = await import("@/app/(app)/entry/[month]/year-actions");
const { importBulletin } = await import("@/app/(app)/import/bulletin/actions");

/** A month whose figures are open to change: last month (the demo fills it, and nobody has submitted it). */
const MONTH = addMonths(monthOfDate(new Date()), -1);

let cleanup: () => void;
let homeId: number;
let townA: number;
let townB: number;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: true });
  const db = getDb();
  homeId = getHomeOrganization(db).id;
  townA = addUnit(db, { name: "格里坪镇", shortName: "格里坪", kind: "sub" }).id;
  townB = addUnit(db, { name: "清香坪街道", shortName: "清香坪", kind: "sub" }).id;
  setSubUnitIndicators(db, new Set(["nanny_new", "users_new"]));
  const admin = await addAccount("admin", "admin");
  await addAccount("staff", "staff", "区科协张三");
  await addAccount("leader", "viewer", "李主任");
  const a = await addAccount("town-a", "staff", "格里坪镇小李");
  setUserUnit(db, { userId: a.id, organizationId: townA, assignedBy: admin.id });
  for (const [unit, value] of [[townA, 12], [townB, 20]] as const) {
    saveFigures(db, { organizationId: unit, period: MONTH, figures: new Map([["nanny_new", { value }]]), source: "script", changedBy: null });
  }
});
afterAll(() => cleanup());

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const entryIdle = { status: "idle" as const, message: "", values: {}, fieldErrors: {}, bases: {}, conflicts: [] };
const nanny = (unit: number) => getPeriodFigures(getDb(), unit, MONTH).get("nanny_new")?.value;

describe("a town's staff change only their town", () => {
  it("enter their own month: the form's figures are stored under the town, never the district", async () => {
    await signInAs("town-a");
    const districtBefore = nanny(homeId);
    const saved = await saveMonth(entryIdle, form({ month: MONTH, nanny_new: "15", base__nanny_new: "12", users_new: "", base__users_new: "" }));
    expect(saved.status).toBe("saved");
    expect(nanny(townA)).toBe(15);
    expect(nanny(homeId)).toBe(districtBefore);
  });

  it.each([
    ["another town", () => townB],
    ["the district", () => homeId],
  ])("are refused every action on %s, and nothing changes", async (_label, other) => {
    await signInAs("town-a");
    const unit = String(other());
    const before = dumpTables(getDb());
    const answers = [
      await saveMonth(entryIdle, form({ unit, month: MONTH, nanny_new: "99", base__nanny_new: "" })),
      await submitMonthForReview({ status: "idle", message: "", reason: "" }, form({ unit, month: MONTH })),
      await importFigures({ status: "idle", message: "", paste: "", preview: null, payload: null }, form({ unit, intent: "preview", paste: `指标\t${MONTH}\nnanny_new\t77\n` })),
      await saveCommentary(entryIdle, form({ unit, quarter: "2024-Q1", overall: "越权", base__overall: "" })),
      await saveMonthBrief(entryIdle, form({ unit, month: MONTH, brief: "越权", base__brief: "" })),
      await saveYearTotals(entryIdle, form({ unit, year: String(Number(MONTH.slice(0, 4)) - 1), nanny_new: "400", base__nanny_new: "" })),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe("refused");
      expect(answer.message).toContain("您的账号只能查看和填报本镇街的数据");
    }
    expect(dumpTables(getDb())).toEqual(before);
  });

  it("cannot revert the district's figure by its revision id: it is not found within the town", async () => {
    await signInAs("town-a");
    const indicator = getIndicatorByKey(getDb(), "nanny_new");
    const revision = listRevisions(getDb(), homeId, indicator?.id ?? 0, MONTH)[0];
    const before = dumpTables(getDb());
    const answer = await revertFigure(
      { status: "idle", message: "" },
      form({ revisionId: String(revision?.id), seen__value: String(nanny(homeId)), seen__rankedUnits: "", seen__valueAbove: "", seen__valueBelow: "" }),
    );
    expect(answer.status).toBe("refused");
    expect(answer.message).toContain("不存在");
    expect(dumpTables(getDb())).toEqual(before);
  });

  it("may not enter the district's whole-year totals, even without naming a unit", async () => {
    await signInAs("town-a");
    const before = dumpTables(getDb());
    const answer = await saveYearTotals(entryIdle, form({ year: String(Number(MONTH.slice(0, 4)) - 1), nanny_new: "400", base__nanny_new: "" }));
    expect(answer).toMatchObject({ status: "refused", message: "往年全年合计只由区科协填报，镇街按月填报。本次未保存任何数据。" });
    expect(dumpTables(getDb())).toEqual(before);
  });

  it("may not import the provincial bulletin", async () => {
    await signInAs("town-a");
    const before = dumpTables(getDb());
    const answer = await importBulletin(IDLE_BULLETIN, form({ intent: "preview", paste: "单位\t科普服务量\n攀枝花市西区\t1\n" }));
    expect(answer).toMatchObject({ status: "refused", message: "省级通报只能由区科协账号导入，未做任何修改。" });
    expect(dumpTables(getDb())).toEqual(before);
  });

  it("a peer's figures are never typed, not even by the district's staff", async () => {
    const peer = addUnit(getDb(), { name: "攀枝花市东区", shortName: "东区", kind: "peer" });
    await signInAs("staff");
    const before = dumpTables(getDb());
    const answer = await saveMonth(entryIdle, form({ unit: String(peer.id), month: MONTH, nanny_new: "5", base__nanny_new: "" }));
    expect(answer).toMatchObject({ status: "refused", message: "同级单位的数据只能通过导入省级通报写入，未做任何修改。" });
    expect(dumpTables(getDb())).toEqual(before);
  });

  it("the district's staff enter any town's month", async () => {
    await signInAs("staff");
    const saved = await saveMonth(entryIdle, form({ unit: String(townB), month: MONTH, nanny_new: "21", base__nanny_new: "20", users_new: "", base__users_new: "" }));
    expect(saved.status).toBe("saved");
    expect(nanny(townB)).toBe(21);
  });
});

type Page = (props: { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string>> }) => Promise<unknown>;

/** What a page answered: rendered, or the 403/404 Next turns forbidden()/notFound() into. */
async function open(page: Page, params: Record<string, string>, searchParams: Record<string, string>): Promise<"rendered" | "403" | "404" | string> {
  try {
    await page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) });
    return "rendered";
  } catch (error) {
    const digest = error instanceof Error && "digest" in error ? String(error.digest) : "";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return "403";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "404";
    throw error;
  }
}

const PAGES: [string, () => Promise<{ default: unknown }>, Record<string, string>][] = [
  ["dashboard", () => import("@/app/(app)/page"), {}],
  ["entry home", () => import("@/app/(app)/entry/page"), {}],
  ["monthly form", () => import("@/app/(app)/entry/[month]/page"), { month: MONTH }],
  ["targets", () => import("@/app/(app)/targets/page"), {}],
  ["quality", () => import("@/app/(app)/quality/page"), {}],
  ["indicators", () => import("@/app/(app)/indicators/page"), {}],
  ["indicator history", () => import("@/app/(app)/indicators/[key]/page"), { key: "nanny_new" }],
  ["import", () => import("@/app/(app)/import/page"), {}],
  ["review pack", () => import("@/app/(app)/review/[quarter]/page"), { quarter: "2026-Q3" }],
  ["monthly brief", () => import("@/app/(app)/report/[month]/page"), { month: MONTH }],
];

function pageOf(module: { default: unknown }): Page {
  const page = module.default;
  if (typeof page !== "function") throw new Error("not a page");
  return (props) => Promise.resolve(page(props));
}

describe("pages a town's staff open", () => {
  it.each(PAGES)("%s: their own town, never another unit (403)", async (_name, load, params) => {
    await signInAs("town-a");
    const page = pageOf(await load());
    expect(await open(page, params, {})).toBe("rendered");
    expect(await open(page, params, { unit: String(townA) })).toBe("rendered");
    expect(await open(page, params, { unit: String(townB) })).toBe("403");
    expect(await open(page, params, { unit: String(homeId) })).toBe("403");
    expect(await open(page, params, { unit: "999999" })).toBe("404");
  });

  it.each(PAGES)("%s: any town or the district for the district's accounts", async (_name, load, params) => {
    await signInAs("leader");
    const page = pageOf(await load());
    expect(await open(page, params, { unit: String(townB) })).toBe("rendered");
    expect(await open(page, params, {})).toBe("rendered");
  });

  it.each([
    ["provincial rankings", () => import("@/app/(app)/rankings/page")],
    ["league tables", () => import("@/app/(app)/league/page")],
    ["bulletin import", () => import("@/app/(app)/import/bulletin/page")],
  ])("%s are the district's only (403 for a town's staff)", async (_name, load) => {
    await signInAs("town-a");
    expect(await open(pageOf(await load()), {}, {})).toBe("403");
    await signInAs("leader");
    expect(await open(pageOf(await load()), {}, {})).toBe("rendered");
  });

  it("a past year's whole-year totals are the district's only (403 for a town's staff)", async () => {
    const page = pageOf(await import("@/app/(app)/entry/[month]/page"));
    const lastYear = String(Number(MONTH.slice(0, 4)) - 1);
    await signInAs("town-a");
    expect(await open(page, { month: lastYear }, {})).toBe("403");
    await signInAs("leader");
    expect(await open(page, { month: lastYear }, {})).toBe("rendered");
  });
});

describe("downloads and the API for a town's staff", () => {
  // every route handler here takes the request, and the review workbook its quarter
  type Route = { GET: (request: Request, context: { params: Promise<{ quarter: string; month: string }> }) => Promise<Response> };
  const get = async (load: () => Promise<Route>, url: string, params: Record<string, string> = {}) =>
    (await load()).GET(new Request(`http://localhost${url}`), { params: Promise.resolve({ quarter: params.quarter ?? "", month: params.month ?? "" }) });

  const ROUTES: [string, () => Promise<Route>, string, Record<string, string>][] = [
    ["figures.xlsx", () => import("@/app/(app)/export/figures.xlsx/route"), "/export/figures.xlsx", {}],
    ["figures.csv", () => import("@/app/(app)/export/figures.csv/route"), "/export/figures.csv", {}],
    ["revisions.csv", () => import("@/app/(app)/export/revisions.csv/route"), "/export/revisions.csv", {}],
    ["the API", () => import("@/app/api/v1/figures/route"), "/api/v1/figures", {}],
    ["the template", () => import("@/app/(app)/import/template.xlsx/route"), "/import/template.xlsx", {}],
    ["the review workbook", () => import("@/app/(app)/review/[quarter]/xlsx/route"), "/review/2026-Q3/xlsx", { quarter: "2026-Q3" }],
    ["the review's Word file", () => import("@/app/(app)/review/[quarter]/docx/route"), "/review/2026-Q3/docx", { quarter: "2026-Q3" }],
    ["the review's slides", () => import("@/app/(app)/review/[quarter]/pptx/route"), "/review/2026-Q3/pptx", { quarter: "2026-Q3" }],
    ["the month's brief", () => import("@/app/(app)/report/[month]/docx/route"), `/report/${MONTH}/docx`, { month: MONTH }],
  ];

  it.each(ROUTES)("%s: another unit is 403", async (_name, load, url, params) => {
    await signInAs("town-a");
    for (const unit of [townB, homeId]) expect((await get(load, `${url}?unit=${unit}`, params)).status).toBe(403);
    expect((await get(load, url, params)).status).toBe(200);
  });

  it("the figures a town's staff download are their town's only", async () => {
    await signInAs("town-a");
    const csv = await (await get(() => import("@/app/(app)/export/figures.csv/route"), "/export/figures.csv")).text();
    const rows = csv.trim().split("\n").slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("15");
    const api = (await (await get(() => import("@/app/api/v1/figures/route"), "/api/v1/figures")).json()) as { organization: string; count: number };
    expect(api).toMatchObject({ organization: "格里坪镇", count: 1 });
  });

  it("the league's workbook is the district's only", async () => {
    await signInAs("town-a");
    expect((await get(() => import("@/app/(app)/league/xlsx/route"), "/league/xlsx")).status).toBe(403);
    await signInAs("leader");
    const answer = await get(() => import("@/app/(app)/league/xlsx/route"), `/league/xlsx?level=towns&indicator=nanny_new&month=${MONTH}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-disposition")).toContain(encodeURIComponent("西区科协关于"));
  });
});
