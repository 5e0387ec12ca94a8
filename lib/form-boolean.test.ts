import { describe, expect, it } from "vitest";
import { parseFormBoolean } from "./form-boolean";

describe("a yes/no form field", () => {
  it('is exactly "true" or "false", as the forms post it', () => {
    expect(parseFormBoolean("true")).toBe(true);
    expect(parseFormBoolean("false")).toBe(false);
  });

  it("is nothing else: not maybe, blank, on, 1, another case, padded, missing or a file", () => {
    for (const value of ["maybe", "", " ", "on", "1", "0", "yes", "TRUE", "False", "true ", "\u200Etrue", null, undefined, true, new Blob(["true"])]) {
      expect(parseFormBoolean(value), String(value)).toBeNull();
    }
  });
});
