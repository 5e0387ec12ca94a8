import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { workbookBytes } from "@/lib/sheet/test-support";
import { addAccount, signInAs, openTemporaryAppDatabase } from "@/tests/support/accounts";
import { dumpTables } from "@/tests/support/database";
import { getDb } from "@/db/client";
import { getIndicatorByKey } from "@/db/catalog";
import { getPeriodFigures } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { listRevisions } from "@/db/revisions";
import { saveFigures } from "@/db/save-figures";
import { IDLE_IMPORT, type ImportState } from "./import-state";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { importFigures } = await import("./actions");

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

async function previewFile(bytes: Uint8Array, name: string): Promise<ImportState> {
  return importFigures(IDLE_IMPORT, form({ intent: "preview", file: new File([new Uint8Array(bytes)], name) }));
}

describe("the import action", () => {
  it("previews an uploaded workbook, writes nothing, then commits it with revisions from the import", async () => {
    await signInAs("zhangsan");
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("2026");
      sheet.addRow(["指标", "2026年9月", "2026年10月"]);
      sheet.addRow(["nanny_new", 36, 41]);
    });
    const before = dumpTables(getDb());
    const preview = await previewFile(bytes, "十月数据.xlsx");
    expect(preview.status).toBe("preview");
    expect(preview.preview?.counts).toEqual({ new: 2, changed: 0, unchanged: 0, locked: 0 });
    expect(dumpTables(getDb())).toEqual(before);

    const done = await importFigures(preview, form({ intent: "commit", payload: preview.payload ?? "" }));
    expect(done).toMatchObject({ status: "done", message: "已导入“十月数据.xlsx”：新增 2 项、更新 0 项，每项均已记录修订（来源：导入）。" });
    expect(stored("2026-10", "nanny_new")).toBe(41);
    const nanny = getIndicatorByKey(getDb(), "nanny_new");
    expect(listRevisions(getDb(), organizationId(), nanny?.id ?? 0, "2026-10")[0]).toMatchObject({ source: "import", changedBy: staffId, note: "导入文件：十月数据.xlsx" });
  });

  it("answers a bad file with its Chinese reason and keeps the pasted text", async () => {
    await signInAs("zhangsan");
    const state = await importFigures(IDLE_IMPORT, form({ intent: "preview", file: new File([new TextEncoder().encode("%PDF-1.4 …")], "报告.pdf"), paste: "保留我" }));
    expect(state).toMatchObject({ status: "invalid", paste: "保留我" });
    expect(state.message).toContain("这不是表格文件（这是 PDF 文件）");
  });

  it("says so and previews anew when someone changed a figure after the preview", async () => {
    await signInAs("zhangsan");
    const preview = await importFigures(IDLE_IMPORT, form({ intent: "preview", paste: "指标\t2026-08\nnanny_new\t38\n" }));
    expect(preview.preview?.counts.new).toBe(1);
    saveFigures(getDb(), { organizationId: organizationId(), period: "2026-08", figures: new Map([["nanny_new", { value: 35 }]]), source: "form", changedBy: staffId });
    const before = dumpTables(getDb());
    const conflict = await importFigures(preview, form({ intent: "commit", payload: preview.payload ?? "" }));
    expect(conflict.status).toBe("conflict");
    expect(conflict.message).toContain("2026年8月“促成“保姆式”服务单数”（预览时为 空，现为 35单）");
    expect(dumpTables(getDb())).toEqual(before);
    // the new preview shows the figure against what is stored now, ready to confirm again
    expect(conflict.preview?.periods[0]?.rows[0]).toMatchObject({ status: "changed", before: "35单", after: "38单" });
    const done = await importFigures(conflict, form({ intent: "commit", payload: conflict.payload ?? "" }));
    expect(done.status).toBe("done");
    expect(stored("2026-08", "nanny_new")).toBe(38);
  });

  it("refuses a viewer, writing nothing", async () => {
    await signInAs("leader");
    const state = await importFigures(IDLE_IMPORT, form({ intent: "preview", paste: "指标\t2026-07\nnanny_new\t30\n" }));
    expect(state.status).toBe("refused");
    expect(state.paste).toBe("指标\t2026-07\nnanny_new\t30\n");
  });
});
