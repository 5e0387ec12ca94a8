"use server";

import { currentTime } from "@/lib/clock";
import { revalidatePath } from "next/cache";
import { columnLetter, conversionUnit, isNonUnitName, unitNameOf } from "@/lib/bulletin/cells";
import { chooseNameColumns, looksLikeCity, type NameChoice } from "@/lib/bulletin/name-columns";
import { BULLETIN_SCOPES, type BulletinScope, type DerivedRank } from "@/lib/bulletin/derive";
import { planBulletin, type BulletinPlan } from "@/lib/bulletin/plan";
import { bulletinChanges, bulletinPayload, readBulletinPayload, type BulletinChanges } from "@/lib/bulletin/preview";
import { findBulletinTable, readBulletinTable, suggestMapping, type BulletinTable, type RememberedMapping } from "@/lib/bulletin/sheet";
import type { IndicatorDefinition } from "@/lib/catalog";
import { figureFields, parseMonthlyEntry } from "@/lib/entry-schema";
import { formatExact, formatFigure, formatRank } from "@/lib/format";
import { formatMonth, isFutureMonth, isMonth, type Month } from "@/lib/periods";
import { PLAUSIBLE_TICK, readConfirmations, type PlausibilityFlag } from "@/lib/plausibility";
import { cleanFileName } from "@/lib/sheet/commit-payload";
import { MAX_CELLS, MAX_FILE_BYTES, MESSAGES } from "@/lib/sheet/limits";
import { bulletinConfirmation, bulletinFlags } from "@/lib/sheet/preview-flags";
import { closedCountsText, emptyCounts, leftOutNotice, leftOutSentence, type StoredValue } from "@/lib/sheet/preview";
import { readPaste, readUpload, type ReadOutcome } from "@/lib/sheet/read-file";
import { textProblem } from "@/lib/text";
import { matchUnitNames, unitNameForms } from "@/lib/unit-names";
import { aliasSchema, unitSchema, UNIT_KIND_LABELS } from "@/lib/units";
import { recordAudit } from "@/db/audit";
import { BulletinConflictError, getBulletinMapping, historyForUnits, saveBulletinFigures, saveBulletinMapping, storedForUnits } from "@/db/bulletin";
import { listIndicators, toDefinition } from "@/db/catalog";
import { getDb, type Db } from "@/db/client";
import { addAlias, addUnit, getHomeOrganization, getUnit, listBulletinUnits, listUnits, unitNameClash } from "@/db/organizations";
import { PeriodLockedError } from "@/db/period-locks";
import { FigureRuleError, PlausibilityError } from "@/db/save-figures";
import { guarded } from "@/app/_auth/guard";
import { isDistrictWide } from "@/app/_auth/scope";
import type { SessionUser } from "@/app/_auth/session";
import { IMPORT_BUSY_MESSAGE, importTurns } from "../import-turn";
import { DEFAULT_SOURCE, type BulletinPreviewView, type BulletinRowView, type BulletinState } from "./bulletin-state";

const MAX_PASTE_KEPT = 200_000;
const MAX_ROWS_SHOWN = 400;

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

type Settings = { source: string; scope: BulletinScope; month: Month | null; values: BulletinState["values"] };

/** The source, scope and month as the form gives them, or why not. */
function settingsOf(formData: FormData): { ok: true; settings: Settings } | { ok: false; message: string } {
  const values = { source: text(formData, "source").trim(), scope: text(formData, "scope"), month: text(formData, "month").trim() };
  const source = values.source === "" ? DEFAULT_SOURCE : values.source;
  if (source.length > 60) return { ok: false, message: "通报来源不超过 60 个字。" };
  const sourceProblem = textProblem("通报来源", source, { multiLine: false });
  if (sourceProblem) return { ok: false, message: `${sourceProblem}。` };
  const scope = BULLETIN_SCOPES.find((candidate) => candidate === (values.scope || "province"));
  if (!scope) return { ok: false, message: "请选择通报范围（全省或部分单位）。" };
  if (values.month !== "" && !isMonth(values.month)) return { ok: false, message: `月份“${values.month.slice(0, 20)}”无效，应为 YYYY-MM。` };
  const month = values.month !== "" && isMonth(values.month) ? values.month : null;
  if (month && isFutureMonth(month, currentTime())) return { ok: false, message: `${formatMonth(month)}尚未到来，不能导入。` };
  return { ok: true, settings: { source, scope, month, values: { ...values, source } } };
}

