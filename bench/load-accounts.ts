/**
 * tsx --conditions=react-server bench/load-accounts.ts DATABASE COUNT
 *
 * The accounts of the load scenario (bench/load.ts), made in a working copy of a bench database:
 * two towns and COUNT distinct accounts — district viewers and staff, and town-scoped staff and
 * viewers — each with a name of its own. Prints them as JSON (username, password, role, unit).
 */
import { createAuth } from "@/db/auth";
import { openDatabase } from "@/db/client";
import { addUnit, setUserUnit } from "@/db/organizations";
import { createAccount } from "@/db/users";
import type { Role } from "@/lib/roles";

export type LoadAccount = { username: string; password: string; role: Role; unitId: number | null };

/** Of every ten accounts: four district viewers, three district staff, two town staff, one town viewer. */
const PATTERN: { role: Role; town: boolean }[] = [
  { role: "viewer", town: false },
  { role: "staff", town: false },
  { role: "viewer", town: false },
  { role: "staff", town: true },
  { role: "viewer", town: false },
  { role: "staff", town: false },
  { role: "viewer", town: true },
  { role: "viewer", town: false },
  { role: "staff", town: false },
  { role: "staff", town: true },
];

async function main() {
  const [file, countText] = process.argv.slice(2);
  const count = Number(countText);
  if (!file || !(count >= 1)) throw new Error("用法：load-accounts.ts 数据库 账号数");
  const db = openDatabase(file);
  const auth = createAuth(db);
  const towns = [addUnit(db, { kind: "sub", name: "基准甲镇科协", shortName: "甲镇" }), addUnit(db, { kind: "sub", name: "基准乙镇科协", shortName: "乙镇" })];
  const made: LoadAccount[] = [];
  for (let index = 0; index < count; index += 1) {
    const shape = PATTERN[index % PATTERN.length] ?? { role: "viewer", town: false };
    const number = String(index + 1).padStart(2, "0");
    const account = { username: `load-${number}`, password: `load-pass-${number}`, role: shape.role };
    const created = await createAccount(db, auth, { ...account, name: `压测${shape.role === "staff" ? "填报" : "查看"}${number}` });
    const town = shape.town ? (towns[index % towns.length] ?? null) : null;
    if (town) setUserUnit(db, { userId: created.id, organizationId: town.id, assignedBy: created.id });
    made.push({ ...account, unitId: town?.id ?? null });
  }
  db.$client.close();
  console.log(JSON.stringify(made));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
