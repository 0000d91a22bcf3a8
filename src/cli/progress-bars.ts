import cliProgress from 'cli-progress';
import type { ScanProgress } from '../discovery/progress.js';

/**
 * Progress on stderr while scanning, one bar per network: addresses checked so far. Only on a TTY; silent
 * with --no-progress or --quiet. Returns the event handler and a stop function.
 */
export function progressBars(enabled: boolean): { onProgress: (e: ScanProgress) => void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { onProgress: () => {}, stop: () => {} };
  const multi = new cliProgress.MultiBar({
    stream: process.stderr,
    clearOnComplete: true,
    hideCursor: true,
    format: ' {network} | {checked} addresses checked | {requests} requests | {rate} addresses/s',
    fps: 5,
  }, cliProgress.Presets.shades_classic);
  const started = Date.now();
  const bars = new Map<string, { bar: cliProgress.SingleBar; checked: number }>();
  const branchChecked = new Map<string, number>();
  const onProgress = (e: ScanProgress) => {
    if (e.kind !== 'branch') return;
    const id = `${e.scheme}|${e.account}|${e.branch}`;
    const delta = e.checked - (branchChecked.get(id) ?? 0);
    branchChecked.set(id, e.checked);
    for (const network of e.networks) {
      let b = bars.get(network);
      if (!b) {
        b = { bar: multi.create(0, 0, { network: network.padEnd(16), checked: 0, requests: 0, rate: 0 }), checked: 0 };
        bars.set(network, b);
      }
      b.checked += delta;
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      b.bar.update(0, { network: network.padEnd(16), checked: b.checked, requests: e.requests[network] ?? 0, rate: Math.round(b.checked / seconds) });
    }
  };
  return { onProgress, stop: () => multi.stop() };
}
