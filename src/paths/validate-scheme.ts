import { RestoreScanError } from '../errors.js';
import { NETWORKS } from '../chains/networks.js';
import type { Family, ScriptType } from '../chains/types.js';
import { HARDENED } from './derivation-path.js';
import type { Scheme } from './scheme.js';
import { expandTemplate, hardenedPrefix, parseTemplate, type TemplateStep } from './template.js';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const SCRIPTS_OF: Readonly<Record<Family, readonly ScriptType[]>> = {
  bitcoin: ['p2pkh', 'p2sh-p2wpkh', 'p2wpkh', 'p2tr'],
  evm: ['evm'],
  solana: ['solana'],
  tron: ['tron'],
};

function templateProblems(s: Scheme, steps: readonly TemplateStep[]): string[] {
  const out: string[] = [];
  const kinds = steps.map((st) => st.kind);
  for (const k of ['coin', 'account', 'change', 'index'] as const)
    if (kinds.filter((x) => x === k).length > 1) out.push(`{${k}} appears more than once`);
  const at = (k: TemplateStep['kind']): number => kinds.indexOf(k);
  const last = steps.length - 1;

  if (steps.some((st) => st.kind === 'coin' && !st.hardened)) out.push('{coin} must be hardened');
  if (at('index') >= 0 && at('index') !== last) out.push('{index} must be the last step');
  if (at('change') >= 0 && at('index') !== at('change') + 1) out.push('{change} must be followed by {index}');
  if ((at('change') >= 0) !== (s.branches !== undefined)) out.push('branches must be given exactly when the template has {change}');
  if (s.branches && (s.branches.length === 0 || new Set(s.branches).size !== s.branches.length
    || s.branches.some((b) => !Number.isSafeInteger(b) || b < 0 || b >= HARDENED)))
    out.push('branches must be distinct child numbers');
  if ((at('index') >= 0) !== s.addressGap) out.push('addressGap must be true exactly when the template has {index}');
  if ((at('account') >= 0) === (s.accounts.kind === 'single'))
    out.push('the template has {account} exactly when the account rule is not "single"');
  if (s.accounts.kind === 'skip-empty' && !(Number.isSafeInteger(s.accounts.max) && s.accounts.max > 0))
    out.push('skip-empty needs a positive max');
  if (s.skipAccountZero && s.accounts.kind === 'single') out.push('skipAccountZero needs an account loop');

  if (!s.uncheckable) {
    // Checkable schemes: hardened prefix, then only public (non-hardened) derivation below it.
    const firstSoft = steps.findIndex((st) => !isHardenedStep(st));
    if (firstSoft >= 0 && steps.slice(firstSoft).some(isHardenedStep))
      out.push('a hardened step follows a non-hardened one: no public key could reach the addresses');
    if (s.curve === 'ed25519' && steps.some((st) => !isHardenedStep(st)))
      out.push('ed25519 (SLIP-0010) templates must be fully hardened');
    if (s.curve !== (s.family === 'solana' ? 'ed25519' : 'secp256k1')) out.push(`curve ${s.curve} does not fit family ${s.family}`);
  }
  return out;
}

function isHardenedStep(st: TemplateStep): boolean {
  return st.kind === 'fixed' ? st.value >= HARDENED : st.hardened;
}

/** Every rule a catalog entry must satisfy; returns the problems (empty when the entry is well formed). */
export function schemeProblems(s: Scheme): string[] {
  const out: string[] = [];
  if (!ID.test(s.id)) out.push('id must be kebab-case');
  if (!s.title.trim()) out.push('title is empty');
  if (s.usedBy.length === 0 || s.usedBy.some((u) => !u.trim())) out.push('usedBy must name at least one wallet');
  if (!s.source.trim()) out.push('source is empty');
  if (!SCRIPTS_OF[s.family].includes(s.script)) out.push(`script ${s.script} does not fit family ${s.family}`);
  if (s.networks.length === 0 && !s.chainIds?.length) out.push('no network');
  if (new Set(s.networks).size !== s.networks.length) out.push('a network is listed twice');
  if (s.chainIds && s.family !== 'evm') out.push('chainIds are for EVM schemes');
  for (const id of s.chainIds ?? []) {
    const twin = Object.values(NETWORKS).find((n) => n.family === 'evm' && n.chainId === id);
    if (twin) out.push(`chain id ${id} is the built-in network ${twin.id}: list the network instead`);
  }
  for (const id of s.networks) {
    const n = NETWORKS[id];
    if (!n) out.push(`unknown network ${id}`);
    else if (n.family !== s.family) out.push(`network ${id} is not of family ${s.family}`);
    else if (n.family === 'bitcoin' && !n.scriptTypes.includes(s.script)) out.push(`network ${id} has no ${s.script} addresses`);
  }

  let steps: readonly TemplateStep[];
  try {
    steps = parseTemplate(s.path);
  } catch (err) {
    return [...out, (err as Error).message];
  }
  out.push(...templateProblems(s, steps));
  if (out.length === 0) {
    // Every network must expand to a well-formed path with a non-empty account prefix. Chain-id-only schemes
    // (no built-in network) expand on any network of the family: only `{coin}` depends on it.
    const probe = s.networks.length ? s.networks : Object.values(NETWORKS).filter((n) => n.family === s.family).slice(0, 1).map((n) => n.id);
    for (const id of probe) {
      try {
        expandTemplate(s, id);
        if (hardenedPrefix(s, id).length === 0) out.push(`no hardened prefix on ${id}`);
      } catch (err) {
        out.push(`${id}: ${(err as Error).message}`);
      }
    }
  }
  return out;
}

/** Freezes a catalog entry after checking it; a malformed entry is a programming error, reported at load. */
export function defineScheme(s: Scheme): Scheme {
  const problems = schemeProblems(s);
  if (problems.length) throw new RestoreScanError('INTERNAL', `scheme ${s.id}: ${problems.join('; ')}`);
  return Object.freeze({
    ...s,
    networks: Object.freeze([...s.networks]),
    usedBy: Object.freeze([...s.usedBy]),
    accounts: Object.freeze({ ...s.accounts }),
    ...(s.branches && { branches: Object.freeze([...s.branches]) }),
    ...(s.chainIds && { chainIds: Object.freeze([...s.chainIds]) }),
  });
}
