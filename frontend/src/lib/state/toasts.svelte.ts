// Transient notices in the corner, optionally with one action (Undo).

export interface ToastInput {
  message: string;
  tone?: 'info' | 'success' | 'error';
  actionLabel?: string;
  onAction?: () => void | Promise<void>;
  /** milliseconds before it goes away; 0 keeps it until dismissed */
  timeout?: number;
}

export interface Toast extends ToastInput {
  id: number;
}

/** A running countdown: when it was (re)started and how long it has left from then. */
interface Countdown {
  timer: ReturnType<typeof setTimeout> | null;
  startedAt: number;
  left: number;
}

/**
 * ToastState keeps at most four notices. Each goes away after its timeout
 * (4 s, or 8 s with an action) unless the person is over or inside the
 * notices: while held, no countdown runs, and each resumes with the time it
 * had left (so an Undo cannot vanish under the pointer).
 */
export class ToastState {
  items = $state<Toast[]>([]);
  #next = 1;
  #countdowns = new Map<number, Countdown>();
  #held = false;

  push(t: ToastInput): number {
    const id = this.#next++;
    const dropped = this.items.slice(0, -3);
    for (const old of dropped) this.#stop(old.id);
    this.items = [...this.items.slice(-3), { ...t, id }];
    const timeout = t.timeout ?? (t.actionLabel ? 8000 : 4000);
    if (timeout > 0) {
      const c: Countdown = { timer: null, startedAt: 0, left: timeout };
      this.#countdowns.set(id, c);
      if (!this.#held) this.#run(id, c);
    }
    return id;
  }

  dismiss(id: number) {
    this.#stop(id);
    this.items = this.items.filter((t) => t.id !== id);
    // The last one gone, nothing is under the pointer to leave: the next
    // notice counts down.
    if (this.items.length === 0) this.#held = false;
  }

  async act(id: number) {
    const t = this.items.find((x) => x.id === id);
    this.dismiss(id);
    await t?.onAction?.();
  }

  /** hold stops every countdown (pointer over or focus inside the notices). */
  hold() {
    if (this.#held) return;
    this.#held = true;
    const now = Date.now();
    for (const c of this.#countdowns.values()) {
      if (c.timer == null) continue;
      clearTimeout(c.timer);
      c.timer = null;
      c.left = Math.max(0, c.left - (now - c.startedAt));
    }
  }

  /** release resumes every countdown with the time it had left. */
  release() {
    if (!this.#held) return;
    this.#held = false;
    for (const [id, c] of this.#countdowns) this.#run(id, c);
  }

  #run(id: number, c: Countdown) {
    c.startedAt = Date.now();
    c.timer = setTimeout(() => this.dismiss(id), c.left);
  }

  #stop(id: number) {
    const c = this.#countdowns.get(id);
    if (c?.timer != null) clearTimeout(c.timer);
    this.#countdowns.delete(id);
  }
}
