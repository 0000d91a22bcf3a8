/** Measures the union of intervals during which something waited: overlapping waits count once. */
export interface WaitMeter {
  /** Starts a wait; call the returned function when it ends. */
  enter(): () => void;
  /** Time during which at least one wait was open. */
  totalMs(): number;
}

export function createWaitMeter(now: () => number = () => performance.now()): WaitMeter {
  let open = 0;
  let since = 0;
  let total = 0;
  return {
    enter() {
      if (open++ === 0) since = now();
      let left = false;
      return () => {
        if (left) return;
        left = true;
        if (--open === 0) total += now() - since;
      };
    },
    totalMs: () => total + (open > 0 ? now() - since : 0),
  };
}
