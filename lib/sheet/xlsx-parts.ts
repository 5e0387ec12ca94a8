/**
 * The parts of an xlsx (a zip), each streamed as it inflates through an XML parser (saxes, the one
 * exceljs uses), a chunk at a time: nothing is inflated whole, nothing is written to disk, and a
 * handler that answers a refusal stops the part there. yauzl reads the parts from the bytes in
 * any order (the workbook and its strings before the sheets), whatever order the zip holds them in.
 */
import { SaxesParser } from "saxes";
import yauzl from "yauzl";
import { MESSAGES, ZIP_LIMITS } from "./limits";
import type { Stop } from "./read-budget";

export type XmlHandlers = {
  /** A start tag by its local name (a prefix such as `x:` dropped). */
  open?: (name: string, attributes: Readonly<Record<string, string>>) => Stop | void;
  text?: (text: string) => Stop | void;
  close?: (name: string) => Stop | void;
};

export class CorruptPart extends Error {}

function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

export class WorkbookParts {
  readonly #zip: yauzl.ZipFile;
  readonly #entries: ReadonlyMap<string, yauzl.Entry>;

  private constructor(zip: yauzl.ZipFile, entries: ReadonlyMap<string, yauzl.Entry>) {
    this.#zip = zip;
    this.#entries = entries;
  }

  /** The zip's parts by name (compared without case, as Office does), or null if it is no zip. */
  static async open(bytes: Buffer): Promise<WorkbookParts | null> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
    } catch {
      return null;
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const entry of zip.eachEntry()) {
        if (entries.size >= ZIP_LIMITS.entries) break;
        entries.set(entry.fileName.toLowerCase(), entry);
      }
    } catch {
      zip.close();
      return null;
    }
    return new WorkbookParts(zip, entries);
  }

  has(path: string): boolean {
    return this.#entries.has(path.toLowerCase());
  }

  /**
   * Stream the part at `path` through `handlers`: null when it was read to its end (or is absent),
   * else the first refusal a handler answered. Throws CorruptPart for a part that does not inflate
   * or is not XML.
   */
  async read(path: string, handlers: XmlHandlers): Promise<Stop> {
    const entry = this.#entries.get(path.toLowerCase());
    if (!entry) return null;
    if (entry.uncompressedSize > ZIP_LIMITS.partBytes) return MESSAGES.partTooLarge(entry.uncompressedSize);
    let stop: Stop = null;
    const parser = new SaxesParser({ xmlns: false, position: false });
    parser.on("opentag", (tag) => {
      stop ??= handlers.open?.(localName(tag.name), tag.attributes) ?? null;
    });
    parser.on("text", (text) => {
      stop ??= handlers.text?.(text) ?? null;
    });
    parser.on("closetag", (tag) => {
      stop ??= handlers.close?.(localName(tag.name)) ?? null;
    });
    let stream;
    try {
      stream = await this.#zip.openReadStreamPromise(entry);
    } catch {
      throw new CorruptPart(path);
    }
    const decoder = new TextDecoder("utf-8");
    try {
      for await (const chunk of stream) {
        if (!(chunk instanceof Uint8Array)) throw new CorruptPart(path);
        parser.write(decoder.decode(chunk, { stream: true }));
        // the parser reports a whole chunk's tags at once; a refusal among them ends the part here
        if (stop) break;
      }
      if (!stop) parser.write(decoder.decode()).close();
    } catch (error) {
      throw error instanceof CorruptPart ? error : new CorruptPart(path);
    } finally {
      stream.destroy();
    }
    return stop;
  }

  close(): void {
    this.#zip.close();
  }
}