function idleValues(formData: FormData): BulletinState["values"] {
  return { source: text(formData, "source"), scope: text(formData, "scope"), month: text(formData, "month") };
}

/**
 * The provincial bulletin import, one action for the page's forms: `preview` reads a file or pasted
 * cells; `remap` previews the kept table again with the columns as mapped on the page; `peer:ROW`,
 * `peers:all` and `alias:ROW` add an unmatched name as a peer unit or as another unit's alias, then
 * preview again; `commit` writes what the preview showed, all or nothing. Each step waits its turn
 * behind any other import in this process (../import-turn.ts).
 */
export const importBulletin = guarded(
  "bulletin:import",
  (refusal, [, formData]): BulletinState => ({
    status: "refused",
    message: refusal.message,
    paste: text(formData, "paste").slice(0, MAX_PASTE_KEPT),
    table: text(formData, "table") || null,
    preview: null,
    payload: null,
    values: idleValues(formData),
  }),
  async (user: SessionUser, _previous: BulletinState, formData: FormData): Promise<BulletinState> => {
    const paste = text(formData, "paste").slice(0, MAX_PASTE_KEPT);
    const refuse = (status: BulletinState["status"], message: string): BulletinState => ({
      status,
      message,
      paste,
      table: text(formData, "table") || null,
      preview: null,
      payload: null,
      values: idleValues(formData),
    });
    if (!isDistrictWide(user)) return refuse("refused", "省级通报只能由区科协账号导入，未做任何修改。");
    return importTurns().run(() => bulletinStep(user, formData, paste, refuse), () => refuse("refused", IMPORT_BUSY_MESSAGE));
  },
);

type Refuse = (status: BulletinState["status"], message: string) => BulletinState;

/** One step of the bulletin import, as the intent says; run in the import's turn. */
async function bulletinStep(user: SessionUser, formData: FormData, paste: string, refuse: Refuse): Promise<BulletinState> {
  const intent = text(formData, "intent");
  if (intent === "commit") return commit(user, formData);
  const settings = settingsOf(formData);
  if (!settings.ok) return refuse("invalid", `${settings.message}本次未写入任何数据。`);

  let table: BulletinTable;
  let fileName: string;
  let columns: Map<number, string> | null = null;
  if (intent === "preview") {
    const file = formData.get("file");
    let read: ReadOutcome;
    if (file instanceof File && file.size > 0) {
      fileName = cleanFileName(file.name);
      read = file.size > MAX_FILE_BYTES ? { ok: false, message: MESSAGES.tooLarge(file.size) } : await readUpload(new Uint8Array(await file.arrayBuffer()), file.name);
    } else if (paste.trim() !== "") {
      fileName = "粘贴内容";
      read = readPaste(paste);
    } else {
      return refuse("invalid", "请选择通报文件，或把从 Excel / WPS 复制的通报表格粘贴到文本框中。");
    }
    if (!read.ok) return refuse("invalid", `${read.message}本次未写入任何数据。`);
    const found = findBulletinTable(read.sheets);
    if (!found.ok) return refuse("invalid", found.message);
    table = found.table;
  } else if (intent === "remap" || intent === "peers:all" || /^(peer|alias):\d{1,7}$/.test(intent)) {
    const kept = readBulletinTable(text(formData, "table"));
    if (!kept) return refuse("invalid", "通报内容无效或已过期：请重新上传通报并预览。本次未写入任何数据。");
    table = kept;
    fileName = cleanFileName(text(formData, "fileName"));
    columns = new Map(table.columns.map(({ column }) => [column, text(formData, `map__${column}`)]));
  } else {
    return refuse("invalid", "操作无效，未做任何修改。");
  }

  const db = getDb();
  let note = "";
  if (intent !== "preview" && intent !== "remap") {
    const added = addUnitsFor(db, user, table, intent, formData);
    if (!added.ok) return { ...(await previewState(db, table, fileName, settings.settings, columns, paste)), status: "invalid", message: added.message };
    note = added.message;
  }
  const state = await previewState(db, table, fileName, settings.settings, columns, paste);
  if (note) {
    revalidatePath("/admin/units");
    return { ...state, message: `${note}${state.message}` };
  }
  return state;
}

/** Which columns give the units' names, judged against the units known now. */
function nameChoice(db: Db, table: BulletinTable): NameChoice {
  return chooseNameColumns(table.rows, table.nameCandidates, listBulletinUnits(db));
}

