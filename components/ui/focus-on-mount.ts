/**
 * A callback ref that moves keyboard focus to its element when it mounts (give the element
 * tabIndex={-1}). A dialog that swaps its content, a confirmation in place of the buttons that
 * asked for it, otherwise leaves focus on a button that no longer exists: on the page's body.
 */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
