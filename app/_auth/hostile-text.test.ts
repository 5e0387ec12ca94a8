/**
 * Every text field of every server action, posted with the characters the audit of 2026-12-06 got
 * through (U+200E/U+200F into seven fields, NUL, BEL and U+202E into the review reasons): each post
 * must be refused with a message naming the field, and change nothing. The same form with the text
 * clean is then accepted, so the refusal is the text's and not some other fault of the form.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { currentTime } from "@/lib/clock";
import { addMonths, monthOfDate, quarterOf } from "@/lib/periods";
import { REVISION_NOTE_FIELD } from "@/lib/revision-note";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { dumpTables } from "@/tests/support/database";
import { loadEntryForm } from "@/tests/support/forms";
import { listIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { listMissingIndicators } from "@/db/month-review";
import { addUnit, getHomeOrganization } from "@/db/organizations";
import { listPeriodRevisions } from "@/db/revisions";
import type { Account } from "@/db/users";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

type Action = (previous: unknown, formData: FormData) => Promise<unknown>;

/** A route's exported actions by name, callable with any previous state (the code under test ignores it). */
async function actionsOf(route: string): Promise<Record<string, Action>> {
  const exported: Record<string, unknown> = await import(`@/app/${route}/actions`);
  const actions: Record<string, Action> = {};
  for (const [name, value] of Object.entries(exported)) {
    if (typeof value === "function") actions[name] = (previous, formData) => Promise.resolve(value(previous, formData));
  }
  return actions;
}
const only = (actions: Record<string, Action>, name: string): Action => {
  const action = actions[name];
  if (!action) throw new Error(`no action ${name}`);
  return action;
};
const users = await actionsOf("(app)/admin/users");
const settings = await actionsOf("(app)/admin/settings");
const units = await actionsOf("(app)/admin/units");
const tokens = await actionsOf("(app)/admin/tokens");
const catalog = await actionsOf("(app)/admin/catalog");
const targets = await actionsOf("(app)/targets");
const review = await actionsOf("(app)/review/[quarter]");
const report = await actionsOf("(app)/report/[month]");
const indicator = await actionsOf("(app)/indicators/[key]");
const entry = await actionsOf("(app)/entry/[month]");
const queue = await actionsOf("(app)/review-queue");
const bulletin = await actionsOf("(app)/import/bulletin");
const [addUser, resetUserPassword] = [only(users, "addUser"), only(users, "resetUserPassword")];
const saveOrganization = only(settings, "saveOrganization");
const [addUnitAction, renameUnitAction, addAliasAction] = [only(units, "addUnitAction"), only(units, "renameUnitAction"), only(units, "addAliasAction")];
const issueToken = only(tokens, "issueToken");
const [addIndicatorAction, updateIndicatorAction] = [only(catalog, "addIndicatorAction"), only(catalog, "updateIndicatorAction")];
const saveTarget = only(targets, "saveTarget");
const saveCommentary = only(review, "saveCommentary");
const saveMonthBrief = only(report, "saveMonthBrief");
const [revertFigure, correctBaseline] = [only(indicator, "revertFigure"), only(indicator, "correctBaseline")];
const saveMonth = only(entry, "saveMonth");
const submitMonthForReview = only(queue, "submitMonthForReview");
const approveMonthReview = only(queue, "approveMonthReview");
const unlockApprovedMonth = only(queue, "unlockApprovedMonth");
const returnMonthForCorrection = only(queue, "returnMonthForCorrection");
const importBulletin = only(bulletin, "importBulletin");

/** The audit's characters, each put inside an otherwise good value. */
const HOSTILE = ["\u200E", "\u200F", "\u202E", "\u0000", "\u0007", "\u2066", "\u061C", "\u200B", "\uFEFF"];
// inside the text, never at an end, where trimming would rightly take a U+FEFF away
const hide = (text: string, mark: string) => (text.length > 1 ? `${text.slice(0, 1)}${mark}${text.slice(1)}` : `${text}${mark}${text}`);

const MONTH = addMonths(monthOfDate(currentTime()), -1);
const QUARTER = quarterOf(addMonths(MONTH, -3));

