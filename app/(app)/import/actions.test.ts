import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { currentTime } from "@/lib/clock";
import { addMonths, formatMonth, monthOfDate, monthParts } from "@/lib/periods";
import { workbookBytes } from "@/lib/sheet/test-support";
import { bulletinWorkbook } from "@/tests/fixtures/bulletin";
import { addAccount, signInAs, openTemporaryAppDatabase } from "@/tests/support/accounts";
import { dumpTables } from "@/tests/support/database";
import { getDb } from "@/db/client";
import { getIndicatorByKey, listIndicators } from "@/db/catalog";
import { getPeriodFigures } from "@/db/observations";
import { addUnit, getHomeOrganization, setUserUnit } from "@/db/organizations";
import { submitMonth } from "@/db/month-review";
import { listRevisions } from "@/db/revisions";
import { saveFigures } from "@/db/save-figures";
import { IDLE_IMPORT, type ImportState } from "./import-state";
import { IMPORT_BUSY_MESSAGE } from "./import-turn";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { importFigures } = await import("./actions");

/** Months that are over on any day: the latest two of one year for the workbook, then one each for the pastes. */
const CURRENT = monthOfDate(currentTime());
const LAST_MONTH = addMonths(CURRENT, -1);
const WORKBOOK_LATER = monthParts(LAST_MONTH).month > 1 ? LAST_MONTH : addMonths(CURRENT, -2);
const WORKBOOK_EARLIER = addMonths(WORKBOOK_LATER, -1);
const PASTED_MONTH = addMonths(WORKBOOK_EARLIER, -1);
const VIEWER_MONTH = addMonths(WORKBOOK_EARLIER, -2);
const BULLETIN_MONTH = addMonths(WORKBOOK_EARLIER, -3);
const SUBMITTED_MONTH = addMonths(WORKBOOK_EARLIER, -4);
const CHOSEN_MONTH = addMonths(WORKBOOK_EARLIER, -5);

let cleanup: () => void;
let staffId: string;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  staffId = (await addAccount("zhangsan", "staff", "张三")).id;
  await addAccount("leader", "viewer", "李主任");
});
afterAll(() => cleanup());

