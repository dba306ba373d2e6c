// The shell's view of the workspace: mode (demo/live), version and the nav's
// routed-account counts.
import { workspaceInfo, type InfoDTO } from '../api/workspace';
import { toApiError, type ApiError } from '../api/core';

export class WorkspaceState {
  info = $state.raw<InfoDTO | null>(null);
  error = $state.raw<ApiError | null>(null);
  #seq = 0;

  isDemo = $derived(this.info?.meta?.mode === 'demo');

  routedCount(section: string): number {
    return this.info?.sections?.find((s) => s.id === section)?.routed ?? 0;
  }

  async load() {
    const seq = ++this.#seq;
    try {
      const dto = await workspaceInfo();
      if (seq !== this.#seq) return;
      this.info = dto;
      this.error = null;
    } catch (e) {
      if (seq !== this.#seq) return;
      this.error = toApiError(e);
    }
  }
}
