import { describe, expect, it } from "vitest";
import { MIN_PRINT_SCALE, pageSetupOf, POINTS_PER_WIDTH_UNIT, PRINTABLE_WIDTH, rowHeight, sheetPrint } from "./sheet-print";

const units = (points: number) => points / POINTS_PER_WIDTH_UNIT;

describe("how a worksheet prints on A4", () => {
  it("is portrait at full size when its columns fit the portrait page", () => {
    expect(sheetPrint([6, 30, 36])).toEqual({ orientation: "portrait", scale: 1, fitToWidth: true });
  });

  it("is landscape at full size when they fit only the landscape page", () => {
    expect(sheetPrint([units(PRINTABLE_WIDTH.portrait) + 1])).toEqual({ orientation: "landscape", scale: 1, fitToWidth: true });
  });

  it("shrinks to one page wide only while 10-point text stays at 9 points or more", () => {
    const readable = sheetPrint([units(PRINTABLE_WIDTH.landscape / 0.92)]);
    expect(readable.fitToWidth).toBe(true);
    expect(readable.scale).toBeCloseTo(0.92);
    // the old summary sheet: 14 columns, 164 characters wide, printed at about 6.7 points
    const tiny = sheetPrint([5, 22, 6, 10, 10, 10, 22, 7, 8, 30, 10, 7, 10, 7]);
    expect(tiny.scale).toBeLessThan(MIN_PRINT_SCALE);
    expect(tiny.fitToWidth).toBe(false);
    expect(pageSetupOf(tiny)).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: false, scale: 100 });
    expect(pageSetupOf(readable)).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });

  it("gives a row the height of its longest wrapped text", () => {
    expect(rowHeight([1, "短"], [5, 10])).toBe(18);
    expect(rowHeight(["一".repeat(20)], [10])).toBe(Math.ceil(4 * 13.5 + 4));
  });
});
