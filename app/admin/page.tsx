import { getDb } from "@/db/client";
import { countDemoFigures } from "@/db/seed";
import { ClearDemoButton } from "./clear-demo-button";

export const dynamic = "force-dynamic";
export const metadata = { title: "管理" };

export default function AdminPage() {
  const demoCount = countDemoFigures(getDb());
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">管理</h1>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">示例数据</h2>
        <p className="text-sm text-slate-600">
          首次启动时，系统为2024年各月填入了示例数据（标记为“示例数据”），以便看板能显示图表。
          示例数据不是真实填报，正式使用前请清除。清除后不会再次自动生成；2023年基线数据（来自《2024年部门预算编制说明》）与正式填报的数据保留不变。
          已被工作人员修改过的示例值视为正式数据，不会被清除。
        </p>
        <p className="text-sm">
          当前示例数据：<strong data-testid="demo-count">{demoCount}</strong> 条
        </p>
        <ClearDemoButton count={demoCount} />
      </section>
    </div>
  );
}
