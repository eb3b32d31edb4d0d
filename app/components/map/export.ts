/**
 * Pictures and data of the map, made in the browser.
 *
 * PNG and SVG follow React Flow's "download image" example (html-to-image,
 * pinned at 1.11.11: later releases were reported to export badly), but
 * capture the whole map element rather than only the viewport, so the
 * legend and the caption (filters, "as of" date) that sit on the map are in
 * the picture; the zoom buttons and the minimap are left out. What is
 * exported is the current view: with onlyRenderVisibleElements nothing off
 * screen is in the DOM, so "fit view" first to export everything.
 */

const LEFT_OUT = ["react-flow__controls", "react-flow__minimap", "react-flow__attribution", "map-no-export"];

function keep(node: HTMLElement): boolean {
  const classes = node.classList;
  return !classes || !LEFT_OUT.some((c) => classes.contains(c));
}

function options(element: HTMLElement) {
  return {
    backgroundColor: "#ffffff",
    width: element.clientWidth,
    height: element.clientHeight,
    filter: keep,
    // The app has no web fonts; skipping the font scan avoids reading every stylesheet.
    skipFonts: true,
  };
}

/** Runs `make` with the legend unfolded (a picture without its legend cannot be read), then folds it back. */
async function withLegendOpen<T>(element: HTMLElement, make: () => Promise<T>): Promise<T> {
  const legend = element.querySelector<HTMLDetailsElement>(".map-legend details");
  const wasOpen = legend?.open ?? true;
  if (legend && !wasOpen) {
    legend.open = true;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
  }
  try {
    return await make();
  } finally {
    if (legend && !wasOpen) legend.open = false;
  }
}

/** html-to-image is loaded on the first download, not with the map. */
const pictures = () => import("html-to-image");

export async function mapToPng(element: HTMLElement): Promise<string> {
  const { toPng } = await pictures();
  return withLegendOpen(element, () => toPng(element, { ...options(element), pixelRatio: 2 }));
}

export async function mapToSvg(element: HTMLElement): Promise<string> {
  const { toSvg } = await pictures();
  return withLegendOpen(element, () => toSvg(element, options(element)));
}

export function downloadUrl(url: string, filename: string) {
  const a = document.createElement("a");
  a.setAttribute("download", filename);
  a.setAttribute("href", url);
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadText(text: string, filename: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  downloadUrl(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
