import { findBulletinTable, type BulletinTable } from "@/lib/bulletin/sheet";
import { readUpload } from "@/lib/sheet/read-file";

/** The bulletin table found in an uploaded workbook, as the import page finds it; throws with the page's message otherwise. */
export async function bulletinTableOf(buffer: Buffer): Promise<BulletinTable> {
  const read = await readUpload(new Uint8Array(buffer), "通报.xlsx");
  if (!read.ok) throw new Error(read.message);
  const found = findBulletinTable(read.sheets);
  if (!found.ok) throw new Error(found.message);
  return found.table;
}
