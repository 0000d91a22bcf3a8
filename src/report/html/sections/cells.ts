import type { AssetKind } from '../../types.js';
import { KIND_LABELS } from '../../format/asset-info.js';
import { html, type Html } from '../escape.js';
import { KIND_COLORS } from '../kind-colors.js';

/** An asset kind: swatch (matching the charts) plus its name. */
export function kindCell(kind: AssetKind): Html {
  return html`<span class="kind"><span class="swatch" style="background:${KIND_COLORS[kind]}" aria-hidden="true"></span>${KIND_LABELS[kind]}</span>`;
}
