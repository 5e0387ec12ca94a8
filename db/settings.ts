import "server-only";
import { currentTime } from "@/lib/clock";
import { eq } from "drizzle-orm";
import { DEFAULT_BANDS, type StatusBands } from "@/lib/targets";
import type { Queryable } from "./client";
import { appSettings } from "./schema";

const BANDS_KEY = "status_bands";

/** The attainment thresholds for green and amber, as the administrator set them (default 100 % / 90 %). */
export function getStatusBands(db: Queryable): StatusBands {
  const row = db.select().from(appSettings).where(eq(appSettings.key, BANDS_KEY)).get();
  if (!row) return DEFAULT_BANDS;
  const parsed: unknown = JSON.parse(row.value);
  if (typeof parsed === "object" && parsed !== null && "green" in parsed && "amber" in parsed) {
    const { green, amber } = parsed;
    if (typeof green === "number" && typeof amber === "number") return { green, amber };
  }
  return DEFAULT_BANDS;
}

export function setStatusBands(db: Queryable, bands: StatusBands): void {
  const value = JSON.stringify(bands);
  db.insert(appSettings)
    .values({ key: BANDS_KEY, value, updatedAt: currentTime() })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: currentTime() } })
    .run();
}