function form(fields: Record<string, string | File>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const organizationId = () => getHomeOrganization(getDb()).id;
const stored = (period: string, key: string) => getPeriodFigures(getDb(), organizationId(), period).get(key)?.value;

/** The workbook with no month above its table nor in its sheet's name. */
async function withoutMonth(buffer: Buffer): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  workbook.eachSheet((sheet) => {
    sheet.name = "通报";
    sheet.eachRow((row) => row.eachCell((cell) => {
      if (typeof cell.value === "string") cell.value = cell.value.replace(/\d{4}\s*年\s*\d{1,2}\s*月/g, "");
    }));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function previewFile(bytes: Uint8Array, name: string): Promise<ImportState> {
  return importFigures(IDLE_IMPORT, form({ intent: "preview", file: new File([new Uint8Array(bytes)], name) }));
}

describe("the import action", () => {
  it("previews an uploaded workbook, writes nothing, then commits it with revisions from the import", async () => {
    await signInAs("zhangsan");
    const fileName = `${formatMonth(WORKBOOK_LATER)}数据.xlsx`;
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet(String(monthParts(WORKBOOK_LATER).year));
      sheet.addRow(["指标", formatMonth(WORKBOOK_EARLIER), formatMonth(WORKBOOK_LATER)]);
      sheet.addRow(["nanny_new", 36, 41]);
    });
    const before = dumpTables(getDb());
    const preview = await previewFile(bytes, fileName);
    expect(preview.status).toBe("preview");
    expect(preview.preview?.counts).toEqual({ new: 2, changed: 0, unchanged: 0, submitted: 0, locked: 0 });
    expect(dumpTables(getDb())).toEqual(before);

    const done = await importFigures(preview, form({ intent: "commit", payload: preview.payload ?? "" }));
    expect(done).toMatchObject({ status: "done", message: `已导入“${fileName}”：新增 2 项、更新 0 项，每项均已记录修订（来源：导入）。` });
    expect(stored(WORKBOOK_LATER, "nanny_new")).toBe(41);
    const nanny = getIndicatorByKey(getDb(), "nanny_new");
    expect(listRevisions(getDb(), organizationId(), nanny?.id ?? 0, WORKBOOK_LATER)[0]).toMatchObject({ source: "import", changedBy: staffId, note: `导入文件：${fileName}` });
  });

  it("answers a bad file with its Chinese reason and keeps the pasted text", async () => {
    await signInAs("zhangsan");
    const state = await importFigures(IDLE_IMPORT, form({ intent: "preview", file: new File([new TextEncoder().encode("%PDF-1.4 …")], "报告.pdf"), paste: "保留我" }));
    expect(state).toMatchObject({ status: "invalid", paste: "保留我" });
    expect(state.message).toContain("这不是表格文件（这是 PDF 文件）");
  });

  it("says so and previews anew when someone changed a figure after the preview", async () => {
    await signInAs("zhangsan");
    const preview = await importFigures(IDLE_IMPORT, form({ intent: "preview", paste: `指标\t${PASTED_MONTH}\nnanny_new\t38\n` }));
    expect(preview.preview?.counts.new).toBe(1);
    saveFigures(getDb(), { organizationId: organizationId(), period: PASTED_MONTH, figures: new Map([["nanny_new", { value: 35 }]]), source: "form", changedBy: staffId });
    const before = dumpTables(getDb());
    const conflict = await importFigures(preview, form({ intent: "commit", payload: preview.payload ?? "" }));
    expect(conflict.status).toBe("conflict");
    expect(conflict.message).toContain(`${formatMonth(PASTED_MONTH)}“促成“保姆式”服务单数”（预览时为 空，现为 35单）`);
    expect(dumpTables(getDb())).toEqual(before);
    // the new preview shows the figure against what is stored now, ready to confirm again
    expect(conflict.preview?.periods[0]?.rows[0]).toMatchObject({ status: "changed", before: "35单", after: "38单" });
    const done = await importFigures(conflict, form({ intent: "commit", payload: conflict.payload ?? "" }));
    expect(done.status).toBe("done");
    expect(stored(PASTED_MONTH, "nanny_new")).toBe(38);
  });

  it("reads imports one at a time: of six previews sent at once, five are answered in turn and the sixth is told to try again", async () => {
    await signInAs("zhangsan");
    // 20 000 cells: as much as an import may hold, so each read takes a while
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("数据");
      for (let row = 0; row < 2000; row += 1) sheet.addRow(Array.from({ length: 10 }, (_, col) => row * 10 + col));
    });
    const answers = await Promise.all(Array.from({ length: 6 }, () => previewFile(bytes, "大表.xlsx")));
    const busy = answers.filter((answer) => answer.message === IMPORT_BUSY_MESSAGE);
    expect(busy).toHaveLength(1);
    expect(busy[0]).toMatchObject({ status: "refused", preview: null, payload: null });
    // the others were read in full: the sheet has no indicators the importer knows
    expect(answers.filter((answer) => answer.status === "invalid" && answer.message !== IMPORT_BUSY_MESSAGE)).toHaveLength(5);
    // and the queue is free again
    expect((await previewFile(bytes, "大表.xlsx")).message).not.toBe(IMPORT_BUSY_MESSAGE);
  }, 120_000);

  it("refuses a viewer, writing nothing", async () => {
    await signInAs("leader");
    const paste = `指标\t${VIEWER_MONTH}\nnanny_new\t30\n`;
    const state = await importFigures(IDLE_IMPORT, form({ intent: "preview", paste }));
    expect(state.status).toBe("refused");
    expect(state.paste).toBe(paste);
  });
});

