/**
 * Generated malformed input for every server action, shared by the action fuzz test (Vitest,
 * app/_auth/fuzz.test.ts) and the request fuzz against the production server (.ci/fuzz.ts).
 * Every call generated here must be refused: each one carries at least one field that no valid
 * submission can hold, so any change it makes to the database is a silent change, a defect.
 * Deterministic for a seed, so a failure can be replayed.
 */

export type Random = () => number;

/** mulberry32: a small seeded generator, good enough to pick test cases. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/** What the generators need to know about the database they run against. */
export type FuzzContext = {
  /** A past month with figures in it, and a past quarter. */
  month: string;
  quarter: string;
  /** The active indicator keys, and those of ranks. */
  indicatorKeys: readonly string[];
  rankKeys: readonly string[];
  /** An existing account other than the caller (never changed by a refused call). */
  otherUserId: string;
};

export type Fields = [name: string, value: string][];

/** Text no field accepts where text is required: blank, control characters, far too long. */
export const BAD_TEXT = ["", " ", "\u0000", "名\u0000称", "a\nb", "a\tb", "\u202E反向", "\u001b[31m红", "x".repeat(5000), "\uFEFF", "\u2028", "名\u200E称", "\u200F西区", "西\u202E区", "名\u0007称", "\u2066名称\u2069", "名\u061C称"];
/** Not a number any figure field accepts (never blank, which means "not reported"). */
export const BAD_NUMBERS = [
  "12,5", "1287,27", "4,5", "1,2345", ",123", "123,", "1,,234", "１２，５", "1.234,5", "abc", "三十四", "-1", "-0.5", "+1", "1e3",
  "0x10", "Infinity", "NaN", "1.2.3", "1 2", "1\u00002", "\u0000", "9".repeat(20), "0.123456789", "1e309", "--1", "٣٤", "12%3",
];
export const BAD_MONTHS = [
  "0000-01", "9999-12", "1999-12", "2101-01", "2024-13", "2024-00", "24-03", "2024-3", "２０２４-03", " 2024-03", "2024-03\n", "",
  "abc", "2024-03-01", "%ZZ", "../2024-03", "2024-Q1", "-001-12", "10000-01",
];
export const BAD_QUARTERS = ["0000-Q1", "9999-Q4", "1999-Q4", "2101-Q1", "2024-Q5", "2024-Q0", "2024-q1", "2024Q1", "", "2024-03", "abc", "2024-Q1\n"];
export const BAD_YEARS = ["", "0", "1999", "2101", "9999", "abc", "2026.5", "-2026", "1e9", "２０２６x"];
export const BAD_IDS = ["", "0", "-1", "abc", "1.5", "1e400", "999999999", "NaN", " ", "\u0000", "1,000", "' OR 1=1 --", "x".repeat(300)];
export const BAD_USERNAMES = ["", "a", "张三", "a b", "-ab", ".ab", "x".repeat(33), "ab\u0000", "ab/cd", "ab@cd", "<script>", "ab\ncd"];
export const BAD_ROLES = ["", "root", "superuser", "admin ", "\u0000", "ADMIN\u0000", "管理员"];
export const BAD_PASSWORDS = ["", "short", "x".repeat(129), "good-pass\u0000word"];
export const BAD_KEYS = ["", "month", "next", "value", "supply_total_rank__of", "x__y", "Bad Key", "a", "1abc", "popsci_", "nanny_new", "users_total", "x".repeat(41), "键名", "a-b"];
/** The seeded flows: the only indicators a year's form of whole-year totals takes. */
const FLOW_KEYS = ["users_new", "users_new_individual", "users_new_scitech", "users_new_org", "supply_new", "demand_new", "deals_new", "nanny_new", "studio_new"];
const UNKNOWN_KEYS = ["no_such_indicator", "../nanny_new", "nanny_new\u0000", "NANNY_NEW", "x".repeat(200)];
const UNKNOWN_NETWORKS = ["198.18.0.1", "198.19.255.254", "2001:db8:dead::/64", "", "not-an-address", "\u0000", "x".repeat(500)];
const BAD_COMMENTS = ["\u0000", "原因\u0007", "\u202E反向说明", "长".repeat(5001), "\u001b[2J", "说明\u200E文字", "\u200F说明"];
/** Yes/no fields take exactly "true" or "false" (issue 29: `active=maybe` retired an indicator). */
const BAD_BOOLEANS = ["maybe", "", "on", "1", "yes", "TRUE", "true ", "\u200Etrue", "\u0000"];
/** The review reasons kept NUL, BEL and U+202E (issue 29). */
const BAD_REASONS = ["原因\u0000", "原因\u0007", "\u202E原因", "原因\u200E", "\u200F原因"];