type Case = {
  action: Action;
  /** A good submission; `field` is the text field under test, its clean value in the form. */
  form: () => Record<string, string | string[]>;
  field: string;
  /** Whether the clean submission was accepted. */
  accepted?: (result: unknown) => boolean;
};

function formData(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one);
  return data;
}

/** The previous state an action is handed: what it holds does not matter to the code under test. */
const IDLE = { status: "idle", message: "", fieldErrors: {}, values: {}, bases: {}, conflicts: [], reason: "", token: null, paste: "", table: null, preview: null, payload: null };

function content(): string {
  const { sessions: _sessions, sign_in_attempts: _attempts, ...rest } = dumpTables(getDb());
  return JSON.stringify(rest);
}

const statusOf = (result: unknown) => (result !== null && typeof result === "object" && "status" in result ? result.status : undefined);
const refusedStatus = (result: unknown) => statusOf(result) === "invalid" || statusOf(result) === "refused";
/** What the bulletin preview hands back that its page posts again. */
const bulletinStateSchema = z.object({ table: z.string(), preview: z.object({ fileName: z.string(), unmatched: z.array(z.object({ row: z.number() })) }) });
/** Everything the answer says: its message and each field's errors. */
const said = (result: unknown) => JSON.stringify(result);

let victim: Account;
let townId: number;
let peerId: number;
let counter = 0;
const unique = (prefix: string) => `${prefix}${(counter += 1)}`;
const allKeys = () => listIndicators(getDb()).map((indicator) => indicator.key);
const homeId = () => getHomeOrganization(getDb()).id;

let cleanup: () => void = () => undefined;
beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  await addAccount("text-admin", "admin", "文字管理员");
  victim = await addAccount("victim", "staff", "被测账号");
  townId = addUnit(getDb(), { name: "格里坪镇", shortName: "格里坪", kind: "sub" }).id;
  peerId = addUnit(getDb(), { name: "攀枝花市东区", shortName: "东区", kind: "peer" }).id;
  await signInAs("text-admin");
});
afterAll(() => cleanup());