describe("a value far outside its history in an import", () => {
  const MONTHS = [30, 29, 28, 27].map((back) => addMonths(CURRENT, -back));
  const FLAGGED = MONTHS[3] ?? CURRENT;

  it("is flagged on its row, judged against the file's own earlier months, and is written only once the tick confirms it", async () => {
    await signInAs("zhangsan");
    const paste = `指标\t${MONTHS.map((month) => formatMonth(month)).join("\t")}\n新增达成交易\t2\t3\t2\t1.2万\n`;
    const preview = await importFigures(IDLE_IMPORT, form({ intent: "preview", paste }));
    expect(preview).toMatchObject({ status: "preview", message: expect.stringContaining("其中 1 个数与以往相差很大") });
    const rows = preview.preview?.periods.flatMap((period) => period.rows) ?? [];
    expect(rows.filter((row) => row.flag !== null)).toEqual([
      expect.objectContaining({ id: `${FLAGGED}-deals_new`, after: "12000个", flag: expect.stringContaining("除以1万为 1.2，与上月的 2个 相近") }),
    ]);
    expect(preview.preview?.flags).toEqual({ count: 1, confirmation: `${FLAGGED}|deals_new|12000` });

    // 确认导入 without the tick: nothing written, the preview shown again with its flag
    const before = dumpTables(getDb());
    const refused = await importFigures(preview, form({ intent: "commit", payload: preview.payload ?? "" }));
    expect(refused).toMatchObject({ status: "refused", message: expect.stringContaining("尚未确认核对") });
    expect(refused.preview?.flags?.count).toBe(1);
    expect(dumpTables(getDb())).toEqual(before);

    // a tick that confirms another value (a forged or stale one) confirms nothing
    const stale = await importFigures(preview, form({ intent: "commit", payload: preview.payload ?? "", plausible: `${FLAGGED}|deals_new|1200` }));
    expect(stale.status).toBe("refused");
    expect(dumpTables(getDb())).toEqual(before);

    const done = await importFigures(refused, form({ intent: "commit", payload: refused.payload ?? "", plausible: refused.preview?.flags?.confirmation ?? "" }));
    expect(done.status).toBe("done");
    expect(stored(FLAGGED, "deals_new")).toBe(12000);
    const deals = getIndicatorByKey(getDb(), "deals_new");
    expect(listRevisions(getDb(), organizationId(), deals?.id ?? 0, FLAGGED)[0]?.plausibilityNote).toBe(
      "异常值已核对：近3个月中位数 2个，本次 12000个（约6000倍）；本次 12000个 除以1万为 1.2，与上月的 2个 相近：是否多了一个“万”，或单位填错？",
    );
    expect(listRevisions(getDb(), organizationId(), deals?.id ?? 0, MONTHS[0])[0]?.plausibilityNote).toBeNull();
  });

  it("asks for the year of cells headed with bare months, keeps the paste, and previews in the year chosen", async () => {
    await signInAs("zhangsan");
    const month = monthParts(PASTED_MONTH).month;
    const paste = `指标\t${month}月\nnanny_new\t37\n`;
    const before = dumpTables(getDb());
    const asked = await importFigures(IDLE_IMPORT, form({ intent: "preview", paste }));
    expect(asked).toMatchObject({ status: "invalid", paste, yearChoice: { months: [`${month}月`] } });
    expect(asked.message).toContain(`表头中的“${month}月”没有写年份`);
    expect(dumpTables(getDb())).toEqual(before);
    const year = monthParts(PASTED_MONTH).year;
    const shown = await importFigures(asked, form({ intent: "preview", paste, year: String(year) }));
    expect(shown.status).toBe("preview");
    expect(shown.preview?.periods.map((group) => group.period)).toEqual([PASTED_MONTH]);
    const refused = await importFigures(asked, form({ intent: "preview", paste, year: "1999" }));
    expect(refused).toMatchObject({ status: "invalid", message: "所选年份无效，请从列表中选择。本次未写入任何数据。" });
  });

  it("takes the home unit's row out of the province's table (市（州） + 县（市、区）) as that month's figures, through the preview and the one save path", async () => {
    await signInAs("zhangsan");
    const { buffer, fixture } = await bulletinWorkbook({ layout: "split", size: "small", month: BULLETIN_MONTH });
    const before = dumpTables(getDb());
    const shown = await previewFile(new Uint8Array(buffer), "全省通报.xlsx");
    expect(shown.status).toBe("preview");
    expect(shown.preview?.layouts[0]).toContain("单位名称取自「市（州）」+「县（市、区）」两列：其中 1 个与已知单位或别名相符");
    expect(shown.preview?.layouts[0]).toContain(`读取“攀枝花市西区”一行`);
    expect(shown.preview?.layouts[0]).toContain(`作为标题所写的${formatMonth(BULLETIN_MONTH)}的数；其中 4 个名次未导入`);
    expect(shown.preview?.periods.map((group) => group.period)).toEqual([BULLETIN_MONTH]);
    expect(shown.preview?.counts).toEqual({ new: 6, changed: 0, unchanged: 0, submitted: 0, locked: 0 });
    expect(shown.message).toContain("这张表也可到“导入省级通报”页面（/import/bulletin）导入：那里还会读出名次和相邻单位。");
    expect(dumpTables(getDb())).toEqual(before);

    const done = await importFigures(shown, form({ intent: "commit", payload: shown.payload ?? "" }));
    expect(done).toMatchObject({ status: "done", message: "已导入“全省通报.xlsx”：新增 6 项、更新 0 项，每项均已记录修订（来源：导入）。" });
    const home = fixture.units.find((unit) => unit.name === "攀枝花市西区");
    for (const key of ["users_total", "supply_total", "nanny_new", "popsci_per_capita", "popsci_coverage_rate", "popsci_volume"] as const) {
      expect(stored(BULLETIN_MONTH, key), key).toBe(home?.figures[key]);
    }
    const volume = getIndicatorByKey(getDb(), "popsci_volume");
    expect(listRevisions(getDb(), organizationId(), volume?.id ?? 0, BULLETIN_MONTH)[0]).toMatchObject({ source: "import", changedBy: staffId });
    const again = await previewFile(new Uint8Array(buffer), "全省通报.xlsx");
    expect(again.preview?.counts).toMatchObject({ new: 0, unchanged: 6 });
  });

  it("reads the 183-unit table too, and marks a submitted month's values 已提交, importing none of them", async () => {
    await signInAs("zhangsan");
    const db = getDb();
    const confirmedMissing = listIndicators(db).map((indicator) => indicator.key);
    expect(submitMonth(db, { organizationId: organizationId(), month: SUBMITTED_MONTH, userId: staffId, confirmedMissing }).ok).toBe(true);
    const { buffer } = await bulletinWorkbook({ layout: "split", month: SUBMITTED_MONTH });
    const before = dumpTables(db);
    const shown = await previewFile(new Uint8Array(buffer), "全省通报.xlsx");
    expect(shown.preview?.counts).toEqual({ new: 0, changed: 0, unchanged: 0, submitted: 6, locked: 0 });
    expect(shown.preview?.periods[0]?.rows.every((row) => row.status === "submitted")).toBe(true);
    expect(shown.payload).toBeNull();
    expect(dumpTables(db)).toEqual(before);
  });

  it("asks for the month of a table that names none, takes the month chosen, and refuses one to come", async () => {
    await signInAs("zhangsan");
    const { buffer } = await bulletinWorkbook({ layout: "split", size: "small", month: CHOSEN_MONTH });
    const bytes = await withoutMonth(buffer);
    const before = dumpTables(getDb());
    const asked = await previewFile(bytes, "通报.xlsx");
    expect(asked).toMatchObject({ status: "invalid", monthChoice: { defaultMonth: LAST_MONTH } });
    expect(asked.message).toContain("表格的标题中没有写月份");
    expect(asked.message).toContain("/import/bulletin");
    const file = () => new File([new Uint8Array(bytes)], "通报.xlsx");
    const chosen = await importFigures(asked, form({ intent: "preview", file: file(), month: CHOSEN_MONTH }));
    expect(chosen.status).toBe("preview");
    expect(chosen.preview?.periods.map((group) => group.period)).toEqual([CHOSEN_MONTH]);
    const refused = await importFigures(asked, form({ intent: "preview", file: file(), month: addMonths(CURRENT, 1) }));
    expect(refused).toMatchObject({ status: "invalid", message: "所选月份无效，请从列表中选择。本次未写入任何数据。" });
    expect(dumpTables(getDb())).toEqual(before);
  });

  it("tells a town's row apart: a table without the unit imported into says so and writes nothing", async () => {
    await signInAs("zhangsan");
    const { buffer } = await bulletinWorkbook({ layout: "split", size: "small", month: CHOSEN_MONTH });
    const town = addUnit(getDb(), { name: "格里坪镇", shortName: "格里坪", kind: "sub" }).id;
    const before = dumpTables(getDb());
    const shown = await importFigures(IDLE_IMPORT, form({ intent: "preview", file: new File([new Uint8Array(buffer)], "通报.xlsx"), unit: String(town) }));
    expect(shown.status).toBe("invalid");
    expect(shown.message).toMatch(/^这是一张每个单位一行的通报表：表中没有找到“格里坪镇”的一行（单位名称取自/);
    expect(shown.message).toContain("/import/bulletin");
    expect(dumpTables(getDb())).toEqual(before);
    // the town's own account imports into its town, and is not offered the bulletin import it may not use
    const clerk = (await addAccount("geliping", "staff", "格里坪镇文书")).id;
    setUserUnit(getDb(), { userId: clerk, organizationId: town, assignedBy: staffId });
    await signInAs("geliping");
    const scoped = dumpTables(getDb());
    const theirs = await previewFile(new Uint8Array(buffer), "通报.xlsx");
    expect(theirs.status).toBe("invalid");
    expect(theirs.message).toMatch(/^这是一张每个单位一行的通报表：表中没有找到“格里坪镇”的一行/);
    expect(theirs.message).not.toContain("导入省级通报");
    expect(dumpTables(getDb())).toEqual(scoped);
  });
});
