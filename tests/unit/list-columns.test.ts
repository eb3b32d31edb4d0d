/** The agreement list's column choice: the default until someone chooses, and the cookie read back. */
import { describe, expect, it } from "vitest";
import { COLUMNS_COOKIE, columnsCookie, DEFAULT_HIDDEN, hiddenColumns } from "~/domain/list-columns";

describe("the list's hidden columns", () => {
  it("hide the start date until someone chooses", () => {
    expect(hiddenColumns(null)).toEqual(["startDate"]);
    expect(hiddenColumns("other=1")).toEqual([...DEFAULT_HIDDEN]);
  });

  it("are what the cookie says once someone has chosen, even nothing", () => {
    const cookie = (hidden: Parameters<typeof columnsCookie>[0]) => columnsCookie(hidden).split(";")[0]!;
    expect(hiddenColumns(cookie([]))).toEqual([]);
    expect(hiddenColumns(`a=1; ${cookie(["value", "noticeDeadline"])}`)).toEqual(["noticeDeadline", "value"]);
  });

  it("ignore unknown names and broken encodings", () => {
    expect(hiddenColumns(`${COLUMNS_COOKIE}=title,kind,nonsense`)).toEqual(["kind"]);
    expect(hiddenColumns(`${COLUMNS_COOKIE}=%E0%A4%A`)).toEqual([]);
  });
});
