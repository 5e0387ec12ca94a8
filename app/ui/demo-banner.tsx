/** Shown on every page that displays demo figures, so that nobody takes them for real ones. */
export function DemoBanner({ detail }: { detail?: string }) {
  return (
    <div role="note" className="mb-4 flex flex-wrap items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <span className="rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold">示例数据</span>
      <span>
        {detail ?? "本页含示例数据（标“示例”的数值为演示用，非真实填报）。"}
        管理员可在“管理”页一键清除，2023年真实基线数据保留。
      </span>
    </div>
  );
}

export function DemoTag() {
  return (
    <span title="示例数据，非真实填报" className="ml-1 rounded bg-amber-100 px-1 py-0.5 text-[11px] font-medium text-amber-800">
      示例
    </span>
  );
}
