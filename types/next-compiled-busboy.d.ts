/**
 * The multipart parser Next reads a server-action call with JavaScript through (its own copy of
 * busboy 1.x, which ships without types): the front door reads such a call with the same parser,
 * so that it checks the parts React will decode (lib/request-rules.ts). Only what the door uses.
 */
declare module "next/dist/compiled/busboy" {
  import type { Writable } from "node:stream";

  type BusboyConfig = {
    headers: { "content-type": string };
    /** How names and file names are decoded; Next passes "utf8". */
    defParamCharset?: string;
    limits?: { fieldSize?: number; parts?: number };
  };

  /** Emits "field" (name, value, info), "file" (name, stream, { filename, encoding, mimeType }), "partsLimit", "error" and "close". */
  function busboy(config: BusboyConfig): Writable;
  export = busboy;
}
