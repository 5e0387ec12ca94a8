import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileFingerprint } from "@/tests/support/database";
import { openDatabase } from "@/db/client";
import { seedDatabase } from "@/db/seed";
import { saveMonth } from "./actions";
import type { EntryState } from "./entry-state";

const idle: EntryState = { status: "idle", message: "", values: {}, fieldErrors: {} };
let dir: string;
let file: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-action-"));
  file = path.join(dir, "app.db");
  const db = openDatabase(file);
  seedDatabase(db, { demo: true });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  process.env.DATABASE_PATH = file;
});
afterAll(() => {
  globalThis.kepuDatabase?.db.$client.close();
  globalThis.kepuDatabase = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("the monthly save action", () => {
  it("refuses an invalid submission with every field's Chinese message, keeps the input and leaves the file byte-for-byte unchanged", async () => {
    const before = fileFingerprint(file);
    const typed = { nanny_new: "abc", users_new: "-3", popsci_coverage_rate: "120", supply_new: "70" };
    const state = await saveMonth("2024-03", idle, form(typed));
    expect(state.status).toBe("invalid");
    expect(state.message).toContain("本次未保存任何数据");
    expect(state.fieldErrors).toEqual({
      nanny_new: ["请输入数字，例如 12"],
      users_new: ["不能为负数"],
      popsci_coverage_rate: ["百分比应在 0 到 100 之间"],
    });
    expect(state.values).toEqual(typed);
    expect(fileFingerprint(file)).toBe(before);
  });

  it("refuses a month in the future and writes nothing", async () => {
    const before = fileFingerprint(file);
    const state = await saveMonth("2999-01", idle, form({ nanny_new: "34" }));
    expect(state).toMatchObject({ status: "refused", message: expect.stringContaining("不能填报未来月份") });
    expect(fileFingerprint(file)).toBe(before);
  });

  it("refuses a malformed month and writes nothing", async () => {
    const before = fileFingerprint(file);
    const state = await saveMonth("2024-13", idle, form({ nanny_new: "34" }));
    expect(state.status).toBe("refused");
    expect(fileFingerprint(file)).toBe(before);
  });
});
