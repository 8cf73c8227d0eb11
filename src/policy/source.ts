/** Offsets → 1-based line and column, by binary search over line starts computed once per text. */
export interface Position {
  line: number;
  column: number;
}

export class SourceText {
  readonly text: string;
  private lineStarts?: number[];

  constructor(text: string) {
    this.text = text;
  }

  position(offset: number): Position {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    // Columns count UTF-16 code units, as editors and SARIF viewers do.
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}
