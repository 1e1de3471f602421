/**
 * Element helpers for the `dom` tests: wait for rendering, query shadow roots, read text as a user
 * hears it, and type, choose and press as a user does.
 */

/**
 * Lets pending promises and timers run (the fakes answer on a later task, as real ports do), then
 * waits until `root` and every Lit element inside its shadow roots has finished rendering.
 */
export async function settle(root: Element): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await rendered(root);
  }
}

async function rendered(el: Element): Promise<void> {
  await (el as { updateComplete?: Promise<unknown> }).updateComplete;
  for (const child of el.shadowRoot?.querySelectorAll('*') ?? []) if (child.localName.includes('-')) await rendered(child);
}

export function $<T extends Element = HTMLElement>(root: Element, selector: string): T {
  const found = root.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`${root.localName}: nothing matches ${selector}`);
  return found;
}

export function $$<T extends Element = HTMLElement>(root: Element, selector: string): T[] {
  return [...(root.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/**
 * Text as a user (and a screen reader) gets it: whitespace collapsed, `aria-hidden` decoration
 * and `<style>` (jsdom has no adopted style sheets, so Lit writes `<style>` into shadow roots) left out.
 */
export function textOf(node: Node | null | undefined): string {
  return collectText(node).replace(/\s+/g, ' ').trim();
}

function collectText(node: Node | null | undefined): string {
  if (!node) return '';
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && (node.localName === 'style' || node.getAttribute('aria-hidden') === 'true')) return '';
  let text = '';
  for (const child of node.childNodes) text += collectText(child);
  return text;
}

/** Types into a field as a user would: value changes, then `input` and `change` fire. */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Enter or Space on a button, as a browser does it: the keydown, then (unless prevented) the
 * button's activation, a click. jsdom implements only the keydown.
 */
export function activate(button: HTMLButtonElement, key: 'Enter' | ' '): void {
  const keydown = press(button, key);
  if (!keydown.defaultPrevented && !button.disabled) button.click();
}

export function press(target: Element, key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

/**
 * Enter in a text field. jsdom does not implement implicit submission, so after the keydown this
 * does what a browser does next: submits the field's form (through its default button rules).
 */
export function pressEnter(input: HTMLInputElement): void {
  const keydown = press(input, 'Enter');
  if (!keydown.defaultPrevented) input.form?.requestSubmit();
}

/** The text of what `control` is described by (`aria-describedby`), looked up in `host`'s shadow root. */
export function describedText(host: Element, control: Element): string {
  return (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => textOf(host.shadowRoot!.getElementById(id)))
    .join(' ');
}

/** The element focused inside `host`'s shadow root (document.activeElement only shows the host). */
export function focused(host: Element): Element | null {
  return host.shadowRoot?.activeElement ?? null;
}

/**
 * jest-fixed-jsdom replaces jsdom's `FormData` with Node's (undici), which cannot read an
 * `HTMLFormElement` (`new FormData(form)` throws "Argument 1 could not be converted to:
 * undefined"). Browsers and jsdom itself can, so for the tests that submit forms this puts the
 * DOM's own `FormData` back, taken from a blank iframe of the same jsdom. Returns the restorer.
 */
export function useDomFormData(): () => void {
  const frame = document.createElement('iframe');
  document.documentElement.append(frame);
  const domFormData = (frame.contentWindow as (Window & typeof globalThis) | null)?.FormData;
  frame.remove();
  if (!domFormData) throw new Error('jsdom gave the iframe no window: cannot restore the DOM FormData');
  const original = globalThis.FormData;
  globalThis.FormData = domFormData;
  return () => {
    globalThis.FormData = original;
  };
}