/** The line of the table at a sheet row, and the name it gives. */
function nameAt(table: BulletinTable, columns: readonly number[], row: number): string | null {
  const cells = table.rows[row - table.firstRow];
  const name = cells ? unitNameOf(cells, columns) : "";
  return name === "" ? null : name;
}

/** A peer's short name: its name without province and prefecture ("攀枝花市东区" → "东区"). */
function shortNameOf(name: string): string {
  const local = unitNameForms(name).local;
  return (local.length <= 20 ? local : name.slice(0, 20)) || name.slice(0, 20);
}

function addUnitsFor(db: Db, user: SessionUser, table: BulletinTable, intent: string, formData: FormData): { ok: true; message: string } | { ok: false; message: string } {
  const home = getHomeOrganization(db);
  const nameColumns = nameChoice(db, table).columns;
  if (intent.startsWith("alias:")) {
    const row = Number(intent.slice("alias:".length));
    const name = nameAt(table, nameColumns, row);
    const unitId = Number(text(formData, `alias__${row}`));
    const unit = Number.isInteger(unitId) && unitId > 0 ? getUnit(db, unitId) : undefined;
    if (!name) return { ok: false, message: "该行没有单位名称，未做任何修改。" };
    if (!unit || unit.kind === "sub") return { ok: false, message: `请为“${name}”选择它对应的单位，未做任何修改。` };
    // a name read from the bulletin becomes an alias by the same rule as one typed in 单位管理
    const parsedAlias = aliasSchema.safeParse(name.slice(0, 60));
    if (!parsedAlias.success) return { ok: false, message: `${parsedAlias.error.issues[0]?.message ?? "别名无效"}，未做任何修改。` };
    const alias = parsedAlias.data;
    const clash = unitNameClash(db, unit.kind, [alias], unit.id);
    if (clash) return { ok: false, message: `${clash}，未做任何修改。` };
    db.transaction((tx) => {
      if (addAlias(tx, { organizationId: unit.id, alias, createdBy: user.id })) {
        recordAudit(tx, { action: "unit.alias", subject: unit.name, detail: `别名“${alias}”（导入通报时添加）`, userId: user.id, organizationId: home.id });
      }
    });
    return { ok: true, message: `已把“${alias}”设为“${unit.name}”的别名。` };
  }

  const all = intent === "peers:all";
  const rows = all ? unmatchedRows(db, table, nameColumns) : [Number(intent.slice("peer:".length))];
  const added: string[] = [];
  const skipped: string[] = [];
  const cities: string[] = [];
  db.transaction((tx) => {
    for (const row of rows) {
      const name = nameAt(table, nameColumns, row);
      if (!name) continue;
      // a city's name is no county-level peer: added one by one only, where the page says what it looks like
      if (all && looksLikeCity(name)) {
        cities.push(name);
        continue;
      }
      // the short name drops province and prefecture ("东区"), unless another unit goes by it (两个“市中区”)
      const short = unitSchema.safeParse({ name: name.slice(0, 60), shortName: shortNameOf(name) });
      const names = short.success && unitNameClash(tx, "peer", [short.data.name, short.data.shortName], null) === null
        ? short
        : unitSchema.safeParse({ name: name.slice(0, 60), shortName: name.slice(0, 20) });
      const clash = names.success ? unitNameClash(tx, "peer", [names.data.name, names.data.shortName], null) : "名称无效";
      if (!names.success || clash) {
        skipped.push(name);
        continue;
      }
      const unit = addUnit(tx, { ...names.data, kind: "peer" });
      recordAudit(tx, { action: "unit.add", subject: unit.name, detail: `${UNIT_KIND_LABELS.peer}，简称“${unit.shortName}”（导入通报时添加）`, userId: user.id, organizationId: home.id });
      added.push(unit.name);
    }
  });
  const cityNote = cities.length > 0 ? `${cities.length} 个名称像是市（州）名而非区县（如“${cities.slice(0, 3).join("”“")}”），未作为同级单位添加。` : "";
  if (added.length === 0) {
    return { ok: false, message: `没有可添加的单位${skipped.length > 0 ? `（“${skipped.slice(0, 3).join("”“")}”的名称与已有单位无法区分，请改为添加别名）` : ""}，未做任何修改。${cityNote}` };
  }
  const more = `${skipped.length > 0 ? `另有 ${skipped.length} 个名称与已有单位无法区分，未添加。` : ""}${cityNote}`;
  return { ok: true, message: added.length === 1 ? `已添加同级单位“${added[0]}”。${more}` : `已添加 ${added.length} 个同级单位。${more}` };
}

