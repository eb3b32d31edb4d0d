/**
 * The code reads as the architecture (issue 8, STYLE.md): no module in app/
 * over 500 lines, no function over 80, every file opening with a comment
 * that says what it holds, stylesheets that parse, and pure code (app/domain, app/components/map's
 * model) importing nothing that only runs on the server.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import postcss from "postcss";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const APP = path.resolve("app");
const MAX_MODULE_LINES = 500;
const MAX_FUNCTION_LINES = 80;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const files = sources(APP).map((file) => ({ file: path.relative(APP, file), text: readFileSync(file, "utf8") }));

function longFunctions(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > MAX_FUNCTION_LINES) {
        const name = node.name?.getText(source) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : "(anonymous)");
        found.push(`${file}:${first + 1} ${name} (${last - first + 1} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the code's shape", () => {
  it(`has no module over ${MAX_MODULE_LINES} lines`, () => {
    expect(files.filter((f) => f.text.split("\n").length > MAX_MODULE_LINES).map((f) => f.file)).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(files.flatMap((f) => longFunctions(f.file, f.text))).toEqual([]);
  }, 30_000);

  it("opens every file with a comment saying what it holds", () => {
    expect(files.filter((f) => !/^\s*(\/\*\*|\/\/)/.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  it("has stylesheets that parse (a merge can leave a block open, and the build then fails)", () => {
    const sheets = readdirSync(path.join(APP, "styles")).filter((f) => f.endsWith(".css"));
    for (const sheet of sheets) expect(() => postcss.parse(readFileSync(path.join(APP, "styles", sheet), "utf8")), sheet).not.toThrow();
  });

  it("keeps pure code free of server-only modules", () => {
    const pure = files.filter((f) => f.file.startsWith("domain/") || f.file.startsWith("components/"));
    const offending = pure.filter((f) => /from\s+["'][^"']*\.server["']/.test(f.text.replace(/^import type .*$/gm, "")));
    expect(offending.map((f) => f.file)).toEqual([]);
  });
});
