import { currentTime } from "@/lib/clock";
import Link from "@/app/ui/link";
import { forbidden } from "next/navigation";
import { formatMonth, isMonth, monthOfDate, type Month } from "@/lib/periods";
import { can, ROLE_LABELS } from "@/lib/roles";
import { canApplyToSubUnits, UNIT_KIND_LABELS } from "@/lib/units";
import { listIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { listAliases, listUnits, listUserUnitIds } from "@/db/organizations";
import type { Organization } from "@/db/schema";
import { listAccounts } from "@/db/users";
import { requireUser } from "@/app/_auth/session";
import { AccountUnitForm, AddAliasForm, AddUnitForm, RemoveAliasButton, RenameUnitForm, RetireUnitForm, SubUnitIndicatorsForm } from "./unit-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "单位管理" };

export default async function UnitsPage() {
  const user = await requireUser();
  if (!can(user.role, "units:manage")) forbidden();
  const db = getDb();
  const units = listUnits(db);
  const aliases = listAliases(db);
  const home = units.find((unit) => unit.kind === "home");
  const towns = units.filter((unit) => unit.kind === "sub");
  const peers = units.filter((unit) => unit.kind === "peer");
  const month = monthOfDate(currentTime());
  const indicators = listIndicators(db).filter(canApplyToSubUnits);
  const accounts = listAccounts(db).filter((account) => account.role !== "admin" && !account.disabled);
  const scoped = listUserUnitIds(db);
  const townChoices = towns.filter((town) => town.retiredFrom === null).map((town) => ({ id: town.id, name: town.name }));
  const accountsOf = (unitId: number) => accounts.filter((account) => scoped.get(account.id) === unitId);

  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/admin" className="hover:underline">管理</Link> › 单位管理
        </p>
        <h1 className="text-2xl font-semibold">单位管理</h1>
        <p className="mt-1 text-sm text-slate-600">
          本单位之下的镇、街道（{UNIT_KIND_LABELS.sub}）有各自的月度数据、目标与可选的专属账号；
          全省其他区县（{UNIT_KIND_LABELS.peer}）的数据只来自导入的省级通报。别名用于匹配通报中的单位名称。
        </p>
      </div>

      {home && (
        <section aria-labelledby="home-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="home-heading" className="text-base font-semibold">{UNIT_KIND_LABELS.home}</h2>
          <p className="text-sm">
            <strong>{home.name}</strong>（简称“{home.shortName}”）
            <Link href="/admin/settings" className="ml-2 text-brand-700 hover:underline">修改名称</Link>
          </p>
          <Aliases unit={home} aliases={aliases.get(home.id) ?? []} />
        </section>
      )}

      <section aria-labelledby="towns-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div>
          <h2 id="towns-heading" className="text-base font-semibold">{UNIT_KIND_LABELS.sub}（{towns.filter((town) => town.retiredFrom === null).length}）</h2>
          <p className="text-sm text-slate-600">
            按此顺序列在镇街通报中。镇街的目标在
            <Link href="/targets" className="mx-1 text-brand-700 hover:underline">目标</Link>
            页分配；排名见<Link href="/league?level=towns" className="mx-1 text-brand-700 hover:underline">镇街排名</Link>。
          </p>
        </div>
        {towns.length === 0 ? <p className="text-sm text-slate-500">还没有镇街。</p> : (
          <ul className="divide-y divide-slate-100" data-testid="towns">
            {towns.map((town) => (
              <UnitRow key={town.id} unit={town} aliases={aliases.get(town.id) ?? []} month={month}
                accounts={accountsOf(town.id).map((account) => `${account.name}（${ROLE_LABELS[account.role]}）`)} />
            ))}
          </ul>
        )}
        <AddUnitForm kind="sub" label="添加镇街" />
      </section>

      <section aria-labelledby="indicators-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="indicators-heading" className="text-base font-semibold">镇街填报的指标</h2>
        <p className="text-sm text-slate-600">勾选的指标出现在镇街的月度填报表、看板与镇街排名中。排名指标不适用于镇街。取消勾选不会删除镇街已填的数据。</p>
        <SubUnitIndicatorsForm indicators={indicators.map((indicator) => ({ key: indicator.key, name: indicator.name, unit: indicator.unit, category: indicator.category, chosen: indicator.forSubUnits }))} />
      </section>

      <section aria-labelledby="accounts-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="accounts-heading" className="text-base font-semibold">账号的单位范围</h2>
        <p className="text-sm text-slate-600">
          限定为某个镇街的账号只能查看和填报该镇街的数据（每个页面、下载与接口都如此）；不限定的账号（区科协工作人员、领导）可查看全部单位。
          管理员始终管理全部单位。账号在<Link href="/admin/users" className="mx-1 text-brand-700 hover:underline">账号管理</Link>中添加。
        </p>
        {accounts.length === 0 ? <p className="text-sm text-slate-500">还没有工作人员或只读账号。</p> : (
          <ul className="divide-y divide-slate-100" data-testid="account-scopes">
            {accounts.map((account) => (
              <li key={account.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="text-sm">{account.name}（{account.username}）<span className="ml-1 text-xs text-slate-500">{ROLE_LABELS[account.role]}</span></span>
                <AccountUnitForm userId={account.id} label={account.name} unitId={scoped.get(account.id) ?? null} towns={townChoices} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="peers-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div>
          <h2 id="peers-heading" className="text-base font-semibold">{UNIT_KIND_LABELS.peer}（{peers.length}）</h2>
          <p className="text-sm text-slate-600">
            导入省级通报时，未匹配的单位可一键添加到这里；它们的数据只来自通报，不能手工填写。
            <Link href="/import/bulletin" className="ml-1 text-brand-700 hover:underline">导入省级通报</Link>
          </p>
        </div>
        {peers.length > 0 && (
          <ul className="divide-y divide-slate-100" data-testid="peers">
            {peers.map((peer) => (
              <UnitRow key={peer.id} unit={peer} aliases={aliases.get(peer.id) ?? []} month={month} accounts={[]} />
            ))}
          </ul>
        )}
        <AddUnitForm kind="peer" label="添加同级单位" />
      </section>
    </div>
  );
}

function UnitRow({ unit, aliases, month, accounts }: { unit: Organization; aliases: string[]; month: Month; accounts: string[] }) {
  return (
    <li className="py-2">
      <details>
        <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-2 py-1">
          <span className="font-medium">{unit.name}</span>
          <span className="text-xs text-slate-500">简称“{unit.shortName}”</span>
          {aliases.length > 0 && <span className="text-xs text-slate-500">别名：{aliases.join("、")}</span>}
          {unit.retiredFrom && isMonth(unit.retiredFrom) && <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">自{formatMonth(unit.retiredFrom)}起停用</span>}
          {accounts.length > 0 && <span className="text-xs text-slate-500">账号：{accounts.join("、")}</span>}
        </summary>
        <div className="mt-2 space-y-3 border-l-2 border-slate-100 pl-3">
          <RenameUnitForm unitId={unit.id} name={unit.name} shortName={unit.shortName} />
          <Aliases unit={unit} aliases={aliases} />
          <RetireUnitForm unitId={unit.id} name={unit.name} retiredFrom={unit.retiredFrom} month={month} />
        </div>
      </details>
    </li>
  );
}

function Aliases({ unit, aliases }: { unit: Organization; aliases: string[] }) {
  return (
    <div className="space-y-1">
      {aliases.length > 0 && (
        <ul className="flex flex-wrap gap-1 text-sm" aria-label={`“${unit.name}”的别名`}>
          {aliases.map((alias) => (
            <li key={alias} className="rounded bg-slate-100 px-2 py-0.5">
              {alias}
              <RemoveAliasButton unitId={unit.id} alias={alias} />
            </li>
          ))}
        </ul>
      )}
      <AddAliasForm unitId={unit.id} name={unit.name} />
    </div>
  );
}