type Generator = (random: Random, context: FuzzContext) => Fields;

/** One field of a valid submission replaced by a bad value. */
function corrupt(random: Random, valid: Record<string, string>, bad: Record<string, readonly string[]>): Fields {
  const name = pick(random, Object.keys(bad));
  return Object.entries({ ...valid, [name]: pick(random, bad[name] ?? [""]) });
}

function uniqueName(random: Random, prefix: string): string {
  return `${prefix}${Math.floor(random() * 1e9).toString(36)}`;
}

/** For each action, by its exported name, a generator of calls that must be refused. */
export const MALFORMED: Record<string, Generator> = {
  saveMonth: (random, { month, indicatorKeys, rankKeys }) => {
    if (random() < 0.25) return [["month", pick(random, [...BAD_MONTHS, "2099-01", "2100-12"])], ["nanny_new", "34"]];
    const fields: Fields = [["month", month]];
    const badOnes = 1 + Math.floor(random() * 3);
    for (let i = 0; i < badOnes; i += 1) {
      const rank = random() < 0.3 ? pick(random, rankKeys) : null;
      const name = rank ? `${rank}__${pick(random, ["of", "above", "below"])}` : pick(random, indicatorKeys);
      fields.push([name, pick(random, BAD_NUMBERS)]);
    }
    return fields;
  },
  saveYearTotals: (random, { month }) => {
    // a year that is not over, or not a year at all
    if (random() < 0.3) return [["year", pick(random, [...BAD_YEARS, "2099", "2100", month, `${month.slice(0, 4)}-Q1`])], ["nanny_new", "400"]];
    const fields: Fields = [["year", month.slice(0, 4)]];
    const badOnes = 1 + Math.floor(random() * 3);
    for (let i = 0; i < badOnes; i += 1) fields.push([pick(random, FLOW_KEYS), pick(random, BAD_NUMBERS)]);
    return fields;
  },
  revertFigure: (random) => [["revisionId", pick(random, BAD_IDS)]],
  correctBaseline: (random) => {
    const valid = { key: "users_total", period: "2023-12", value: "14312", reason: "核对文件原文", seen__value: "14312" };
    if (random() < 0.2) return Object.entries({ ...valid, key: pick(random, UNKNOWN_KEYS) });
    if (random() < 0.2) return Object.entries({ ...valid, period: pick(random, ["2024-03", "2023", "2023-11", ...BAD_MONTHS]) });
    return corrupt(random, valid, { value: [...BAD_NUMBERS, ""], reason: ["", " ", "\u0000", "理由\u0007", "\u202E反向", "长".repeat(201), "理由\u200E", "\u200F理由"] });
  },
  importFigures: (random) => [
    ["intent", "commit"],
    ["payload", pick(random, ["", "{}", "[]", "null", "not json", "{\"fileName\":\"x.xlsx\",\"batches\":[{\"period\":\"9999-01\"}]}", "\u0000", "x".repeat(5000)])],
  ],
  submitMonthForReview: (random, { month }) =>
    // a month no one has submitted, with its blank indicators not confirmed, or no month at all
    random() < 0.5 ? [["month", pick(random, [...BAD_MONTHS, "2099-01"])]] : [["month", month], ["confirmMissing", pick(random, ["", "no_such_indicator", "\u0000"])]],
  returnMonthForCorrection: (random, { month }) =>
    random() < 0.5 ? [["month", pick(random, BAD_MONTHS)], ["reason", "核对"]] : [["month", month], ["reason", pick(random, ["", " ", "\u0000", "原因", ...BAD_REASONS])]],
  approveMonthReview: (random, { month }) => [["month", pick(random, [...BAD_MONTHS, month])]],
  unlockApprovedMonth: (random, { month }) =>
    random() < 0.5 ? [["month", pick(random, BAD_MONTHS)], ["reason", "更正"]] : [["month", month], ["reason", pick(random, ["", " ", "更正数据", ...BAD_REASONS])]],
  saveDueSettings: (random) =>
    corrupt(random, { dueDay: "5", soonDays: "3", trackFrom: "2026-01" }, {
      dueDay: ["", "0", "32", "5.5", "五", "-1", "1e9", "\u0000"],
      soonDays: ["", "-1", "abc", "1.5", "1e9"],
      trackFrom: BAD_MONTHS,
    }),
  retryOutboxMessage: (random) => [["messageId", pick(random, BAD_IDS)]],
  saveOrganization: (random) =>
    corrupt(random, { name: "攀枝花市西区科学技术协会", shortName: "西区" }, {
      name: [...BAD_TEXT, "西"],
      shortName: [...BAD_TEXT, "西/区", "西:区", "简".repeat(21)],
    }),
  issueToken: (random) => [["name", pick(random, BAD_TEXT)]],
  revokeToken: (random) => [["tokenId", pick(random, BAD_IDS)]],
  setReviewerGrant: (random, { otherUserId }) =>
    random() < 0.5 ? [["userId", pick(random, BAD_IDS)], ["reviewer", pick(random, ["true", "false"])]] : [["userId", otherUserId], ["reviewer", pick(random, BAD_BOOLEANS)]],
  addUser: (random) =>
    random() < 0.15
      ? Object.entries({ username: uniqueName(random, "fz"), name: "模糊测试", role: "staff", password: "good-pass-1", confirm: "good-pass-2" })
      : corrupt(
          random,
          { username: uniqueName(random, "fz"), name: "模糊测试", role: "staff", password: "good-pass-1", confirm: "good-pass-1" },
          { username: BAD_USERNAMES, name: BAD_TEXT, role: BAD_ROLES },
        ),
  changeRole: (random, { otherUserId }) =>
    random() < 0.5 ? [["userId", pick(random, BAD_IDS)], ["role", "viewer"]] : [["userId", otherUserId], ["role", pick(random, BAD_ROLES)]],
  resetUserPassword: (random, { otherUserId }) =>
    random() < 0.5 ? [["userId", pick(random, BAD_IDS)], ["password", "good-pass-9"]] : [["userId", otherUserId], ["password", pick(random, BAD_PASSWORDS)]],
  setUserDisabled: (random, { otherUserId }) =>
    random() < 0.5 ? [["userId", pick(random, BAD_IDS)], ["disabled", pick(random, ["true", "false", "", "1"])]] : [["userId", otherUserId], ["disabled", pick(random, BAD_BOOLEANS)]],
  liftSignInLimits: (random) => [["userId", pick(random, BAD_IDS)]],
  liftNetworkLimit: (random) => [["network", pick(random, UNKNOWN_NETWORKS)]],
  saveTarget: (random) =>
    corrupt(
      random,
      { indicator: "nanny_new", year: "2026", rule: "monthly_avg", value: "34", source: "省科协要求" },
      {
        indicator: [...BAD_KEYS.filter((key) => key !== "nanny_new" && key !== "users_total"), ...UNKNOWN_KEYS],
        year: BAD_YEARS,
        rule: ["", "rank_at_most", "year_end_level", "sometimes", "\u0000"],
        value: BAD_NUMBERS,
        source: BAD_TEXT.filter((text) => text !== "x".repeat(5000)).concat(["来".repeat(101)]),
      },
    ),
  retireTargetAction: (random) => [["targetId", pick(random, BAD_IDS)]],
  saveBands: (random) =>
    random() < 0.3
      ? [["green", "90"], ["amber", pick(random, ["90", "95", "150"])]]
      : corrupt(random, { green: "100", amber: "85" }, { green: ["", "abc", "49", "201", "-1", "1e9", "NaN", "1,00"], amber: ["abc", "-1", "201", "NaN", "1,0"] }),
  saveCommentary: (random, { quarter }) =>
    random() < 0.3
      ? [["quarter", pick(random, BAD_QUARTERS)], ["overall", "总体平稳"]]
      : [["quarter", quarter], [pick(random, ["overall", "cause__nanny_new", "next_step__nanny_new"]), pick(random, BAD_COMMENTS)]],
  saveMonthBrief: (random, { month }) => {
    if (random() < 0.3) return [["month", pick(random, [...BAD_MONTHS, "2099-01", "2100-12"])], ["brief", "截至3月底"], ["base__brief", ""]];
    if (random() < 0.15) return [["month", month], ["brief", "截至3月底，我区……"]];
    return [["month", month], ["brief", pick(random, BAD_COMMENTS)], ["base__brief", ""]];
  },
  addIndicatorAction: (random) =>
    corrupt(
      random,
      { key: uniqueName(random, "fz_"), name: "模糊测试指标", unit: "个", category: "科普", description: "", kind: "flow", decimals: "0", sortOrder: "999" },
      {
        key: BAD_KEYS,
        name: BAD_TEXT,
        unit: BAD_TEXT,
        category: BAD_TEXT,
        description: ["\u0000", "\u202E", "说".repeat(201)],
        kind: ["", "gauge", "FLOW", "\u0000"],
        decimals: ["5", "-1", "1.5", "abc"],
        sortOrder: ["-1", "1.5", "abc", "100001"],
      },
    ),
  updateIndicatorAction: (random) =>
    random() < 0.3
      ? Object.entries({ key: pick(random, UNKNOWN_KEYS), name: "新名称", unit: "条", category: "供需对接", sortOrder: "90" })
      : corrupt(
          random,
          { key: "demand_new", name: "新增发布科技所需", unit: "条", category: "供需对接", sortOrder: "90" },
          { name: BAD_TEXT, unit: BAD_TEXT, category: BAD_TEXT, sortOrder: ["-1", "1.5", "abc", "100001"] },
        ),
  setIndicatorActiveAction: (random) =>
    random() < 0.5 ? [["key", pick(random, UNKNOWN_KEYS)], ["active", pick(random, ["true", "false"])]] : [["key", "demand_new"], ["active", pick(random, BAD_BOOLEANS)]],
  addUnitAction: (random) =>
    corrupt(random, { name: uniqueName(random, "模糊镇"), shortName: uniqueName(random, "模"), kind: "sub" }, {
      name: [...BAD_TEXT, "西"],
      shortName: [...BAD_TEXT, "西/区", "简".repeat(21)],
      kind: ["", "home", "HOME", "sub ", "town", "\u0000"],
    }),
  renameUnitAction: (random) =>
    random() < 0.5
      ? [["unitId", pick(random, BAD_IDS)], ["name", "格里坪镇"], ["shortName", "格里坪"]]
      : // unit 1 is the home unit, renamed only in 单位设置
        [["unitId", "1"], ["name", pick(random, [...BAD_TEXT, "新名称"])], ["shortName", "新"]],
  setUnitRetiredAction: (random) =>
    random() < 0.5 ? [["unitId", pick(random, BAD_IDS)], ["retire", "true"], ["month", "2026-10"]] : [["unitId", "1"], ["retire", pick(random, ["true", "false", "", "yes", ...BAD_BOOLEANS])]],
  addAliasAction: (random) =>
    random() < 0.5 ? [["unitId", pick(random, BAD_IDS)], ["alias", "攀枝花市西区"]] : [["unitId", "1"], ["alias", pick(random, [...BAD_TEXT, "西"])]],
  removeAliasAction: (random) => [["unitId", pick(random, [...BAD_IDS, "1"])], ["alias", uniqueName(random, "没有的别名")]],
  saveSubUnitIndicatorsAction: (random, { rankKeys }) => [["indicator", "nanny_new"], ["indicator", pick(random, [...UNKNOWN_KEYS, ...rankKeys])]],
  setAccountUnitAction: (random, { otherUserId }) =>
    random() < 0.5 ? [["userId", pick(random, BAD_IDS)], ["unit", ""]] : [["userId", otherUserId], ["unit", pick(random, ["1", ...BAD_IDS.filter((id) => id !== "")])]],
  allocateTarget: (random) =>
    corrupt(random, { targetId: "999999", year: "2026", method: "equal" }, {
      targetId: BAD_IDS,
      year: BAD_YEARS,
      method: ["", "random", "EQUAL", "\u0000"],
    }),
  importBulletin: (random) =>
    pick(random, [
      (): Fields => [["intent", pick(random, ["", "drop", "alias:x", "peer:-1", "commit2", "\u0000"])]],
      (): Fields => [["intent", "commit"], ["payload", pick(random, ["", "{}", "[]", "not json", "{\"month\":\"9999-01\",\"items\":[]}", "x".repeat(5000)])]],
      (): Fields => [["intent", pick(random, ["remap", "peers:all", "peer:5", "alias:5"])], ["table", pick(random, ["", "{}", "null", "[1]", "x".repeat(3000)])]],
      (): Fields => [["intent", "preview"], ["paste", "单位\t科普服务量\n西区\t1\n"], ["month", pick(random, [...BAD_MONTHS.filter((month) => month !== ""), "2099-01"])]],
      (): Fields => [["intent", "preview"], ["paste", pick(random, ["", " ", "指标\t2026-10\nnanny_new\t3\n", "\u0000"])]],
    ])(),
  changeOwnPassword: (random) =>
    random() < 0.5
      ? [["currentPassword", "not-the-password-1"], ["newPassword", "brand-new-pass-1"], ["confirm", "brand-new-pass-1"]]
      : corrupt(
          random,
          { currentPassword: "not-the-password-1", newPassword: "brand-new-pass-1", confirm: "brand-new-pass-1" },
          { newPassword: BAD_PASSWORDS, confirm: ["", "something-else-1"], currentPassword: [""] },
        ),
  signIn: (random) => [
    ["username", pick(random, [...BAD_USERNAMES, uniqueName(random, "nobody-")])],
    ["password", pick(random, [...BAD_PASSWORDS, "wrong-password-1"])],
    ["next", pick(random, ["//evil.example", "/\t/evil.example", "/%2F%2Fevil", "https://evil.example", "/\\evil", "/entry/%ZZ"])],
  ],
  setUp: (random) =>
    corrupt(random, { username: uniqueName(random, "fz"), name: "模糊测试", password: "good-pass-1", confirm: "good-pass-1" }, {
      username: BAD_USERNAMES,
      name: BAD_TEXT,
      password: BAD_PASSWORDS,
      confirm: ["", "different-pass-1"],
    }),
};

