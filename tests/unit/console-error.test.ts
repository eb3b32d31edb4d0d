import { describe, expect, test, vi } from "vitest";
import { consoleError } from "../setup/setup-test-env";

// The failing case (an unexpected console.error fails the test) is enforced
// by the afterEach hook in tests/setup/setup-test-env.ts; these show how a
// test that expects an error says so.
describe("expected console.error", () => {
  test("is allowed once the test mocks the shared spy", () => {
    consoleError.mockImplementation(() => {});
    console.error("expected failure");
    expect(consoleError).toHaveBeenCalledWith("expected failure");
  });

  test("is allowed with vi.spyOn(console, 'error') too", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    console.error("also expected");
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
