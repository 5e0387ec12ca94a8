/**
 * How much room Chinese text takes in a slide's box, so that every text is set at a size that fits
 * (PowerPoint's own "shrink on overflow" applies only once a person edits the box, and LibreOffice
 * and WPS differ in it). A Chinese character is one em wide; Latin letters and digits about half.
 */

/** Width of a text in ems at any size. */
export function widthInEms(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u0000-\u00ff]/.test(char) ? (/[A-Z%]/.test(char) ? 0.66 : 0.55) : 1;
  return width;
}

/** Lines a text wraps to at `size` points in a box `width` points wide (each paragraph at least one). */
export function lineCount(text: string, size: number, width: number): number {
  const perLine = Math.max(1, width / size);
  return text.split("\n").reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(widthInEms(paragraph) / perLine - 1e-9)), 0);
}

/** Height in points a text needs at `size`, with the line spacing the slides use. */
export function textHeight(text: string, size: number, width: number, spacing = 1.2): number {
  return lineCount(text, size, width) * size * spacing;
}

/**
 * The largest size from `max` down to `min` (in half-point steps) at which `text` fits a box of
 * `width` × `height` points; null when it does not fit even at `min`.
 */
export function fitSize(text: string, box: { width: number; height: number }, range: { max: number; min: number }, spacing = 1.2): number | null {
  for (let size = range.max; size >= range.min; size -= 0.5) {
    if (textHeight(text, size, box.width, spacing) <= box.height) return size;
  }
  return null;
}
