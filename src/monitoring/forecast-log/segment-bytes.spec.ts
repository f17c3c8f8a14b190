import { SegmentBytes } from './segment-bytes';

describe('SegmentBytes', () => {
  it('holds the lines as UTF-8, one per line, growing past its first allocation', () => {
    const bytes = new SegmentBytes([], 8);
    const lines = ['["AU","Ölmühle",1', 'x'.repeat(100), '["日本","寿司",3]'];
    for (const line of lines) bytes.push(line);
    expect(bytes.lines).toBe(3);
    expect(bytes.bytes().toString('utf8')).toBe(lines.join('\n') + '\n');
  });

  it('reuses a released buffer for the next segment', () => {
    const pool: Buffer[] = [];
    const first = new SegmentBytes(pool, 64);
    first.push('a'.repeat(10));
    first.release();
    expect(pool).toHaveLength(1);
    const reused = pool[0];
    const second = new SegmentBytes(pool, 64);
    expect(pool).toHaveLength(0);
    second.push('b');
    expect(second.bytes().toString()).toBe('b\n');
    expect(second.bytes().buffer).toBe(reused.buffer);
  });
});
