/**
 * A minimal, valid PDF writer for tests and benchmarks: pages of plain text
 * in Helvetica, with a correct cross-reference table, so the real PDF text
 * extractor (unpdf / pdf.js) reads back exactly what was written.
 */

/** PDF string literal: backslashes and parentheses escaped; Latin-1 only. */
function literal(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A PDF whose page i shows the lines of pages[i]. */
export function makePdf(pages: string[][]): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1; // object numbers start at 1
  const catalog = add("");
  const pagesObj = add("");
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const kids: number[] = [];
  for (const lines of pages) {
    const ops = ["BT", "/F1 11 Tf", "14 TL", "56 780 Td", ...lines.map((l) => `${literal(l)} Tj T*`), "ET"].join("\n");
    const stream = add(`<< /Length ${Buffer.byteLength(ops, "latin1")} >>\nstream\n${ops}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** A PDF of `count` pages of contract-like text, with `marker` on page `markerPage` (1-based). */
export function makeContractPdf(count: number, marker = "", markerPage = 1): Buffer {
  const pages = Array.from({ length: count }, (_, i) => {
    const lines = Array.from({ length: 40 }, (_, k) =>
      `Art. ${i + 1}.${k + 1} The Parties agree to cooperate on research, data and facilities under this agreement.`);
    if (marker && i + 1 === markerPage) lines[10] = `The project is code-named ${marker} by both Parties.`;
    return lines;
  });
  return makePdf(pages);
}
