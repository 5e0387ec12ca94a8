/**
 * The request fuzz (`npm run fuzz`, run by .ci/run after a production build): starts the production
 * server (server.ts) on a fresh database, signs in as an administrator and sends well over a
 * thousand generated malformed requests to every server action and every route — malformed paths
 * and parameters, bodies of every wrong shape, action calls with arguments no form sends and with
 * field values no valid submission holds (tests/support/malformed-inputs.ts). Every one must be
 * answered below 500 and refused; the database must not change for any of them (a refused
 * sign-in's failure count and a session's expiry aside). Some must get one status exactly, with
 * their reason in Chinese (a method the app does not serve 405, a call from another site 403, an
 * action body React would fail on 400); "expensive" bodies (references that multiply, 100 000 parts,
 * millions of levels or blank lines, all under the size limit) must each be refused within 2 s while
 * /api/health keeps answering within 1 s. Prints `fuzz: N requests, 0 5xx, 0 silent changes` and
 * exits non-zero on any finding.
 * Environment: FUZZ_PORT (default 3197), FUZZ_SEED, FUZZ_PER_ACTION.
 */
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import {
  BAD_IDS,
  expensiveActionBodies,
  malformedCalls,
  malformedFormsWithoutJavaScript,
  multipartBody,
  BAD_KEYS,
  BAD_MONTHS,
  BAD_QUARTERS,
  BAD_YEARS,
  MALFORMED,
  pick,
  seededRandom,
  WITHOUT_INPUT,
  type Fields,
  type FuzzContext,
  type Random,
} from "./support/malformed-inputs";

const port = Number(process.env.FUZZ_PORT ?? 3197);
const base = `http://localhost:${port}`;
const random = seededRandom(Number(process.env.FUZZ_SEED ?? 20261127));
const perAction = Number(process.env.FUZZ_PER_ACTION ?? 14);
const ADMIN = { username: "fuzz-admin", password: "fuzz-admin-pass-1" };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-fuzz-"));
const databasePath = path.join(dir, "app.db");
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: databasePath, PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };

// ── the server and its database ──

