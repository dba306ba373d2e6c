// Monogram avatars stand in for company logos: Clearbit is not reachable
// offline and the CSP forbids remote images. The colour is a stable hash of
// the domain (or the name when there is none).

const palette = [
  'bg-sky-100 text-sky-800',
  'bg-violet-100 text-violet-800',
  'bg-teal-100 text-teal-800',
  'bg-orange-100 text-orange-800',
  'bg-indigo-100 text-indigo-800',
  'bg-lime-100 text-lime-800',
  'bg-fuchsia-100 text-fuchsia-800',
  'bg-cyan-100 text-cyan-800',
  'bg-rose-100 text-rose-800',
  'bg-stone-200 text-stone-800',
];

/** hashString is FNV-1a over UTF-16 code units; stable across runs. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** monogramClass returns the Tailwind colour classes for a key. */
export function monogramClass(key: string): string {
  return palette[hashString(key.toLowerCase()) % palette.length];
}
