/**
 * What the demo started, all stopped together. `close()` is idempotent and never throws: a stop that fails
 * must not keep the other resources (anvil processes) alive.
 */
export class Closers {
  readonly #stack: (() => Promise<void>)[] = [];
  #closing: Promise<void> | undefined;

  add(close: () => Promise<void>): void {
    if (this.#closing) {
      // Started while stopping (a signal during start-up): stop it at once.
      void close().catch(() => undefined);
      return;
    }
    this.#stack.push(close);
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  close(): Promise<void> {
    this.#closing ??= Promise.allSettled(this.#stack.splice(0).map((close) => close())).then(() => undefined);
    return this.#closing;
  }
}
