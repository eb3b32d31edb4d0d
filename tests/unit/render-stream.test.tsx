/**
 * Pages full of Italian text (accented letters, en dashes) come out of the
 * server renderer byte for byte as React rendered them: no NUL byte, no
 * character cut in two (app/utils/render.server.tsx). The same page through
 * React 18's Node renderer shows the defect the app avoids.
 */
import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderHtmlStream } from "~/utils/render.server";

const LINE = "Convenzione quadro tra l’Università degli Studi di Milano – Dipartimento di Bioscienze – e Human Technopole: è così";

function Page({ lines }: { lines: string[] }) {
  return (
    <main>
      {lines.map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </main>
  );
}

/** Lines of varying length, so accented characters land on every byte offset of the renderer's buffers. */
const lines = Array.from({ length: 300 }, (_, i) => `${"·".repeat(i % 7)}${LINE} ${i}`);

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe("the HTML renderer", () => {
  it("streams long Italian text without NUL bytes or split characters", async () => {
    const bytes = await bytesOf(await renderHtmlStream(<Page lines={lines} />, { nonce: "n", waitForAll: true, timeoutMs: 5000, onError: (e) => { throw e; } }));
    expect(bytes.includes(0)).toBe(false);
    const html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    for (const line of lines) expect(html).toContain(`<p>${line}</p>`);
  });

  it("is needed: React 18's Node renderer pads the same page with NUL bytes", async () => {
    const html = await new Promise<string>((resolve, reject) => {
      const out = new PassThrough();
      const { pipe } = renderToPipeableStream(<Page lines={lines} />, {
        onAllReady() {
          pipe(out);
          text(out).then(resolve, reject);
        },
        onError: reject,
      });
    });
    expect(html.includes("\u0000")).toBe(true);
  });
});
