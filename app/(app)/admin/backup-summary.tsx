import Link from "@/app/ui/link";
import { BACKUP_KIND_LABELS, formatBytes } from "@/lib/backups";
import { formatDateTime } from "@/lib/format";
import { listBackups } from "@/db/backup";

/** The newest backup at a glance, with a fresh download; the details are on /admin/backups. */
export function BackupSummary() {
  const latest = listBackups()[0];
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="backup-heading">
      <h2 id="backup-heading" className="text-base font-semibold">数据备份</h2>
      <p className="text-sm text-slate-700" data-testid="latest-backup">
        {latest ? (
          <>
            最近一次备份：<strong>{formatDateTime(latest.takenAt)}</strong>（{formatBytes(latest.bytes)}，{BACKUP_KIND_LABELS[latest.kind]}）
          </>
        ) : (
          "还没有任何备份。服务运行时每天 03:00（北京时间）自动备份，也可以立即下载一份。"
        )}
      </p>
      <div className="flex flex-wrap gap-2">
        <a href="/admin/backups/download" download className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          下载当前数据库备份
        </a>
        <Link href="/admin/backups" className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
          备份与恢复
        </Link>
      </div>
    </section>
  );
}