/** Each text field of each action, with the label its refusal must name. */
const CASES: Record<string, Case & { label: string }> = {
  "addUser name": { action: addUser, field: "name", label: "姓名", form: () => ({ username: unique("user"), name: "王五", role: "staff", password: "good-pass-1", confirm: "good-pass-1" }) },
  "resetUserPassword password": { action: resetUserPassword, field: "password", label: "密码", form: () => ({ userId: victim.id, password: "new-good-pass-1" }) },
  "saveOrganization name": { action: saveOrganization, field: "name", label: "单位全称", form: () => ({ name: "攀枝花市西区科学技术协会", shortName: "西区" }) },
  "saveOrganization shortName": { action: saveOrganization, field: "shortName", label: "简称", form: () => ({ name: "攀枝花市西区科学技术协会", shortName: "西区科协" }) },
  "addUnitAction name": { action: addUnitAction, field: "name", label: "单位名称", form: () => ({ name: unique("河门口街道"), shortName: unique("河门口"), kind: "sub" }) },
  "addUnitAction shortName": { action: addUnitAction, field: "shortName", label: "简称", form: () => ({ name: unique("玉泉街道"), shortName: unique("玉泉"), kind: "sub" }) },
  "renameUnitAction name": { action: renameUnitAction, field: "name", label: "单位名称", form: () => ({ unitId: String(townId), name: unique("格里坪镇"), shortName: "格里坪" }) },
  "addAliasAction alias": { action: addAliasAction, field: "alias", label: "别名", form: () => ({ unitId: String(peerId), alias: unique("东区科协") }) },
  "issueToken name": { action: issueToken, field: "name", label: "用途", form: () => ({ name: "市科协数据平台" }) },
  ...Object.fromEntries(
    (["name", "unit", "category", "description"] as const).map((field) => [
      `addIndicatorAction ${field}`,
      {
        action: addIndicatorAction,
        field,
        label: { name: "名称", unit: "单位", category: "类别", description: "定义" }[field],
        form: () => ({ key: unique("text_rule_"), name: "测试指标", unit: "个", category: "科普", description: "按月统计", kind: "flow", decimals: "0", sortOrder: "999", parentKey: "", parentRelation: "", accumulatesKey: "", ranksKey: "", inForceFrom: "" }),
      },
    ]),
  ),
  ...Object.fromEntries(
    (["name", "unit", "category", "description"] as const).map((field) => [
      `updateIndicatorAction ${field}`,
      {
        action: updateIndicatorAction,
        field,
        label: { name: "名称", unit: "单位", category: "类别", description: "定义" }[field],
        form: () => ({ key: "demand_new", name: "新增发布科技所需", unit: "条", category: "供需对接", description: "当月新发布的需求", sortOrder: "90" }),
      },
    ]),
  ),
  "saveTarget source": { action: saveTarget, field: "source", label: "来源说明", form: () => ({ indicator: "nanny_new", year: MONTH.slice(0, 4), rule: "monthly_avg", value: "34", source: "省科协要求" }) },
  "saveCommentary overall": {
    action: saveCommentary,
    field: "overall",
    label: "总体分析",
    form: () => ({ quarter: QUARTER, overall: unique("总体平稳，\n\t三项指标偏低"), base__overall: "" }),
    accepted: (result) => statusOf(result) === "saved",
  },
  "saveCommentary cause": {
    action: saveCommentary,
    field: "cause__nanny_new",
    label: "说明",
    form: () => ({ quarter: QUARTER, cause__nanny_new: "服务对接不足", base__cause__nanny_new: "" }),
    accepted: (result) => statusOf(result) === "saved",
  },
  "saveMonthBrief brief": {
    action: saveMonthBrief,
    field: "brief",
    label: "简报",
    form: () => ({ month: MONTH, brief: "截至月底，我区……", base__brief: "" }),
    accepted: (result) => statusOf(result) === "saved",
  },
  "correctBaseline reason": {
    action: correctBaseline,
    field: "reason",
    label: "理由",
    form: () => ({ key: "users_total", period: "2023-12", value: "14313", reason: "核对文件原文", seen__value: "14312" }),
  },
  "saveMonth revision note": {
    action: saveMonth,
    field: REVISION_NOTE_FIELD,
    label: "更正说明",
    form: () => ({ ...loadEntryForm(MONTH), nanny_new: String(30 + (counter += 1)), [REVISION_NOTE_FIELD]: "按省平台通报更正" }),
    accepted: (result) => statusOf(result) === "saved",
  },
  "revertFigure reason": {
    action: revertFigure,
    field: "reason",
    label: "更正说明",
    form: () => {
      const [latest, earlier] = listPeriodRevisions(getDb(), homeId(), MONTH).filter((revision) => revision.indicatorKey === "nanny_new");
      if (!latest || !earlier) throw new Error("two revisions of nanny_new expected");
      return { revisionId: String(earlier.id), seen__value: String(latest.newValue), seen__rankedUnits: "", seen__valueAbove: "", seen__valueBelow: "", reason: "恢复为核对后的值" };
    },
  },
  // the review steps in the order a month takes them, so that each clean one is allowed
  "submitMonthForReview reason": {
    action: submitMonthForReview,
    field: "reason",
    label: "提交说明",
    form: () => ({ month: MONTH, reason: "已核对", confirmMissing: listMissingIndicators(getDb(), homeId(), MONTH).map((item) => item.key) }),
  },
  "approveMonthReview reason": { action: approveMonthReview, field: "reason", label: "审核意见", form: () => ({ month: MONTH, reason: "同意" }) },
  "unlockApprovedMonth reason": { action: unlockApprovedMonth, field: "reason", label: "解除锁定的原因", form: () => ({ month: MONTH, reason: "省平台更正了通报" }) },
  "submitMonthForReview again": {
    action: submitMonthForReview,
    field: "reason",
    label: "提交说明",
    form: () => ({ month: MONTH, reason: "已更正\n\t见附件", confirmMissing: allKeys() }),
  },
  "returnMonthForCorrection reason": { action: returnMonthForCorrection, field: "reason", label: "退回原因", form: () => ({ month: MONTH, reason: "保姆式服务单数与台账不符" }) },
  "importBulletin source": {
    action: importBulletin,
    field: "source",
    label: "通报来源",
    form: () => ({ intent: "preview", paste: "单位\t科普服务量\n攀枝花市西区\t1\n攀枝花市东区\t2\n", source: "省科协月度通报", scope: "province", month: MONTH }),
    accepted: (result) => statusOf(result) === "preview" || (statusOf(result) === "invalid" && !said(result).includes("通报来源")),
  },
};