/** Actions without input: any well-formed call to them is a real request (they get only malformed-shape calls). */
export const WITHOUT_INPUT = new Set(["clearDemo", "signOut", "sendTestMessage"]);

/** Argument lists no form sends: the wrong number of arguments, or something other than a form last. */
export function malformedArgumentLists(): unknown[][] {
  const form = new FormData();
  form.set("month", "2024-03");
  return [
    [],
    [undefined],
    ["2024-03"],
    [{}, "month=2024-03"],
    [{}, { get: () => "2024-03" }],
    [{}, null],
    [{}, 42],
    [{}, ["month", "2024-03"]],
    [null, null],
    [{}, form, "extra"],
    [form, form, form],
    [{ status: "idle" }, new Map([["month", "2024-03"]])],
  ];
}

// ── Request bodies that cost little to send (issue 29) ──

/** A multipart body with exactly these parts, in this order, names and values as they are (no escaping). */
export function multipartBody(parts: Fields, options: { boundary?: string; preamble?: string } = {}): { body: Uint8Array<ArrayBuffer>; contentType: string } {
  const boundary = options.boundary ?? "kepu-fuzz-boundary";
  const text = parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("");
  return { body: new TextEncoder().encode(`${options.preamble ?? ""}${text}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * The audit's amplification (a call with JavaScript): the arguments refer `fanOut` times to part 1,
 * which refers `fanOut` times to part 2, and so on `levels` deep — fanOut^levels references to follow
 * for a checker that re-reads a part at each reference. Parts in the order React writes them.
 */
export function referenceAmplification(fanOut: number, levels: number): Fields {
  const parts: Fields = [[String(levels), "[]"]];
  for (let level = levels - 1; level >= 1; level -= 1) parts.push([String(level), JSON.stringify(Array<string>(fanOut).fill(`$${(level + 1).toString(16)}`))]);
  parts.push(["0", JSON.stringify([...Array<string>(fanOut).fill("$1"), "$K1"])]);
  return parts;
}

export type ExpensiveBody = { label: string; parts: Fields; preamble?: string; boundary?: string };

/** Calls (with JavaScript) of a few kilobytes to a few megabytes, under the body limit, each malformed and each once able to stall or fail the server. */
export function expensiveActionBodies(): ExpensiveBody[] {
  const emptyParts: Fields = Array.from({ length: 100_000 }, () => ["_1_", ""]);
  const bigArray = JSON.stringify(Array<number>(300_000).fill(0));
  return [
    { label: "references 100 times, 3 levels deep (2 KB)", parts: referenceAmplification(100, 3) },
    { label: "references 400 times, 3 levels deep (6 KB)", parts: referenceAmplification(400, 3) },
    { label: "references 20 times, 6 levels deep", parts: referenceAmplification(20, 6) },
    { label: "100 000 references to one part", parts: [["1", "{}"], ["0", JSON.stringify([Array<string>(100_000).fill("$1"), "$K1"])]] },
    { label: "a chain of 1 500 parts, each referring to the next", parts: [...Array.from({ length: 1_500 }, (_, i): [string, string] => [String(1_500 - i), i === 0 ? "{}" : `"$${(1_501 - i).toString(16)}"`]), ["0", '["$1","$K1"]']] },
    // a one-letter boundary, so that the 100 000 parts fit under the body limit
    { label: "100 000 empty parts", parts: [...emptyParts, ["0", '[{},"$K1"]']], boundary: "B" },
    { label: "arguments nested 2 000 000 levels deep", parts: [["0", `${"[".repeat(2_000_000)}${"]".repeat(2_000_000)}`]] },
    { label: "arguments of 5 MB of blank lines", parts: [["0", "\n".repeat(5_000_000)]] },
    { label: "5 MB of blank lines before the first part, and no arguments", parts: [["_1_month", "2024-03"]], preamble: "\r\n".repeat(2_500_000) },
    { label: "an array of 1 100 000 elements in the arguments", parts: [["0", `[${JSON.stringify(Array<number>(1_100_000).fill(0))},"$K1"]`]] },
    { label: "a 300 000-element array referred to four times", parts: [["1", bigArray], ["0", '["$1","$1","$1","$1","$K1"]']] },
    { label: "a part name of 1 MB", parts: [[`_1_${"n".repeat(1_000_000)}`, "x"], ["0", '[{},"$K1"]']] },
  ];
}

/** A call (with JavaScript) the forms never send, with the status it must get: React would fail on it (a 500) if Next saw it. */
export type MalformedCall = { label: string; parts: Fields; status: 400 };

export function malformedCalls(state: string): MalformedCall[] {
  const call = (label: string, parts: Fields): MalformedCall => ({ label, parts, status: 400 });
  const args = `[${state},"$K1"]`;
  return [
    call("1 001 arguments", [["_1_month", "2024-03"], ["0", JSON.stringify([...Array<object>(1_000).fill({}), "$K1"])]]),
    call("a forward reference (to a part after the arguments)", [["_1_month", "2024-03"], ["0", '["$1","$K1"]'], ["1", "{}"]]),
    call("field 0 twice", [["_1_month", "2024-03"], ["0", args], ["0", args]]),
    call('"00" before field 0 (React reads it as the arguments)', [["_1_month", "2024-03"], ["00", args], ["0", args]]),
    call("a part referred to, sent again after the arguments", [["_1_month", "2024-03"], ["1", "{}"], ["0", '["$1","$K1"]'], ["1", "{}"]]),
    call('a stream part "S1" after the arguments', [["_1_month", "2024-03"], ["1", "{}"], ["0", '["$1","$K1"]'], ["S1", "x"]]),
    call("a control character in a part name", [["_1_month", "2024-03"], ["_1_a\u0001b", "x"], ["0", args]]),
    call("a control character in the arguments' name", [["_1_month", "2024-03"], ["0\u0007", args]]),
    call("a reference $a, which React reads from part 10", [["_1_month", "2024-03"], ["a", "{}"], ["10", '"$Q1"'], ["0", '["$a","$K1"]']]),
    call("a path into a part that holds a map", [["_1_month", "2024-03"], ["1", '{"a":"ok","b":"$Q2"}'], ["2", "[]"], ["0", '["$1:a","$K1"]']]),
    call("a part referring to itself", [["_1_month", "2024-03"], ["1", '["$1"]'], ["0", '["$1","$K1"]']]),
  ];
}

/** A form posted without JavaScript that React would fail on, for the action with this id. */
export function malformedFormsWithoutJavaScript(actionId: string): MalformedCall[] {
  const meta = JSON.stringify({ id: actionId, bound: "$@1" });
  const call = (label: string, parts: Fields): MalformedCall => ({ label, parts, status: 400 });
  return [
    call("1 001 bound arguments", [["$ACTION_REF_1", ""], ["$ACTION_1:0", meta], ["$ACTION_1:1", JSON.stringify(Array<object>(1_001).fill({}))], ["month", "2024-03"]]),
    call("its action descriptor twice", [["$ACTION_REF_1", ""], ["$ACTION_1:0", meta], ["$ACTION_1:0", meta], ["$ACTION_1:1", "[{}]"], ["month", "2024-03"]]),
    call("a malformed action id", [["$ACTION_ID_zz", ""], ["month", "2024-03"]]),
    call("a control character in a field name", [[`$ACTION_ID_${actionId}`, ""], ["mon\u0000th", "2024-03"]]),
  ];
}
