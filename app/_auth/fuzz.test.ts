import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { dumpTables } from "@/tests/support/database";
import { MALFORMED, malformedArgumentLists, seededRandom, WITHOUT_INPUT, type FuzzContext } from "@/tests/support/malformed-inputs";
import { redirectTarget } from "@/tests/support/next-request";
import { listIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

type Action = (...args: unknown[]) => Promise<unknown>;

/** Every exported server action under app/, by its exported name. */
async function exportedActions(): Promise<Map<string, Action>> {
  const actions = new Map<string, Action>();
  const files = fs.readdirSync(path.resolve("app"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith("actions.ts"));
  for (const file of files) {
    if (!fs.readFileSync(path.resolve("app", file), "utf8").startsWith('"use server"')) continue;
    const exported: Record<string, unknown> = await import(path.resolve("app", file));
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value === "function") actions.set(name, (...args: unknown[]) => Promise.resolve(value(...args)));
    }
  }
  return actions;
}

/** The database's content, leaving out what a refused sign-in may rightly touch (its failure count, session expiry). */
function content(): string {
  const { sessions: _sessions, sign_in_attempts: _attempts, ...rest } = dumpTables(getDb());
  return JSON.stringify(rest);
}

function form(fields: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

const isNotFound = (error: unknown) => error instanceof Error && "digest" in error && error.digest === "NEXT_HTTP_ERROR_FALLBACK;404";

/** What a call said: refused (with its message), accepted, or failed with an unexpected error. */
function verdict(result: unknown): "refused" | "accepted" {
  if (result !== null && typeof result === "object" && "status" in result) {
    return result.status === "invalid" || result.status === "refused" ? "refused" : "accepted";
  }
  // sign-in and setup answer a refusal with a message and accept with a redirect (thrown)
  return result !== null && typeof result === "object" && "message" in result && result.message ? "refused" : "accepted";
}

let cleanup: () => void;
let actions: Map<string, Action>;
let context: FuzzContext;
const tally = { calls: 0, unexpected: [] as string[], silent: [] as string[], accepted: [] as string[] };

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: true });
  await addAccount("fuzz-admin", "admin");
  const other = await addAccount("victim", "staff");
  const indicators = listIndicators(getDb());
  context = {
    month: "2024-03",
    quarter: "2024-Q1",
    indicatorKeys: indicators.map((indicator) => indicator.key),
    rankKeys: indicators.filter((indicator) => indicator.kind === "rank").map((indicator) => indicator.key),
    otherUserId: other.id,
  };
  actions = await exportedActions();
});
afterAll(() => {
  console.log(`fuzz: ${tally.calls} action calls, ${tally.unexpected.length} unexpected errors, ${tally.silent.length} silent changes`);
  cleanup();
});

describe("the action fuzz", () => {
  it("has malformed input for every exported action (or knows it takes none)", () => {
    const uncovered = [...actions.keys()].filter((name) => !(name in MALFORMED) && !WITHOUT_INPUT.has(name));
    expect(uncovered).toEqual([]);
  });

  it("refuses argument lists no form sends before any work, with a 404, changing nothing", async () => {
    await signInAs("fuzz-admin");
    for (const [name, action] of actions) {
      for (const args of malformedArgumentLists()) {
        tally.calls += 1;
        const before = content();
        const outcome = await action(...args).then(
          () => "answered",
          (error: unknown) => (isNotFound(error) ? "not found" : `threw ${String(error)}`),
        );
        if (outcome !== "not found") tally.unexpected.push(`${name}(${args.length} args): ${outcome}`);
        if (content() !== before) tally.silent.push(`${name}(${args.length} args)`);
      }
    }
    expect(tally.unexpected).toEqual([]);
    expect(tally.silent).toEqual([]);
  }, 120_000);

  it("refuses hundreds of generated malformed submissions with a message, changing nothing", async () => {
    const random = seededRandom(Number(process.env.FUZZ_SEED ?? 20261127));
    const perAction = Number(process.env.FUZZ_PER_ACTION ?? 24);
    await signInAs("fuzz-admin");
    for (const [name, generate] of Object.entries(MALFORMED)) {
      const action = actions.get(name);
      if (!action) continue;
      for (let i = 0; i < perAction; i += 1) {
        const fields = generate(random, context);
        const label = `${name}(${JSON.stringify(fields).slice(0, 160)})`;
        tally.calls += 1;
        const before = content();
        let result: unknown;
        try {
          result = await action({ status: "idle", message: "", fieldErrors: {}, values: {} }, form(fields));
        } catch (error) {
          if (redirectTarget(error) === null) tally.unexpected.push(`${label}: ${String(error)}`);
          else tally.accepted.push(`${label}: redirected to ${redirectTarget(error)}`);
          if (content() !== before) tally.silent.push(label);
          continue;
        }
        if (verdict(result) === "accepted") tally.accepted.push(`${label}: ${JSON.stringify(result).slice(0, 200)}`);
        else if (content() !== before) tally.silent.push(label);
      }
    }
    expect(tally.unexpected).toEqual([]);
    expect(tally.accepted).toEqual([]);
    expect(tally.silent).toEqual([]);
    expect(tally.calls).toBeGreaterThanOrEqual(500);
  }, 300_000);
});
