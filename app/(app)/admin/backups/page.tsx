import { notFound } from "next/navigation";
import { BACKUP_KIND_LABELS, formatBytes } from "@/lib/backups";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/roles";
import { backupDir, backupKeep, listBackups } from "@/db/backup";
import { databasePath, getDb } from "@/db/client";
import { checkWritable } from "@/db/health";
import { requireUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "备份与恢复" };

export default async function BackupsPage() {
  const user = await requireUser();
  if (!can(user.role, "database:backup")) notFound();
  const health = checkWritable(getDb(), databasePath());
  const backups = listBackups();
  const folder = backupDir();
  const keep = backupKeep();

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">备份与恢复</h1>

      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">数据库状态</h2>
        {health.ok ? (
          <p className="text-sm text-emerald-700" data-testid="database-status">✓ 数据库文件可正常写入（{databasePath()}）</p>
        ) : (
          <p className="text-sm text-red-700" data-testid="database-status">✗ 数据库当前无法写入：{health.problem}。请先下载一份备份，再处理故障。</p>
        )}
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">备份</h2>
        <p className="text-sm text-slate-600">
          {keep > 0 ? (
            <>
              服务运行时每天 03:00（北京时间）自动备份到 <code className="rounded bg-slate-100 px-1">{folder}</code>，保留最近 {keep} 份每日备份
              （环境变量 <code>BACKUP_DIR</code>、<code>BACKUP_KEEP</code>）；错过备份时间（例如服务当时未运行）会在启动时补做。
            </>
          ) : (
            <>每日自动备份已关闭（<code>BACKUP_KEEP=0</code>），请另行安排备份。备份目录：<code className="rounded bg-slate-100 px-1">{folder}</code>。</>
          )}
          每份备份都经过 SQLite 完整性检查。也可随时下载一份当前数据库的备份，或在服务器上运行 <code>npm run db:backup</code>。
        </p>
        <a href="/admin/backups/download" download className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          下载当前数据库备份
        </a>
        {backups.length === 0 ? (
          <p className="text-sm text-slate-500">备份目录中还没有备份。</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="backups">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 font-normal">时间</th>
                <th className="py-1 font-normal">类型</th>
                <th className="py-1 text-right font-normal">大小</th>
                <th className="hidden py-1 pl-6 font-normal sm:table-cell">文件</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {backups.map((backup) => (
                <tr key={backup.name}>
                  <td className="py-1.5">{formatDateTime(backup.takenAt)}</td>
                  <td className="py-1.5">{BACKUP_KIND_LABELS[backup.kind]}</td>
                  <td className="py-1.5 text-right tabular-nums">{formatBytes(backup.bytes)}</td>
                  <td className="hidden py-1.5 pl-6 font-mono text-xs text-slate-500 sm:table-cell">{backup.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <h2 className="text-base font-semibold">恢复</h2>
        <p className="text-slate-600">恢复会替换整个数据库，只能在服务器上进行：</p>
        <ol className="list-decimal space-y-1 pl-5 text-slate-700">
          <li>停止服务（在运行 <code>npm start</code> 的终端按 Ctrl+C，或 <code>systemctl stop</code> 服务名）。</li>
          <li>
            运行 <code className="rounded bg-slate-100 px-1">npm run db:restore -- 备份文件</code>。命令先检查备份（完整性、是否本应用的数据库、数据库版本），
            再把当前数据库另存到备份目录，然后替换。
          </li>
          <li>重新启动服务（<code>npm start</code>）。</li>
        </ol>
        <p className="text-slate-500">服务运行时命令会拒绝替换数据库；请不要用复制文件的方式恢复或备份正在使用的数据库。</p>
      </section>
    </div>
  );
}
