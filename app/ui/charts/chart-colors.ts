/** Colours the static and the interactive drawing of a chart share, so the one replaces the other unnoticed. */
export const MET = "#1d5fbf";
export const BELOW = "#dc2626";
export const TARGET = "#b45309";
export const GRID = "#e2e8f0";
export const PACE = "#94a3b8";
export const RANK_COLORS = ["#1d5fbf", "#059669", "#b45309", "#7c3aed", "#db2777"] as const;
/** Text in a chart (legend, tooltip): dark enough to read on white whatever the colour of its line. */
export const TEXT = "#334155";
