import { describe, expect, it } from "vitest";
import { textFields } from "./form-data";

describe("a posted form's text fields", () => {
  it("leave out React's action fields and files, and can be narrowed to the form's own", () => {
    const form = new FormData();
    form.set("$ACTION_REF_1", "");
    form.set("nanny_new", "34");
    form.set("users_total", "14312");
    form.set("attachment", new Blob(["x"]));
    expect(textFields(form)).toEqual({ nanny_new: "34", users_total: "14312" });
    expect(textFields(form, ["nanny_new", "absent"])).toEqual({ nanny_new: "34" });
  });
});
