/** What the page needs before anyone signs in: the shell and the sign-in form. */
import { BiztelSignInForm } from './sign-in-form.js';
import { BiztelSoftphone } from './biztel-softphone.js';
import { define } from './define.js';

export function registerStartElements(registry: CustomElementRegistry = customElements): void {
  define(registry, [
    ['biztel-sign-in-form', BiztelSignInForm],
    ['biztel-softphone', BiztelSoftphone],
  ]);
}
