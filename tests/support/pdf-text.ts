/**
 * A PDF as a reader sees it, for the tests of printed documents (the pack's print, the Word and Excel
 * files converted by LibreOffice): each page's size, its lines of text top to bottom (items on one
 * baseline joined, spaces removed), where its lowest line of body text sits, and the font sizes used.
 */

export type PdfLine = {
  /** From the top of the page, in points. */
  y: number;
  text: string;
  /** The line's pieces of text left to right (a table row's cells, each line of them). */
  parts: string[];
  size: number;
};
export type PdfPage = {
  number: number;
  width: number;
  height: number;
  /** The page's lines, top to bottom. */
  lines: PdfLine[];
  /** Every line but the running header and footer. */
  body: PdfLine[];
  /** The whole page's text, spaces removed. */
  text: string;
};

/** Lines this close (points) are one line; the running header and footer are the top and bottom lines within this margin of the page's edge. */
const SAME_LINE = 2.5;
const RUNNING_MARGIN = 56;

export async function readPdf(pdf: Uint8Array): Promise<PdfPage[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) => {
      if (!("str" in item) || item.str.trim() === "") return [];
      const [, , c = 0, d = 0, x = 0, y = 0] = item.transform;
      return [{ x, y: height - y, size: Math.hypot(c, d), text: item.str }];
    });
    items.sort((a, b) => a.y - b.y || a.x - b.x);
    const lines: PdfLine[] = [];
    let current: typeof items = [];
    const flush = () => {
      if (current.length === 0) return;
      // the PDF's CJK fonts map some characters to radical twins (⼀ for 一, ⻚ for 页): NFKC folds most back
      const parts = current.sort((a, b) => a.x - b.x).map((item) => item.text.normalize("NFKC").replace(/\s+/g, ""));
      lines.push({ y: current[0]?.y ?? 0, text: parts.join(""), parts, size: Math.max(...current.map((item) => item.size)) });
      current = [];
    };
    for (const item of items) {
      if (current.length > 0 && Math.abs(item.y - (current[0]?.y ?? 0)) > SAME_LINE) flush();
      current.push(item);
    }
    flush();
    const running = (line: PdfLine, index: number) =>
      (index === 0 && line.y < RUNNING_MARGIN) || (index === lines.length - 1 && line.y > height - RUNNING_MARGIN);
    pages.push({
      number,
      width: Math.round(width),
      height: Math.round(height),
      lines,
      body: lines.filter((line, index) => !running(line, index)),
      text: lines.map((line) => line.text).join(""),
    });
  }
  return pages;
}

/** How far down the page its lowest line of body text is, as a share of the page's height. */
export function filledTo(page: PdfPage): number {
  const lowest = page.body.at(-1);
  return lowest ? lowest.y / page.height : 0;
}

/** Pages, other than the last, whose body text ends above `share` of the page: nearly empty ones. */
export function nearlyEmptyPages(pages: readonly PdfPage[], share = 0.4): number[] {
  return pages.slice(0, -1).filter((page) => filledTo(page) < share).map((page) => page.number);
}
