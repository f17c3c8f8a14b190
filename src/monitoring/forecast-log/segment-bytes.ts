/**
 * A segment's lines written straight into bytes off the JS heap. Keeping every line as a string until the segment
 * was joined carried tens of thousands of strings a second through the young generation into the old one (the
 * encoding yields to requests, so they outlive scavenges); each line here is a temporary that dies young.
 */
export class SegmentBytes {
  private buffer: Buffer;
  private used = 0;
  lines = 0;

  /** `pool` holds buffers of earlier segments: reused, they spare V8 the external memory that brings on full GCs. */
  constructor(
    private readonly pool: Buffer[] = [],
    initialBytes = 16 * 1024,
  ) {
    this.buffer = pool.pop() ?? Buffer.allocUnsafe(initialBytes);
  }

  /** Gives the buffer back to the pool (at most `keep` buffers stay there); the segment is empty after. */
  release(keep = 64): void {
    if (this.pool.length < keep) this.pool.push(this.buffer);
    this.buffer = Buffer.alloc(0);
    this.used = 0;
    this.lines = 0;
  }

  /** Appends `line` and a newline. */
  push(line: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit, plus the newline.
    const worst = line.length * 3 + 1;
    if (this.used + worst > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + worst));
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
    this.buffer[this.used++] = 0x0a;
    this.lines++;
  }

  /** The bytes written so far (a view, valid until the next push). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.used);
  }
}
