import Link from "@/app/ui/link";
import type { Pack } from "@/lib/pack/model";
import { formatQuarter, nextQuarter, previousQuarter, type Quarter } from "@/lib/periods";
import { PrintButton } from "@/app/ui/print-button";

const DOWNLOAD = "rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50";

/** The quarter switcher and the downloads: the pack as Word, slides and Excel (never printed). */
/** `unitQuery` keeps a town's pack ("?unit=7") on every link; empty for the district. */
export function PackToolbar({ quarter, latest, unitQuery = "" }: { quarter: Quarter; latest: Quarter; unitQuery?: string }) {
  const following = nextQuarter(quarter);
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 print:hidden">
      <nav aria-label="切换季度" className="flex flex-wrap gap-2 text-sm">
        <Link href={`/review/${previousQuarter(quarter)}${unitQuery}`} className={DOWNLOAD}>
          ‹ {formatQuarter(previousQuarter(quarter))}
        </Link>
        {following <= latest && (
          <Link href={`/review/${following}${unitQuery}`} className={DOWNLOAD}>
            {formatQuarter(following)} ›
          </Link>
        )}
      </nav>
      <div className="flex flex-wrap gap-2" data-testid="pack-downloads">
        <PrintButton />
        <a href={`/review/${quarter}/docx${unitQuery}`} className={DOWNLOAD} download>下载 Word</a>
        <a href={`/review/${quarter}/pptx${unitQuery}`} className={DOWNLOAD} download>下载 PPT</a>
        <a href={`/review/${quarter}/xlsx${unitQuery}`} className={DOWNLOAD} download>下载 Excel</a>
      </div>
    </div>
  );
}

/** The pack's title block: unit, title, draft mark, when it was generated, whether its months are approved. */
export function PackHeader({ pack }: { pack: Pack }) {
  return (
    <header className="border-b-2 border-slate-800 pb-3">
      <p className="text-sm text-slate-600">{pack.organization.name}</p>
      <h1 className="flex flex-wrap items-center gap-2 text-2xl font-bold">
        {pack.title}
        {pack.draft && (
          <span className="rounded border border-red-400 px-2 py-0.5 text-sm font-semibold text-red-700" data-testid="draft">
            草稿
          </span>
        )}
      </h1>
      <p className="text-xs text-slate-500">
        生成于 {pack.generatedText} · {pack.basisNote}
        {pack.demo && " · 含示例数据（非真实填报）"}
      </p>
      {pack.draft && <p className="mt-1 text-xs text-red-700">未达标指标的“原因”和“下步措施”填写完整后，草稿标记自动取消。</p>}
      <p className="text-sm" data-testid="approval-summary">审核情况：{pack.approval.text}</p>
    </header>
  );
}
