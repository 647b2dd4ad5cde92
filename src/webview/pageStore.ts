// The page's state in one place. Views subscribe to the fields they draw from and run only when one of those
// fields got a new value (by identity): an epoch tick changes `epochs`, so the loss chart redraws, while the
// samples, which never read `epochs`, are not decoded again.

export type Listener<S> = (state: Readonly<S>, changed: ReadonlySet<keyof S>) => void;

export class Store<S extends object> {
  private readonly listeners: { keys: ReadonlySet<keyof S>; fn: Listener<S> }[] = [];

  constructor(private state: S) {}

  get(): Readonly<S> {
    return this.state;
  }

  /** Sets fields; each listener using a field that changed runs once, in subscription order. */
  update(patch: Partial<S>): void {
    const changed = new Set<keyof S>();
    for (const k of Object.keys(patch) as (keyof S)[]) if (!Object.is(this.state[k], patch[k])) changed.add(k);
    if (changed.size === 0) return;
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) {
      for (const k of changed) {
        if (l.keys.has(k)) {
          l.fn(this.state, changed);
          break;
        }
      }
    }
  }

  subscribe(keys: readonly (keyof S)[], fn: Listener<S>): void {
    this.listeners.push({ keys: new Set(keys), fn });
  }
}
