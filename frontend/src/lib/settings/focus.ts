// Where focus goes when a Settings dialog closes: back to the source's card
// (its first enabled action), since the button that opened the dialog may be
// gone (Connect becomes Sync now once a source is connected).
export function focusCard(source: string) {
  const card = document.querySelector<HTMLElement>(`[data-testid="integration-card-${CSS.escape(source)}"]`);
  if (!card) return;
  const action = card.querySelector<HTMLElement>('button:not([disabled])');
  (action ?? card).focus();
}