describe("every text field of every action refuses control and direction characters", () => {
  for (const [name, { action, form, field, label, accepted }] of Object.entries(CASES)) {
    it(`${name}: refused naming “${label}”, nothing saved; accepted when clean`, async () => {
      if (name.startsWith("revertFigure")) {
        // two saves of the figure, so that there is an earlier one to revert to
        for (const value of ["41", "42"]) expect(statusOf(await saveMonth(IDLE, formData({ ...loadEntryForm(MONTH), nanny_new: value })))).toBe("saved");
      }
      for (const mark of HOSTILE) {
        const fields = form();
        const clean = fields[field];
        if (typeof clean !== "string") throw new Error(`${field} is not in the form`);
        const before = content();
        const result = await action(IDLE, formData({ ...fields, [field]: hide(clean, mark) }));
        expect(refusedStatus(result), `${name} with U+${mark.codePointAt(0)?.toString(16).toUpperCase()}: ${said(result)}`).toBe(true);
        expect(said(result)).toContain(label);
        expect(content(), `${name} with U+${mark.codePointAt(0)?.toString(16)} changed the database`).toBe(before);
      }
      const result = await action(IDLE, formData(form()));
      expect(accepted ? accepted(result) : statusOf(result) === "done", `${name} clean: ${said(result)}`).toBe(true);
    });
  }
});

describe("a bulletin's unit name made an alias", () => {
  it("is refused when it carries a direction mark, and added when clean", async () => {
    const preview = (name: string) =>
      importBulletin(IDLE, formData({ intent: "preview", paste: `单位\t科普服务量\n攀枝花市西区\t1\n${name}\t2\n`, source: "省科协月度通报", scope: "province", month: MONTH }));
    const alias = (state: unknown) => {
      const shown = bulletinStateSchema.parse(state);
      const row = shown.preview.unmatched[0]?.row;
      if (row === undefined) throw new Error(`no unmatched row: ${said(state)}`);
      return importBulletin(state, formData({ intent: `alias:${row}`, table: shown.table, fileName: shown.preview.fileName, source: "省科协月度通报", scope: "province", month: MONTH, [`alias__${row}`]: String(peerId) }));
    };
    const aliases = () => JSON.stringify(dumpTables(getDb()).unit_aliases);

    const before = aliases();
    const hostile = await alias(await preview("米易\u200E县"));
    expect(aliases()).toBe(before);
    expect(said(hostile)).toContain("别名");

    await alias(await preview("米易县"));
    expect(aliases()).toContain("米易县");
  });

  it("commits no payload whose source was changed to hold a direction mark, and keeps no file name's", async () => {
    const shown = z.object({ payload: z.string() }).parse(await importBulletin(IDLE, formData({ intent: "preview", paste: "单位\t科普服务量\n攀枝花市西区\t3\n攀枝花市东区\t4\n", source: "省科协月度通报", scope: "province", month: MONTH })));
    const payload = z.object({ source: z.string(), fileName: z.string() }).passthrough().parse(JSON.parse(shown.payload));
    const before = content();
    const forged = await importBulletin(IDLE, formData({ intent: "commit", payload: JSON.stringify({ ...payload, source: "省科协\u202E通报" }) }));
    expect(refusedStatus(forged), said(forged)).toBe(true);
    expect(content()).toBe(before);

    const renamed = await importBulletin(IDLE, formData({ intent: "commit", payload: JSON.stringify({ ...payload, fileName: "通报\u202Exslx.exe" }) }));
    expect(statusOf(renamed), said(renamed)).toBe("done");
    expect(content()).toContain("通报xslx.exe");
    expect(content()).not.toContain("\u202E");
  });
});
