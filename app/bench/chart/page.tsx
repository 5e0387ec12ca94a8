import { valueAxis } from "@/lib/chart-scale";
import { requireUser } from "@/app/_auth/session";
import { InteractiveValueChart } from "@/app/ui/charts/interactive/value-chart";

export const dynamic = "force-dynamic";
export const metadata = { title: "基准：单个图表" };

/**
 * The benchmark's second baseline: one Recharts chart and nothing else, so that a real page's
 * JavaScript can be read against the framework plus the chart library. Its points are a fixed
 * shape for the chart to draw, not figures of any district.
 */
const SHAPE = Array.from({ length: 12 }, (_, index) => ({ label: `${index + 1}`, value: index * index }));
const SHAPE_AXIS = valueAxis(SHAPE.map((point) => point.value));

export default async function ChartBaselinePage() {
  await requireUser();
  return (
    <main className="p-6">
      <p className="text-sm text-slate-600">性能基准对照页：框架 + 一个 Recharts 图表（图形为固定示意，非任何单位的数据）。</p>
      <div className="h-64 w-full">
        <InteractiveValueChart data={SHAPE} name="示意" unit="" axis={SHAPE_AXIS} />
      </div>
    </main>
  );
}
