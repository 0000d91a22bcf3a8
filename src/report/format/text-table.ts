/** A cell of a plain-text table; `style` wraps the padded text (ANSI colour), so widths stay right. */
export interface TextCell {
  text: string;
  style?: (padded: string) => string;
  align?: 'left' | 'right';
}

export type TextRow = readonly (TextCell | string)[];

const cellOf = (c: TextCell | string): TextCell => (typeof c === 'string' ? { text: c } : c);

/** Code-point length (what a monospace terminal shows for the text this module prints). */
const width = (text: string): number => [...text].length;

/** Rows aligned in columns two spaces apart, each line prefixed with `indent`; no trailing spaces. */
export function alignRows(rows: readonly TextRow[], indent = ''): string[] {
  const cells = rows.map((r) => r.map(cellOf));
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, width(c.text))));
  return cells.map((r) => {
    const parts = r.map((c, i) => {
      const last = i === r.length - 1;
      const pad = ' '.repeat((widths[i] ?? 0) - width(c.text));
      const padded = c.align === 'right' ? pad + c.text : last ? c.text : c.text + pad;
      return c.style ? c.style(padded) : padded;
    });
    return indent + parts.join('  ');
  });
}

/**
 * Text from chains (token symbols and names) may hold terminal escape sequences or bidi overrides that would
 * rewrite or disguise the summary: control and bidi-control characters are shown as U+FFFD.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}