/** The sheet rows whose names match no unit (for adding them all as peers at once). */
function unmatchedRows(db: Db, table: BulletinTable, nameColumns: readonly number[]): number[] {
  const lines = table.rows
    .map((cells, index) => ({ row: table.firstRow + index, name: unitNameOf(cells, nameColumns) }))
    .filter(({ name }) => name !== "" && !isNonUnitName(name));
  const matching = matchUnitNames(lines.map((line) => line.name), listBulletinUnits(db));
  return lines.filter((_, index) => matching.matches[index]?.status === "unmatched").map((line) => line.row);
}

/** The column mapping in force: as posted on the page, or remembered for the source, or guessed from the headings. */
function mappingFor(table: BulletinTable, catalog: readonly IndicatorDefinition[], remembered: RememberedMapping | null, posted: Map<number, string> | null): Map<number, string> {
  if (posted) {
    const known = new Set(catalog.map((indicator) => indicator.key));
    return new Map([...posted].map(([column, key]) => [column, known.has(key) ? key : ""]));
  }
  return suggestMapping(table.columns, catalog, remembered);
}

async function previewState(
  db: Db,
  table: BulletinTable,
  fileName: string,
  settings: Settings,
  posted: Map<number, string> | null,
  paste: string,
): Promise<BulletinState> {
  const catalog = listIndicators(db).map(toDefinition);
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const home = getHomeOrganization(db);
  const remembered = getBulletinMapping(db, settings.source);
  const mapping = mappingFor(table, catalog, remembered?.mapping ?? null, posted);
  const scope = settings.values.scope === "" && remembered ? remembered.scope : settings.scope;
  const month = settings.month ?? table.month;
  const units = listBulletinUnits(db);
  const names = chooseNameColumns(table.rows, table.nameCandidates, units);
  const unitOf = new Map(table.columns.map((column) => [column.column, column.unit]));
  const unitNames = new Map(listUnits(db, ["home", "peer"]).map((unit) => [unit.id, unit.name]));
  const plan = planBulletin({
    rows: table.rows,
    firstRow: table.firstRow,
    mapping: { nameColumns: names.columns, columns: [...mapping].filter(([, key]) => key !== "").map(([column, key]) => ({ column, key, unit: unitOf.get(column) ?? null })) },
    indicators: catalog,
    units,
    home: home.id,
    homeName: home.name,
    scope,
  });
  const remember: RememberedMapping = { nameHeading: null, columns: table.columns.map(({ column, heading }) => ({ heading, key: mapping.get(column) ?? "" })) };
  const values = { source: settings.source, scope, month: month ?? "" };
  const base: Omit<BulletinState, "status" | "message" | "preview" | "payload"> = { paste, table: JSON.stringify(table), values };

  const blocking = plan.blocking.slice();
  if (!month) blocking.unshift("没有从通报标题中读到月份：请在上方选择通报所属的月份");
  else if (isFutureMonth(month, currentTime())) blocking.unshift(`通报标题中的${formatMonth(month)}尚未到来：请核对，或在上方选择通报所属的月份`);
  const changes = plan.ok && plan.derivation && month ? bulletinChanges(plan.derivation, storedForUnits(db, month)) : null;
  if (changes && month) blocking.push(...ruleBlocking(changes, catalog, unitNames));
  const closed = changes ? closedUnits(changes, unitNames) : "";
  const flags = changes && month ? bulletinFlags(changes.items, catalog, month, historyForUnits(db, month)) : new Map<string, UnitFlag>();
  const view = previewView({ table, names, fileName, plan, changes, month, mapping, catalog, byKey, homeName: home.name, homeId: home.id, unitNames, blocking, flags });
  const writes = changes ? changes.counts.new + changes.counts.changed : 0;
  const payload =
    changes && month && blocking.length === 0 && writes > 0
      ? bulletinPayload(changes, { month, fileName, source: settings.source, scope, mapping: remember }, catalog)
      : null;
  const message =
    blocking.length > 0
      ? `有 ${blocking.length} 个问题需要处理（见下方），处理后才能导入。尚未写入任何数据。`
      : writes === 0
        ? closed === ""
          ? "通报中的数与系统中完全一致，没有需要导入的改动。"
          : `没有可导入的改动：${closedCountsText(changes?.counts ?? emptyCounts())}（${closed}），不能导入；其余的数与系统中一致。`
        : `预览：${changes?.unitsChanged ?? 0} 个单位，新增 ${changes?.counts.new ?? 0} 项、修改 ${changes?.counts.changed ?? 0} 项、不变 ${changes?.counts.unchanged ?? 0} 项。${leftOutNotice(changes?.counts ?? emptyCounts(), closed)}核对无误后点“确认导入”；在此之前不会写入任何数据。${flagsSentence(flags.size)}`;
  return { ...base, status: blocking.length > 0 ? "invalid" : "preview", message, preview: view, payload };
}

