/** A1-style addresses; rows and columns are 0-based everywhere in code. */

export function columnLetter(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function address(row: number, col: number): string {
  return columnLetter(col) + (row + 1);
}

/** "AB12" → { row: 11, col: 27 }; undefined when not an A1 address. */
export function parseAddress(a: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(a.toUpperCase());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Joins cells into horizontal runs ("C9:H9") so that address lists stay short. */
export function cellRuns(refs: readonly string[]): string[] {
  const cells = refs
    .map((r) => parseAddress(r))
    .filter((p): p is { row: number; col: number } => !!p)
    .sort((a, b) => a.row - b.row || a.col - b.col);
  const out: string[] = [];
  for (let i = 0; i < cells.length;) {
    let j = i;
    while (j + 1 < cells.length && cells[j + 1].row === cells[i].row && cells[j + 1].col === cells[j].col + 1) j++;
    const a = address(cells[i].row, cells[i].col);
    out.push(j > i ? `${a}:${address(cells[j].row, cells[j].col)}` : a);
    i = j + 1;
  }
  return out;
}
