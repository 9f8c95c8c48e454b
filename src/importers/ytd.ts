/**
 * Streaming reader for X archive data parts: `window.YTD.<type>.partN = [ ... ]`.
 *
 * Parts can hold over a hundred megabytes (tweets), so neither the text nor the parsed array is ever held
 * whole: a byte scanner splits the top-level array into its elements and each element is parsed alone.
 * Scanning bytes is safe for UTF-8 because every byte of a multi-byte character is ≥ 0x80 and so never
 * mistaken for a quote, a bracket or a comma.
 */

/** A part whose overall structure is broken, so its elements cannot be told apart. */
export class PartError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} could not be read: ${reason}`);
  }
}

const EQUALS = 0x3d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/** How X's pretty-printed parts close each element of the list: where parsing ahead tries. */
const ELEMENT_CLOSE = Buffer.from('\n  }', 'latin1');

/** Bytes that matter to the scanner outside strings; every other byte is skipped with one lookup. */
const STRUCTURAL = new Uint8Array(256);
for (const b of [QUOTE, OPEN_BRACE, OPEN_BRACKET, CLOSE_BRACE, CLOSE_BRACKET, COMMA]) STRUCTURAL[b] = 1;

/**
 * The most one array element may take. An element is buffered whole before it is parsed, so without a
 * cap a tiny, highly compressed archive holding one post with hundreds of megabytes of text takes
 * gigabytes of memory, or crashes V8 ("Cannot create a string longer than…"). Real elements are a few
 * kilobytes (a post with all its entities, a long DM conversation stays well under a megabyte), so 8 MB
 * leaves a wide margin while keeping memory bounded.
 */
export const MAX_ELEMENT_BYTES = 8 * 1024 ** 2;

/** Why an element was passed over rather than parsed: it is larger than the cap. */
export const TOO_LARGE = Symbol('element too large');

export function isJsonSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/**
 * Reads the elements of one exact, common shape straight from their bytes, so that the scan, the text
 * and JSON.parse are saved for them (the follow lists hold hundreds of thousands of tiny elements). Any
 * element it does not recognise byte for byte is left to the scan and JSON.parse, so what it reads must
 * be exactly what `use` would have made of JSON.parse's value.
 */
export interface FastElements {
  /**
   * The index just past the element that starts at `from` (JSON whitespace first is allowed), when the
   * bytes there, up to the end of `bytes`, are exactly the shape it reads; otherwise -1.
   */
  match(bytes: Buffer, from: number): number;
  /** Uses the element last matched. */
  use(): void;
}

/**
 * Splits the bytes of one part, pushed in chunks of any size, into the source text of each element of the
 * top-level array. An element that is empty (`[1,,2]`) is reported as null so it can be counted; one
 * larger than `maxElementBytes` as `TOO_LARGE`: its bytes stop being kept once past the cap, but it is
 * still scanned to its end so the elements after it are found.
 */
export class YtdSplitter {
  private state: 'prefix' | 'open' | 'array' | 'done' = 'prefix';
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Bytes of the element in progress that arrived in earlier chunks. */
  private pending: Buffer[] = [];
  /** Bytes held in `pending`, or counted past the cap once the element is too large. */
  private pendingBytes = 0;
  /** The element in progress went past the cap: its bytes are no longer kept. */
  private oversized = false;
  private sawComma = false;
  private bytes = 0;
  /** In the current chunk, no element starting at or before this index is parsed ahead (see readAhead). */
  private noGuessUntil = -1;

  constructor(
    private readonly file: string,
    private readonly onElement: (text: string | null | typeof TOO_LARGE) => void,
    private readonly maxElementBytes = MAX_ELEMENT_BYTES,
    /** Reads elements of one expected shape straight from the bytes; the others go to `onElement`. */
    private readonly fast: FastElements | null = null,
    /**
     * Receives elements parsed ahead of the scan (see readAhead), as JSON.parse makes them of the text
     * `onElement` would have received. Without it, every element goes to `onElement` as text.
     */
    private readonly onValue: ((value: unknown) => void) | null = null,
  ) {}

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.noGuessUntil = -1;
    let i = 0;
    if (this.state === 'prefix') {
      const eq = chunk.indexOf(EQUALS);
      if (eq < 0) return;
      i = eq + 1;
      this.state = 'open';
    }
    if (this.state === 'open') {
      while (i < chunk.length && isJsonSpace(chunk[i]!)) i++;
      if (i === chunk.length) return;
      if (chunk[i] !== OPEN_BRACKET) {
        throw new PartError(
          this.file,
          `a list ("[") should follow "=", found "${String.fromCharCode(chunk[i]!)}"`,
        );
      }
      i++;
      this.state = 'array';
      this.depth = 1;
    }
    if (this.state === 'array') this.scan(chunk, i);
  }

  private scan(chunk: Buffer, from: number): void {
    let start = from;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    const n = chunk.length;
    let i = from;
    // An element that starts in this chunk may be read ahead of the scan (readAhead).
    if (this.ahead && this.pendingBytes === 0 && !inString && depth === 1) {
      const skipped = this.readAhead(chunk, start);
      if (skipped < 0) return;
      start = i = skipped;
    }
    while (i < n) {
      if (inString) {
        // Strings are most of the bytes. Most are short (keys, ids), for which a loop beats a call to
        // indexOf; an escape skips the byte after it, so an escaped quote never ends the string.
        if (escaped) {
          escaped = false;
          i++;
        }
        while (i < n) {
          const c = chunk[i]!;
          if (c === QUOTE) break;
          if (c === BACKSLASH) {
            if (i + 1 === n) {
              escaped = true;
              i = n;
              break;
            }
            i += 2;
          } else i++;
        }
        if (i >= n) break;
        inString = false;
        i++;
        continue;
      }
      const b = chunk[i]!;
      if (STRUCTURAL[b] === 0) {
        i++;
        continue;
      }
      if (b === QUOTE) {
        inString = true;
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        depth++;
      } else if (b === CLOSE_BRACKET && depth === 1) {
        this.emit(chunk, start, i, true);
        this.state = 'done';
        return;
      } else if ((b === CLOSE_BRACE || b === CLOSE_BRACKET) && depth > 1) {
        // A stray "}" at the top level stays inside its element, which then fails to parse and is counted.
        depth--;
      } else if (b === COMMA && depth === 1) {
        this.emit(chunk, start, i, false);
        this.sawComma = true;
        start = i + 1;
        if (this.ahead) {
          const skipped = this.readAhead(chunk, start);
          if (skipped < 0) return;
          start = skipped;
          i = skipped;
          continue;
        }
      }
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    if (start < n) this.keep(chunk.subarray(start));
  }

  private get ahead(): boolean {
    return this.fast !== null || this.onValue !== null;
  }

  /**
   * Reads, from `start` (the start of an element), the elements that can be read without the scan, with
   * the comma after each: those the fast reader recognises, then those that parse as they stand up to
   * the next line that closes an element the way X writes them (`\n  }`). Returns where the scan goes
   * on: the start of the first element read neither way, or -1 when the list's closing "]" was reached.
   *
   * Parsing ahead gives what the scan would: when the text from an element's start to a "}" is valid
   * JSON followed by whitespace and "," or "]", the scan, which tracks strings and nesting as JSON does,
   * finds no top-level comma inside a valid value, so it ends the element at that same "," or "]". When
   * the text is not valid JSON, the scan reads the element; it is not tried again up to that "}", so
   * every byte is searched once and parsed at most twice, and hostile parts stay linear.
   */
  private readAhead(chunk: Buffer, from: number): number {
    const fast = this.fast;
    const n = chunk.length;
    let start = from;
    for (;;) {
      let end = -1;
      if (fast !== null) {
        const stop = fast.match(chunk, start);
        if (stop >= 0) {
          end = this.delimiterAt(chunk, stop, start);
          if (end >= 0) fast.use();
        }
      }
      if (end < 0 && this.onValue !== null && start > this.noGuessUntil) {
        const close = chunk.indexOf(ELEMENT_CLOSE, start);
        if (close < 0) {
          this.noGuessUntil = n;
          return start;
        }
        const stop = close + ELEMENT_CLOSE.length;
        end = this.delimiterAt(chunk, stop, start);
        let value: unknown;
        if (end >= 0) {
          try {
            value = JSON.parse(chunk.toString('utf8', start, stop));
          } catch {
            end = -1;
          }
        }
        if (end < 0) {
          this.noGuessUntil = close;
          return start;
        }
        this.onValue(value);
      }
      if (end < 0) return start;
      if (chunk[end] === CLOSE_BRACKET) {
        this.state = 'done';
        return -1;
      }
      this.sawComma = true;
      start = end + 1;
    }
  }

  /**
   * The index of the "," or "]" after whitespace from `stop`, when the element from `start` to it is
   * within the cap; otherwise -1 (the scan then reads the element, or passes it over).
   */
  private delimiterAt(chunk: Buffer, stop: number, start: number): number {
    const n = chunk.length;
    let i = stop;
    while (i < n && isJsonSpace(chunk[i]!)) i++;
    if (i === n || i - start > this.maxElementBytes) return -1;
    const b = chunk[i];
    return b === COMMA || b === CLOSE_BRACKET ? i : -1;
  }

  /** Holds the start of the element in progress until its end arrives, unless it has grown past the cap. */
  private keep(bytes: Buffer): void {
    this.pendingBytes += bytes.length;
    if (this.oversized) return;
    if (this.pendingBytes > this.maxElementBytes) {
      this.oversized = true;
      this.pending = [];
      return;
    }
    this.pending.push(bytes);
  }

  private emit(chunk: Buffer, start: number, end: number, closing: boolean): void {
    const tooLarge = this.oversized || this.pendingBytes + (end - start) > this.maxElementBytes;
    let bytes = chunk.subarray(start, end);
    if (this.pending.length > 0 && !tooLarge) {
      this.pending.push(bytes);
      bytes = Buffer.concat(this.pending);
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.oversized = false;
    if (tooLarge) {
      this.onElement(TOO_LARGE);
      return;
    }
    const text = bytes.toString('utf8');
    if (/\S/.test(text)) this.onElement(text);
    else if (!closing || this.sawComma) this.onElement(null);
  }

  /** Call when the stream ends: a part that never closed its list is broken. */
  finish(): void {
    if (this.state === 'done') return;
    if (this.state === 'prefix') {
      throw new PartError(
        this.file,
        this.bytes === 0 ? 'the file is empty' : 'it does not start with "window.YTD.<type>.part<N> ="',
      );
    }
    if (this.state === 'open') throw new PartError(this.file, 'nothing follows "="; the file is cut short');
    throw new PartError(this.file, 'the list never ends (no closing "]"); the file is cut short');
  }
}

export interface PartCounts {
  /** Elements found, readable or not. */
  elements: number;
  /** Elements that are not valid JSON. */
  invalid: number;
  /** Valid JSON that lacks the fields the importer needs. */
  unusable: number;
  /** Elements larger than the cap, passed over unparsed. */
  tooLarge: number;
  /** Set when the part's structure is broken; the elements before the break were still used. */
  broken: PartError | null;
}

/**
 * Streams one part, handing each parsed element to `use`, which returns false when it lacks what it
 * needs; the elements `fast` recognises go to it instead, unparsed.
 */
export async function readYtdPart(
  file: string,
  chunks: AsyncIterable<Buffer>,
  use: (element: unknown) => boolean,
  onBytes?: (bytes: number) => void,
  maxElementBytes = MAX_ELEMENT_BYTES,
  fast?: FastElements,
): Promise<PartCounts> {
  const counts: PartCounts = { elements: 0, invalid: 0, unusable: 0, tooLarge: 0, broken: null };
  const counted: FastElements | null = fast
    ? {
        match: (bytes, from) => fast.match(bytes, from),
        use: () => {
          counts.elements++;
          fast.use();
        },
      }
    : null;
  const splitter = new YtdSplitter(
    file,
    (text) => {
      counts.elements++;
      if (text === TOO_LARGE) {
        counts.tooLarge++;
        return;
      }
      let value: unknown;
      try {
        if (text === null) throw new SyntaxError('empty element');
        value = JSON.parse(text);
      } catch {
        counts.invalid++;
        return;
      }
      if (!use(value)) counts.unusable++;
    },
    maxElementBytes,
    counted,
    (value) => {
      counts.elements++;
      if (!use(value)) counts.unusable++;
    },
  );
  try {
    for await (const chunk of chunks) {
      splitter.push(chunk);
      onBytes?.(chunk.length);
    }
    splitter.finish();
  } catch (error) {
    if (!(error instanceof PartError)) throw error;
    counts.broken = error;
  }
  return counts;
}
