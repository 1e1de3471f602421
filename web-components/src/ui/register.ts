/**
 * Registers the panel's elements under their `biztel-` tags (idempotent). The panel bundle registers
 * the start elements at once and the other groups when they are first needed
 * (`BiztelSoftphone.loadViews`); tests and other hosts register everything with `registerElements`.
 */
import type { BiztelCallPanel } from './call-panel.js';
import type { BiztelCallTimer } from './call-timer.js';
import type { BiztelCallerIdSelect } from './caller-id-select.js';
import type { BiztelChatTranscript } from './chat-transcript.js';
import type { BiztelDialPad } from './dial-pad.js';
import type { BiztelSignInForm } from './sign-in-form.js';
import type { BiztelSoftphone } from './biztel-softphone.js';
import type { BiztelStatusMenu } from './status-menu.js';
import type { BiztelRecordInfo } from './record-info.js';
import type { BiztelDiagnostics } from './diagnostics-view.js';
import { registerSignedInViews } from './views-signed-in.js';
import { registerDiagnosticsView } from './views-diagnostics.js';
import { registerStartElements } from './views-start.js';

export { registerDiagnosticsView, registerSignedInViews, registerStartElements };

/** Every element of the panel. */
export function registerElements(registry: CustomElementRegistry = customElements): void {
  registerSignedInViews(registry);
  registerDiagnosticsView(registry);
  registerStartElements(registry);
}

declare global {
  interface HTMLElementTagNameMap {
    'biztel-call-timer': BiztelCallTimer;
    'biztel-dial-pad': BiztelDialPad;
    'biztel-chat-transcript': BiztelChatTranscript;
    'biztel-status-menu': BiztelStatusMenu;
    'biztel-record-info': BiztelRecordInfo;
    'biztel-caller-id-select': BiztelCallerIdSelect;
    'biztel-diagnostics': BiztelDiagnostics;
    'biztel-call-panel': BiztelCallPanel;
    'biztel-sign-in-form': BiztelSignInForm;
    'biztel-softphone': BiztelSoftphone;
  }
}
