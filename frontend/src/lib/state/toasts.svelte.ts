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

export class ToastState {
  items = $state<Toast[]>([]);
  #next = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  push(t: ToastInput): number {
    const id = this.#next++;
    this.items = [...this.items.slice(-3), { ...t, id }];
    const timeout = t.timeout ?? (t.actionLabel ? 8000 : 4000);
    if (timeout > 0) this.#timers.set(id, setTimeout(() => this.dismiss(id), timeout));
    return id;
  }

  dismiss(id: number) {
    const timer = this.#timers.get(id);
    if (timer) clearTimeout(timer);
    this.#timers.delete(id);
    this.items = this.items.filter((t) => t.id !== id);
  }

  async act(id: number) {
    const t = this.items.find((x) => x.id === id);
    this.dismiss(id);
    await t?.onAction?.();
  }
}
