import { html, type Html } from '../escape.js';

/**
 * Column widths of a fixed-layout table, in percent. Fixed layout keeps long unbreakable values (addresses,
 * 78-digit token ids) from squeezing the other columns: they wrap inside their own.
 */
export function colgroup(...percents: number[]): Html {
  return html`<colgroup>${percents.map((p) => html`<col style="width:${p}%">`)}</colgroup>`;
}
