import type { ChildProcess } from 'node:child_process';

/**
 * Children (anvil nodes) that must not outlive this process. A normal exit runs the 'exit' hook; SIGINT,
 * SIGTERM and SIGHUP would skip it, so while children are alive we also listen for those, kill the
 * children, and re-raise the signal when nobody else handles it (so the default termination still happens).
 * Hooks are installed only while at least one child is alive: no lasting change to signal behaviour.
 */
const live = new Set<ChildProcess>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

function onSignal(signal: NodeJS.Signals): void {
  killTrackedChildren();
  uninstall();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killTrackedChildren);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', killTrackedChildren);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Registers a spawned child; it is forgotten when it exits. */
export function trackChild(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  live.add(child);
  install();
  child.once('exit', () => {
    live.delete(child);
    if (live.size === 0) uninstall();
  });
}

/** SIGKILLs every tracked child, synchronously (usable from an 'exit' hook). Returns how many were signalled. */
export function killTrackedChildren(): number {
  let signalled = 0;
  for (const child of live) if (child.kill('SIGKILL')) signalled++;
  return signalled;
}

/** Pids of tracked children still alive (as far as Node has been told). */
export function trackedChildPids(): number[] {
  return [...live].flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
}