type UnitFlag = PlausibilityFlag & { unit: number };

/** After the preview's summary: how many values are flagged as far outside their history, and what confirming takes. */
function flagsSentence(count: number): string {
  return count === 0 ? "" : `其中 ${count} 个数与该单位以往相差很大（已标出“请核对”）：确认导入前须逐个核对并勾选“我已核对以上异常值”。`;
}

/** The units whose month is closed, by name, for the preview: "攀枝花市东区（已提交审核）". */
function closedUnits(changes: BulletinChanges, names: ReadonlyMap<number, string>): string {
  const closed = new Map<number, string>();
  for (const item of changes.items) {
    if (item.status === "submitted" || item.status === "locked") closed.set(item.unit, item.status === "submitted" ? "已提交审核" : "已锁定");
  }
  const listed = [...closed].slice(0, 5).map(([unit, state]) => `${names.get(unit) ?? unit}（${state}）`);
  return `${listed.join("、")}${closed.size > 5 ? ` 等 ${closed.size} 个单位` : ""}`;
}

/** Each unit's figures must pass the entry form's own checks (a stated rank above N, a percentage over 100). */
function ruleBlocking(changes: BulletinChanges, catalog: readonly IndicatorDefinition[], names: ReadonlyMap<number, string>): string[] {
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const fields = new Map<number, Record<string, string>>();
  for (const item of changes.items) {
    const indicator = byKey.get(item.key);
    if (!indicator || (item.status !== "new" && item.status !== "changed")) continue;
    fields.set(item.unit, { ...(fields.get(item.unit) ?? {}), ...figureFields(indicator, item.entered) });
  }
  const problems: string[] = [];
  for (const [unit, input] of fields) {
    const parsed = parseMonthlyEntry(catalog, input);
    if (parsed.ok) continue;
    for (const [field, errors] of Object.entries(parsed.fieldErrors)) {
      const indicator = byKey.get(field.split("__")[0] ?? "");
      problems.push(`${names.get(unit) ?? unit} ${indicator?.name ?? field}：${errors.join("；")}`);
    }
  }
  return problems;
}

function rankView(rank: DerivedRank<number>, byKey: ReadonlyMap<string, IndicatorDefinition>) {
  const ranked = rank.rankedKey ? byKey.get(rank.rankedKey) : undefined;
  const neighbour = (list: DerivedRank<number>["above"], value: number | null) => {
    if (list.length === 0) return null;
    const who = list.map((entry) => entry.name).join("、");
    return value === null || !ranked ? who : `${who}（${formatExact(value, ranked)}）`;
  };
  return {
    key: rank.rankKey,
    name: rank.name,
    rankText: rank.rank === null ? "未排名" : formatRank(rank.rank, rank.rankedUnits),
    sourceText: rank.rank === null ? "" : rank.source === "stated" ? "通报所列" : "按数值计算",
    aboveText: neighbour(rank.above, rank.valueAbove),
    belowText: neighbour(rank.below, rank.valueBelow),
  };
}

/** How a column's numbers are read when its heading states another scale of the indicator's unit: "按人次读取，换算为万人次". */
function unitNote(unit: string | null, indicator: IndicatorDefinition | undefined): string | null {
  const stated = indicator ? conversionUnit(unit, indicator.unit) : null;
  return stated && indicator ? `表头单位为${stated}，已换算为${indicator.unit}` : null;
}

function valueText(figure: StoredValue | null, indicator: IndicatorDefinition | undefined): string {
  if (!figure) return "空";
  if (!indicator) return String(figure.value);
  const main = formatFigure(figure.value, indicator, figure.rankedUnits);
  if (indicator.kind !== "rank" || (figure.valueAbove === null && figure.valueBelow === null)) return main;
  return `${main}，上一名 ${figure.valueAbove ?? "—"}，下一名 ${figure.valueBelow ?? "—"}`;
}

