// Test-only: generous timeouts for component tests. The first render of a file
// compiles every component and icon, which is slow on a loaded machine.
import { vi } from 'vitest';
import { configure } from '@testing-library/svelte';

vi.setConfig({ testTimeout: 20_000 });
configure({ asyncUtilTimeout: 5_000 });
