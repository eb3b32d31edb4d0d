/**
 * Import `test` and `expect` from here, not from @playwright/test: every page
 * a test opens is watched, and the test fails if the page logs a console
 * error or throws an uncaught exception.
 *
 * A test that provokes an error on purpose (a 404 page, say) lists it:
 *
 *   test.use({ allowedConsoleErrors: [/status of 404/] });
 */
import { test as base, expect, type Page } from "@playwright/test";

type Fixtures = {
  /** Console / page errors matching one of these do not fail the test. */
  allowedConsoleErrors: RegExp[];
};

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],

  // Watching the context catches every page of the test, including popups
  // and pages opened with context.newPage().
  context: async ({ context, allowedConsoleErrors }, use, testInfo) => {
    const errors: string[] = [];
    const record = (text: string) => {
      if (!allowedConsoleErrors.some((re) => re.test(text))) errors.push(text);
    };
    const watch = (page: Page) => {
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const { url, lineNumber } = message.location();
        record(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
      });
      page.on("pageerror", (error) => record(`uncaught ${error.name}: ${error.message}`));
    };
    context.pages().forEach(watch);
    context.on("page", watch);

    await use(context);

    if (errors.length > 0) {
      await testInfo.attach("browser-errors", { body: errors.join("\n"), contentType: "text/plain" });
    }
    expect(errors, "the page logged errors in the browser console").toEqual([]);
  },
});

export { expect };
