import "server-only";
import { TurnQueue } from "@/lib/sheet/turn-queue";

declare global {
  var kepuImportTurns: TurnQueue | undefined;
}

/**
 * Imports — figures and the province bulletin, preview and confirm alike — run one at a time in
 * this process, so at most one import's reading budget (lib/sheet/limits.ts) is ever held. A real
 * import reads in well under a second, so a second one waits its turn; the line is short and the
 * wait bounded because each waiting request already holds its upload (up to 6 MB) in memory, and a
 * wait that long means the server is being flooded: that caller is told to try again.
 */
const MAX_WAITING = 4;
const MAX_WAIT_MS = 20_000;

export const IMPORT_BUSY_MESSAGE = "服务器正在处理其他导入，请稍候几秒再点一次。本次未写入任何数据。";

export function importTurns(): TurnQueue {
  // on globalThis: the figure and bulletin actions are bundled apart, and must share the one queue
  globalThis.kepuImportTurns ??= new TurnQueue({ maxWaiting: MAX_WAITING, maxWaitMs: MAX_WAIT_MS });
  return globalThis.kepuImportTurns;
}