if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` before `npm run fuzz`.");
  process.exit(1);
}
execFileSync("npx", ["tsx", "--conditions=react-server", "db/seed-cli.ts"], { env, stdio: "ignore" });
execFileSync("npx", ["tsx", "--conditions=react-server", "db/user-add-cli.ts", ADMIN.username, "admin"], { env: { ...env, PASSWORD: ADMIN.password }, stdio: "ignore" });
execFileSync("npx", ["tsx", "--conditions=react-server", "db/user-add-cli.ts", "fuzz-staff", "staff"], { env: { ...env, PASSWORD: "fuzz-staff-pass-1" }, stdio: "ignore" });
const server = spawn("npm", ["run", "--silent", "serve"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
let serverLog = "";
server.stdout?.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
server.stderr?.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));

function finish(code: number): never {
  try {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  } catch {}
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.error(`the server did not start:\n${serverLog}`);
  finish(1);
}

let database: Database.Database | undefined;
/** The content of every table but the two a refused request may rightly touch. */
function content(): string {
  database ??= new Database(databasePath, { readonly: true, fileMustExist: true });
  const db = database;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
  const hash = crypto.createHash("sha256");
  for (const table of tables) {
    const name = table !== null && typeof table === "object" && "name" in table ? String(table.name) : "";
    if (name === "sessions" || name === "sign_in_attempts") continue;
    hash.update(name).update(JSON.stringify(db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()));
  }
  return hash.digest("hex");
}

// ── sending and judging ──

type Outcome = { status: number; accepted: boolean; note: string; text?: string; allow?: string | null };
const tally = {
  requests: 0,
  serverErrors: [] as string[],
  silent: [] as string[],
  accepted: [] as string[],
  /** Requests that did not get the one status they must get, or not its Chinese reason. */
  wrongAnswers: [] as string[],
  /** Expensive bodies answered late, or while /api/health stalled. */
  slow: [] as string[],
  statuses: new Map<string, number>(),
};
let baseline = "";

async function judge(label: string, send: () => Promise<Outcome>): Promise<Outcome> {
  tally.requests += 1;
  let outcome: Outcome;
  try {
    outcome = await send();
  } catch (error) {
    // the server may close a connection it refused (413, 411): that is an answer, not a fault
    outcome = { status: 0, accepted: false, note: String(error instanceof Error ? (error.cause ?? error.message) : error) };
  }
  const kind = outcome.status === 200 && /"status":"(invalid|refused)"/.test(outcome.note) ? "200 refused by the action" : String(outcome.status);
  tally.statuses.set(kind, (tally.statuses.get(kind) ?? 0) + 1);
  if (outcome.status >= 500) tally.serverErrors.push(`${outcome.status} ${label} ${outcome.note}`);
  if (outcome.accepted) tally.accepted.push(`${label} ${outcome.note}`);
  const now = content();
  if (now !== baseline) {
    if (!outcome.accepted) tally.silent.push(`${outcome.status} ${label}`);
    baseline = now;
  }
  return outcome;
}

/** A request that must get exactly `status`, its reason in Chinese, and with a 405 the methods that are allowed. */
async function judgeExactly(label: string, status: number, send: () => Promise<Outcome>): Promise<void> {
  const outcome = await judge(label, send);
  const faults = [
    outcome.status !== status ? `answered ${outcome.status}, not ${status}` : "",
    /[\u4e00-\u9fff]/.test(outcome.text ?? "") ? "" : "no Chinese reason",
    status === 405 && !outcome.allow ? "no Allow header" : "",
  ].filter(Boolean);
  if (faults.length > 0) tally.wrongAnswers.push(`${label}: ${faults.join(", ")} (${outcome.note.slice(0, 100)})`);
}

const EXPENSIVE_BOUND_MS = 2_000;
const HEALTH_BOUND_MS = 1_000;
let slowest = { label: "", milliseconds: 0 };
let slowestHealth = 0;

/** An expensive body: refused with a 400 within EXPENSIVE_BOUND_MS while /api/health, asked every 50 ms meanwhile, answers within HEALTH_BOUND_MS. */
async function judgeExpensive(label: string, send: () => Promise<Outcome>): Promise<void> {
  let answered = false;
  let milliseconds = 0;
  const health: number[] = [];
  const watch = (async () => {
    while (!answered) {
      const asked = performance.now();
      const ok = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) }).then((response) => response.ok, () => false);
      health.push(ok ? performance.now() - asked : Infinity);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await judgeExactly(label, 400, async () => {
    const started = performance.now();
    try {
      return await send();
    } finally {
      milliseconds = performance.now() - started;
      answered = true;
    }
  });
  await watch;
  const worstHealth = Math.max(0, ...health);
  if (milliseconds > EXPENSIVE_BOUND_MS) tally.slow.push(`${label}: answered in ${Math.round(milliseconds)} ms (bound ${EXPENSIVE_BOUND_MS} ms)`);
  if (worstHealth > HEALTH_BOUND_MS) tally.slow.push(`${label}: /api/health took ${worstHealth === Infinity ? "forever" : `${Math.round(worstHealth)} ms`} meanwhile (bound ${HEALTH_BOUND_MS} ms)`);
  if (milliseconds > slowest.milliseconds) slowest = { label, milliseconds };
  slowestHealth = Math.max(slowestHealth, worstHealth);
}

let cookie = "";

async function request(pathname: string, init: Omit<RequestInit, "headers"> & { headers?: Record<string, string> } = {}): Promise<Outcome> {
  // an empty origin means none: the request is sent without the header
  const headers = Object.fromEntries(Object.entries({ cookie, origin: base, ...init.headers }).filter(([name, value]) => name !== "origin" || value !== ""));
  const response = await fetch(`${base}${pathname}`, { redirect: "manual", signal: AbortSignal.timeout(60_000), ...init, headers });
  const text = await response.text();
  const accepted =
    response.headers.has("x-action-redirect") || (response.status === 200 && /"status":"(done|saved)"/.test(text)) || (init.method === "POST" && response.status === 303);
  const refusal = /"status":"(invalid|refused)"/.exec(text)?.[0] ?? "";
  return { status: response.status, accepted, note: `${refusal} ${text.slice(0, 120).replace(/\s+/g, " ")}`, text, allow: response.headers.get("allow") };
}

/** A raw HTTP request, for what fetch will not send (bad lengths, chunked bodies). */
function raw(text: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "localhost", () => socket.end(text));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    const done = () =>
      resolve({
        status: Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0),
        accepted: false,
        note: answer.split("\r\n")[0] ?? "",
        text: answer.split("\r\n\r\n").slice(1).join("\r\n\r\n"),
        allow: /\r\nallow: ([^\r]*)/i.exec(answer)?.[1] ?? null,
      });
    socket.on("close", done);
    socket.on("error", done);
  });
}

async function signIn(): Promise<void> {
  const page = await (await fetch(`${base}/login`)).text();
  const form = new FormData();
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    if (name) form.set(name, (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  }
  form.set("username", ADMIN.username);
  form.set("password", ADMIN.password);
  const response = await fetch(`${base}/login`, { method: "POST", body: form, redirect: "manual", headers: { origin: base } });
  cookie = (response.headers.getSetCookie() ?? []).map((value) => value.split(";")[0]).join("; ");
  if (!cookie.includes("session_token")) {
    console.error(`could not sign in (${response.status})`);
    finish(1);
  }
}

// ── what to send ──

type ActionInfo = { id: string; name: string; path: string };

/** The app's server actions from the build, each with a page that carries it. */
function actionsOfTheBuild(): ActionInfo[] {
  const manifest: unknown = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8"));
  const node = manifest !== null && typeof manifest === "object" && "node" in manifest ? manifest.node : null;
  const actions: ActionInfo[] = [];
  for (const [id, entry] of Object.entries(node !== null && typeof node === "object" ? node : {})) {
    const name = entry !== null && typeof entry === "object" && "exportedName" in entry ? String(entry.exportedName) : "";
    const workers = entry !== null && typeof entry === "object" && "workers" in entry && entry.workers !== null && typeof entry.workers === "object" ? Object.keys(entry.workers) : [];
    const page = workers[0] ?? "app/page";
    const pagePath = page
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]+\)/g, "")
      .replace("[month]", "2024-03")
      .replace("[quarter]", "2024-Q1")
      .replace("[key]", "nanny_new");
    actions.push({ id, name, path: pagePath || "/" });
  }
  return actions;
}

const IDLE_STATE = { status: "idle", message: "", fieldErrors: {}, values: {} };

/** A call as React sends it from a form with JavaScript: the form's fields ("_1_name" for the FormData "$K1"), then the arguments. */
function actionBody(fields: Fields, root: string): FormData {
  const body = new FormData();
  for (const [name, value] of fields) body.append(`_1_${name}`, value);
  body.append("0", root);
  return body;
}

function callAction(action: ActionInfo, body: BodyInit, headers: Record<string, string> = {}): Promise<Outcome> {
  return request(action.path, { method: "POST", body, headers: { "next-action": action.id, accept: "text/x-component", ...headers } });
}

const MALFORMED_ROOTS = [
  "[]", '["a"]', '[{},"a"]', '[{},{"get":1}]', "{{{", "[1,2,3]", '["$K1","$K1","$K1"]', '[{},"$Q1"]', '[{},"$@9"]', '[{},"$h1"]',
  '[{},"$K1","x"]', "null", '"$K1"', '[{},"$T"]', '[{"a":"$@1"},"$K1"]',
];

async function fuzzActionShapes(action: ActionInfo): Promise<void> {
  const label = (what: string) => `${action.name} ${what}`;
  for (const body of ['["x"]', "[]", "{}", "null", "\u0000garbage"]) {
    await judge(label(`text body ${JSON.stringify(body)}`), () => callAction(action, body, { "content-type": "text/plain;charset=UTF-8" }));
  }
  for (const root of MALFORMED_ROOTS) {
    await judge(label(`arguments ${root}`), () => callAction(action, actionBody([["month", "2024-03"]], root)));
  }
  if (!WITHOUT_INPUT.has(action.name)) await judge(label("one argument"), () => callAction(action, actionBody([["month", "2024-03"]], '["$K1"]')));
  const missingRoot = new FormData();
  missingRoot.append("_1_month", "2024-03");
  await judge(label("no arguments part"), () => callAction(action, missingRoot));
  for (const broken of ["hello", "--X\r\nContent-Disposition: form-data; name=\"0\"\r\n\r\n[", "--X--"]) {
    await judge(label(`broken form ${JSON.stringify(broken)}`), () => callAction(action, broken, { "content-type": "multipart/form-data; boundary=X" }));
  }
  // without JavaScript: React's hidden fields, tampered with
  const tampered: Fields[] = [
    [["$ACTION_REF_1", ""], ["$ACTION_1:0", "{{{"]],
    [["$ACTION_REF_1", ""], ["$ACTION_1:0", JSON.stringify({ id: action.id, bound: "$@1" })]],
    [["$ACTION_REF_1", ""], ["$ACTION_1:0", JSON.stringify({ id: action.id, bound: "$@1" })], ["$ACTION_1:1", '["$Q5"]']],
    [["$ACTION_REF_1", ""], ["$ACTION_1:0", JSON.stringify({ id: action.id, bound: "$@1" })], ["$ACTION_1:1", '"x"']],
    [["$ACTION_REF_1", ""], ["$ACTION_1:0", JSON.stringify({ id: "7f" + "0".repeat(40), bound: null })]],
    [[`$ACTION_ID_${"0".repeat(42)}`, ""]],
  ];
  if (!WITHOUT_INPUT.has(action.name)) tampered.push([[`$ACTION_ID_${action.id}`, ""], ["month", "2024-03"]]);
  for (const fields of tampered) {
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    await judge(label(`form without JavaScript ${JSON.stringify(fields).slice(0, 80)}`), () => request(action.path, { method: "POST", body }));
  }
  for (const id of ["7f" + "0".repeat(40), "../../etc/passwd", "", "x".repeat(500)]) {
    await judge(label(`action id ${JSON.stringify(id.slice(0, 20))}`), () =>
      request(action.path, { method: "POST", body: actionBody([], '[{},"$K1"]'), headers: { "next-action": id } }),
    );
  }
}

async function fuzzActionValues(action: ActionInfo, context: FuzzContext): Promise<void> {
  const generate = MALFORMED[action.name];
  if (!generate) return;
  for (let i = 0; i < perAction; i += 1) {
    const fields = generate(random, context);
    await judge(`${action.name} ${JSON.stringify(fields).slice(0, 120)}`, () => callAction(action, actionBody(fields, JSON.stringify([IDLE_STATE, "$K1"]))));
  }
}

function encode(text: string): string {
  return random() < 0.5 ? encodeURIComponent(text) : text.replace(/[\s#?]/g, (char) => encodeURIComponent(char));
}

function routeRequests(random: Random): string[] {
  const nasty = [...BAD_MONTHS, ...BAD_QUARTERS, ...BAD_YEARS, ...BAD_IDS, ...BAD_KEYS, "%ZZ", "%C0", "%00", "%2F%2Fevil", "..%2F..%2Fetc", "\u202E"];
  const paths: string[] = [
    "/entry/%ZZ", "/%ZZ", "/indicators/%ZZ", "/review/%E6%8C", "/entry/0000-01", "/?month=9999-12", "/review/9999-Q4/xlsx", "/review/9999-Q4", "/report/9999-12", "/report/2099-01/docx", "/report/%ZZ/docx",
    "//evil.example", "/\\evil", "/entry/2024-03/../../admin", `/${"a".repeat(6000)}`, `/?${"month=2024-03&".repeat(400)}`, "/_next/static/../../package.json",
    "/_next/image?url=http://evil.example/x.png&w=64&q=75", "/api/health?x=%ZZ", "/login?next=%2F%09%2Fevil.example%2Fphish", "/login?next=%2F%0A%2Fx",
  ];
  for (let i = 0; i < 220; i += 1) {
    const value = encode(pick(random, nasty));
    paths.push(
      pick(random, [
        `/entry/${value}`, `/review/${value}`, `/review/${value}/xlsx`, `/review/${value}/docx`, `/review/${value}/pptx`, `/report/${value}`, `/report/${value}/docx`, `/indicators/${value}`, `/?month=${value}`, `/rankings?month=${value}`,
        `/quality?month=${value}`, `/targets?year=${value}`, `/indicators/users_total?revisions=${value}`, `/login?next=${value}`,
        `/admin/users?welcome=${value}`, `/${value}`, `/entry/2024-03?${value}=${value}`, `/review/2024-Q1/xlsx?q=${value}`,
        `/?unit=${value}`, `/entry/2024-03?unit=${value}`, `/targets?unit=${value}`, `/export/figures.csv?unit=${value}`, `/api/v1/figures?unit=${value}`,
        `/league?level=${value}`, `/league?month=${value}`, `/league?indicator=${value}`, `/league/xlsx?month=${value}&indicator=${value}`,
      ]),
    );
  }
  return paths;
}

/** The expensive bodies, sent before signing in (the door reads them before any sign-in check). */
async function fuzzExpensiveBodies(actions: ActionInfo[]): Promise<void> {
  const signInAction = actions.find((action) => action.name === "signIn");
  if (!signInAction) throw new Error("no signIn action in this build");
  for (const { label, parts, ...options } of expensiveActionBodies()) {
    const { body, contentType } = multipartBody(parts, options);
    await judgeExpensive(`expensive: ${label}`, () => callAction(signInAction, body, { "content-type": contentType }));
  }
}

/** Bad requests that each have one right answer: 405, 403 or 400, in Chinese. */
async function fuzzRequestLevel(actions: ActionInfo[]): Promise<void> {
  const saveMonth = actions.find((action) => action.name === "saveMonth");
  if (!saveMonth) throw new Error("no saveMonth action in this build");
  for (const line of ["TRACE / HTTP/1.1", "TRACE /api/health HTTP/1.1", "TRACK /login HTTP/1.1", "PROPFIND /entry/2024-03 HTTP/1.1", "MKCOL /admin HTTP/1.1", "BREW /coffee HTTP/1.1", "CONNECT localhost:443 HTTP/1.1"]) {
    await judgeExactly(`raw ${line}`, 405, () => raw(`${line}\r\nHost: localhost\r\n\r\n`));
  }
  const fields = multipartBody([["_1_month", "2024-03"], ["0", JSON.stringify([IDLE_STATE, "$K1"])]]);
  const formWithoutJavaScript = multipartBody([[`$ACTION_ID_${saveMonth.id}`, ""], ["month", "2024-03"]]);
  for (const origin of ["http://evil.example", `http://evil.example:${port}`, "null", "not a url"]) {
    await judgeExactly(`call from Origin ${origin}`, 403, () => callAction(saveMonth, fields.body, { "content-type": fields.contentType, origin }));
    await judgeExactly(`form without JavaScript from Origin ${origin}`, 403, () =>
      request(saveMonth.path, { method: "POST", body: formWithoutJavaScript.body, headers: { "content-type": formWithoutJavaScript.contentType, origin } }),
    );
  }
  // the same call without an Origin, and from this site, reaches the action (which refuses the month: it has no figures)
  const invalid = multipartBody([["_1_month", "0000-01"], ["0", JSON.stringify([IDLE_STATE, "$K1"])]]);
  for (const origin of ["", base]) await judgeExactly(`call with Origin ${JSON.stringify(origin)} reaches the action`, 200, () => callAction(saveMonth, invalid.body, { "content-type": invalid.contentType, origin }));
  for (const id of ["", "zz", "7f00"]) {
    await judgeExactly(`Next-Action ${JSON.stringify(id)}`, 400, () => callAction({ ...saveMonth, id }, fields.body, { "content-type": fields.contentType }));
  }
  for (const { label, parts, status } of [...malformedCalls(JSON.stringify(IDLE_STATE)), ...malformedFormsWithoutJavaScript(saveMonth.id)]) {
    const { body, contentType } = multipartBody(parts);
    const withJavaScript = !parts.some(([name]) => name.startsWith("$ACTION_"));
    await judgeExactly(`malformed body: ${label}`, status, () =>
      withJavaScript ? callAction(saveMonth, body, { "content-type": contentType }) : request(saveMonth.path, { method: "POST", body, headers: { "content-type": contentType } }),
    );
  }
  // a part name that is not UTF-8: read as U+FFFD, never a fault
  const latin1 = Buffer.concat([
    Buffer.from('--X\r\nContent-Disposition: form-data; name="_1_\xff\xfe"\r\n\r\nv\r\n', "latin1"),
    Buffer.from(`--X\r\nContent-Disposition: form-data; name="0"\r\n\r\n${JSON.stringify([IDLE_STATE, "$K1"])}\r\n--X--\r\n`),
  ]);
  await judge("a part name that is not UTF-8", () => callAction(saveMonth, new Uint8Array(latin1), { "content-type": "multipart/form-data; boundary=X" }));
}

