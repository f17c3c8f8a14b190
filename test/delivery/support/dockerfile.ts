export interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

/** Dockerfile instructions with line continuations joined and comments dropped, each with its stage index. */
export function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!current && (line.startsWith('#') || line === '')) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  let stage = -1;
  return logical.map((l) => {
    const [keyword, ...rest] = l.split(/\s+/);
    if (keyword.toUpperCase() === 'FROM') stage += 1;
    return { keyword: keyword.toUpperCase(), args: rest.join(' ').replace(/\s+/g, ' '), stage };
  });
}