function previewView(input: {
  table: BulletinTable;
  names: NameChoice;
  fileName: string;
  plan: BulletinPlan<number>;
  changes: BulletinChanges | null;
  month: Month | null;
  mapping: Map<number, string>;
  catalog: readonly IndicatorDefinition[];
  byKey: ReadonlyMap<string, IndicatorDefinition>;
  homeName: string;
  homeId: number;
  unitNames: ReadonlyMap<number, string>;
  blocking: string[];
  flags: ReadonlyMap<string, UnitFlag>;
}): BulletinPreviewView {
  const { table, plan, changes, byKey, unitNames } = input;
  const firstData = table.rows.find((row) => unitNameOf(row, input.names.columns) !== "") ?? [];
  const { homeId } = input;
  const rowsOf = (wanted: (unit: number) => boolean): BulletinRowView[] =>
    (changes?.items ?? [])
      .filter((item) => wanted(item.unit))
      .map((item) => ({
        id: `${item.unit}-${item.key}`,
        unit: unitNames.get(item.unit) ?? String(item.unit),
        name: byKey.get(item.key)?.name ?? item.key,
        status: item.status,
        before: valueText(item.before, byKey.get(item.key)),
        after: valueText(item.after, byKey.get(item.key)),
        flag: input.flags.get(`${item.unit}|${item.key}`)?.text ?? null,
      }));
  const moving = (row: BulletinRowView) => row.status !== "unchanged";
  return {
    fileName: input.fileName,
    sheet: table.sheet,
    title: table.title,
    monthLabel: input.month ? formatMonth(input.month) : null,
    lineCount: plan.ok ? plan.lines.length : 0,
    nameLetters: input.names.columns.map(columnLetter).join("+"),
    nameSentence: input.names.sentence,
    columns: table.columns.map(({ column, heading }) => ({
      column,
      letter: columnLetter(column),
      heading,
      key: input.mapping.get(column) ?? "",
      sample: String(firstData[column] ?? ""),
      unitNote: unitNote(table.columns.find((entry) => entry.column === column)?.unit ?? null, byKey.get(input.mapping.get(column) ?? "")),
    })),
    options: input.catalog.map((indicator) => ({ key: indicator.key, name: indicator.name, category: indicator.category })),
    home: plan.ok && plan.derivation ? { name: input.homeName, ranks: plan.derivation.home.map((rank) => rankView(rank, byKey)) } : null,
    warnings: plan.ok && plan.derivation ? plan.derivation.warnings.map((warning) => warning.message) : [],
    blocking: input.blocking,
    notes: plan.ok ? [...plan.skipped.map((skip) => `第${skip.row}行「${skip.name}」：${skip.reason}，未导入`), ...plan.rounded.map((note) => `第${note.row}行 ${columnLetter(note.column)}列（${note.name}）：${note.message}`)] : [],
    matched: plan.ok ? plan.names.matches.filter((match) => match.status === "matched").length : 0,
    unmatched: plan.ok
      ? plan.rows.flatMap((row, index) => (plan.names.matches[index]?.status === "unmatched" ? [{ row: row.row, name: row.name, city: looksLikeCity(row.name) }] : []))
      : [],
    ambiguous: plan.ok
      ? plan.rows.flatMap((row, index) => {
          const match = plan.names.matches[index];
          return match?.status === "ambiguous" ? [{ row: row.row, name: row.name, candidates: match.candidates.map((id) => ({ id, name: unitNames.get(id) ?? String(id) })) }] : [];
        })
      : [],
    aliasChoices: [...unitNames].map(([id, name]) => ({ id, name })),
    counts: changes?.counts ?? emptyCounts(),
    unitsChanged: changes?.unitsChanged ?? 0,
    flags:
      input.flags.size === 0
        ? null
        : {
            count: input.flags.size,
            confirmation: bulletinConfirmation(input.flags.values()),
            lines: [...input.flags.values()].map((flag) => `${unitNames.get(flag.unit) ?? flag.unit} ${byKey.get(flag.key)?.name ?? flag.key}：${flag.text}`),
          },
    homeRows: rowsOf((unit) => unit === homeId),
    peerRows: rowsOf((unit) => unit !== homeId).filter(moving).slice(0, MAX_ROWS_SHOWN),
  };
}

