/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import tailwindcss from '@tailwindcss/vite';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  plugins: [tailwindcss(), svelte(), svelteTesting()],
  // The development server pre-bundles dependencies it finds from these
  // files at start. By default it crawls only what the first page loads, so
  // opening a lazily loaded section (Convert, Contracts) found new icons,
  // re-bundled and reloaded the window in the middle of whatever was on it.
  optimizeDeps: {
    entries: ['index.html', 'src/**/*.svelte', 'src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.spec.ts'],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ }],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./vitest-setup.ts'],
    include: ['src/**/*.{test,spec}.{js,ts}'],
  },
});
