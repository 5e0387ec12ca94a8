"use client";

import Link from "@/app/ui/link";

/**
 * What a page shows when it could not be rendered: in Chinese, with the error's number to quote to
 * the administrator (the details are in the server log, never on the page) and a retry.
 */
export function ErrorPanel({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div role="alert" className="mx-auto max-w-xl space-y-4 px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">页面暂时无法显示</h1>
      <p className="text-slate-600">
        服务器处理这个页面时出错了，可能是数据库正忙或出现故障，详情已记入服务器日志。已经保存的数据不受影响；
        请稍后点“重试”，如果一直出现，请联系管理员。
      </p>
      {digest && <p className="text-xs text-slate-500">错误编号：{digest}（联系管理员时请提供）</p>}
      <div className="flex justify-center gap-3">
        <button type="button" onClick={() => retry()} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          重试
        </button>
        <Link href="/" className="rounded-md border border-slate-300 px-4 py-2 text-sm text-slate-700 hover:bg-slate-50">
          返回看板
        </Link>
      </div>
    </div>
  );
}