async function commit(user: SessionUser, formData: FormData): Promise<BulletinState> {
  const db = getDb();
  const catalog = listIndicators(db).map(toDefinition);
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const units = new Set(listUnits(db, ["home", "peer"]).map((unit) => unit.id));
  const payload = readBulletinPayload(text(formData, "payload"), catalog, units, currentTime());
  const answer = (status: BulletinState["status"], message: string): BulletinState => ({
    status,
    message,
    paste: "",
    table: text(formData, "table") || null,
    preview: null,
    payload: null,
    values: idleValues(formData),
  });
  if (!payload.ok) return answer("invalid", payload.message);
  const names = new Map(listUnits(db, ["home", "peer"]).map((unit) => [unit.id, unit.name]));
  let changed;
  try {
    changed = saveBulletinFigures(db, {
      month: payload.month,
      writes: payload.batches.map((batch) => ({ organizationId: batch.unit, figures: batch.figures, expected: batch.expected })),
      fileName: payload.fileName,
      changedBy: user.id,
      confirmed: new Map([...readConfirmations(text(formData, PLAUSIBLE_TICK), MAX_CELLS)].map(([unit, keys]) => [Number(unit), keys])),
      then: () => {
        if (!saveBulletinMapping(db, { source: payload.source, scope: payload.scope, mapping: payload.mapping, userId: user.id })) return;
        const mapped = payload.mapping.columns.filter((column) => column.key !== "");
        recordAudit(db, {
          action: "settings.bulletin",
          subject: `通报“${payload.source}”的列对应关系`,
          detail: mapped.map((column) => `${column.heading} → ${byKey.get(column.key)?.name ?? column.key}`).join("；"),
          userId: user.id,
          organizationId: getHomeOrganization(db).id,
        });
      },
    });
  } catch (error) {
    if (error instanceof BulletinConflictError) {
      const list = error.conflicts
        .slice(0, 5)
        .map((conflict) => `${names.get(conflict.organizationId) ?? ""}“${byKey.get(conflict.key)?.name ?? conflict.key}”（预览时为 ${valueText(conflict.expected, byKey.get(conflict.key))}，现为 ${valueText(conflict.actual, byKey.get(conflict.key))}）`)
        .join("；");
      return answer("conflict", `预览之后，有人修改了其中的数据：${list}${error.conflicts.length > 5 ? ` 等 ${error.conflicts.length} 项` : ""}。本次未写入任何数据，请重新预览后再确认。`);
    }
    if (error instanceof PeriodLockedError) {
      // the preview left out every unit whose month was closed when it was made: this one closed since
      const what = error.state === "submitted" ? "提交审核" : "审核通过并锁定";
      return answer("refused", `有单位的${formatMonth(payload.month)}数据已在预览之后被${what}，不能导入。本次未写入任何数据，请重新预览：已关闭月份的数会被标出并不再导入。`);
    }
    if (error instanceof PlausibilityError) {
      return answer(
        "refused",
        `有 ${error.flags.length} 个数与该单位以往相差很大，尚未确认核对（${error.flags.slice(0, 3).map((flag) => `${names.get(flag.organizationId) ?? ""}“${byKey.get(flag.key)?.name ?? flag.key}”`).join("、")}${error.flags.length > 3 ? " 等" : ""}）：请重新预览，核对标出的异常值并勾选后再确认导入。本次未写入任何数据。`,
      );
    }
    if (error instanceof FigureRuleError) {
      return answer("refused", `导入后${error.problems.map((problem) => `“${byKey.get(problem.key)?.name ?? problem.key}”${problem.message}`).join("；")}。本次未写入任何数据。`);
    }
    throw error;
  }
  revalidatePath("/", "layout");
  const added = changed.filter((figure) => figure.oldValue === null).length;
  return {
    ...answer(
      "done",
      changed.length === 0
        ? "没有改动，未写入任何数据。"
        : `已导入“${payload.fileName}”（${formatMonth(payload.month)}）：${payload.batches.length} 个单位，新增 ${added} 项、更新 ${changed.length - added} 项，每项均已记录修订（来源：省级通报）。${leftOutSentence(payload.leftOut)}列对应关系已记住（来源“${payload.source}”）。`,
    ),
    table: null,
    values: { source: payload.source, scope: payload.scope, month: payload.month },
  };
}