// ── the run ──

async function main(): Promise<void> {

  await waitForHealth();
  await signIn();
  const actions = actionsOfTheBuild();
  const missing = Object.keys(MALFORMED).filter((name) => !actions.some((action) => action.name === name));
  if (missing.length > 0) console.warn(`(not in this build: ${missing.join(", ")})`);
  const stateful = new Database(databasePath, { readonly: true, fileMustExist: true });
  const otherUser = stateful.prepare("SELECT id FROM users WHERE username = 'fuzz-staff'").get();
  const indicatorRows = stateful.prepare("SELECT key, kind FROM indicators WHERE active = 1").all();
  stateful.close();
  const indicators = indicatorRows.flatMap((row) =>
    row !== null && typeof row === "object" && "key" in row && "kind" in row ? [{ key: String(row.key), kind: String(row.kind) }] : [],
  );
  const context: FuzzContext = {
    month: "2024-03",
    quarter: "2024-Q1",
    indicatorKeys: indicators.map((indicator) => indicator.key),
    rankKeys: indicators.filter((indicator) => indicator.kind === "rank").map((indicator) => indicator.key),
    otherUserId: otherUser !== null && typeof otherUser === "object" && "id" in otherUser ? String(otherUser.id) : "",
  };

  // every page once, so that whatever a first visit sets up is in the baseline
  for (const page of ["/", "/entry/2024-03", "/indicators/nanny_new", "/rankings", "/review/2024-Q1", "/report/2024-03", "/targets", "/quality", "/admin", "/admin/users", "/admin/catalog", "/account", "/admin/units", "/league", "/import/bulletin"]) {
    await request(page);
  }
  baseline = content();

  for (const pathname of routeRequests(random)) {
    await judge(`GET ${pathname.slice(0, 100)}`, () => request(pathname));
  }
  const signedIn = cookie;
  cookie = "";
  for (const pathname of routeRequests(random).slice(0, 60)) await judge(`GET (signed out) ${pathname.slice(0, 100)}`, () => request(pathname));
  for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS"]) await judgeExactly(`${method} /entry/2024-03`, 405, () => request("/entry/2024-03", { method }));
  await fuzzExpensiveBodies(actions);
  cookie = signedIn;
  for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS"]) await judgeExactly(`${method} /admin/users`, 405, () => request("/admin/users", { method }));
  await judge("HEAD /admin/users", () => request("/admin/users", { method: "HEAD" }));
  await fuzzRequestLevel(actions);

  const oversized = new FormData();
  oversized.append("_1_overall", "长".repeat(400_000));
  oversized.append("0", JSON.stringify([IDLE_STATE, "$K1"]));
  const commentary = actions.find((action) => action.name === "saveCommentary");
  if (commentary) await judge("saveCommentary oversized body", () => callAction(commentary, oversized));
  for (const text of [
    "POST /login HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Type: multipart/form-data; boundary=X\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Length: 12abc\r\n\r\nhello",
    "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999\r\nContent-Type: multipart/form-data; boundary=X\r\n\r\nhello",
    "GET /entry/%ZZ HTTP/1.1\r\nHost: localhost\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: localhost\r\nX-Kepu-Peer-Address: 10.0.0.1\r\nX-Forwarded-For: 10.0.0.2\r\n\r\n",
    "BREW /coffee HTCPCP/1.0\r\n\r\n",
    `GET /${"a".repeat(20000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
  ]) {
    await judge(`raw ${JSON.stringify(text.slice(0, 60))}`, () => raw(text));
  }

  for (const action of actions) {
    await fuzzActionShapes(action);
    await fuzzActionValues(action, context);
  }

  database?.close();
  const findings = [
    ...tally.serverErrors.map((line) => `5xx: ${line}`),
    ...tally.silent.map((line) => `silent change: ${line}`),
    ...tally.accepted.map((line) => `accepted: ${line}`),
    ...tally.wrongAnswers.map((line) => `wrong answer: ${line}`),
    ...tally.slow.map((line) => `slow: ${line}`),
  ];
  for (const line of findings.slice(0, 50)) console.log(line);
  console.log(`answers: ${[...tally.statuses].sort().map(([status, count]) => `${status} ×${count}`).join(", ")}`);
  console.log(`expensive bodies: slowest answered in ${Math.round(slowest.milliseconds)} ms (${slowest.label}); /api/health meanwhile at most ${Math.round(slowestHealth)} ms`);
  console.log(`fuzz: ${tally.requests} requests, ${tally.serverErrors.length} 5xx, ${tally.silent.length} silent changes`);
  if (tally.accepted.length > 0) console.log(`(${tally.accepted.length} malformed requests were accepted)`);
  finish(findings.length === 0 && tally.requests >= 500 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  finish(1);
});
