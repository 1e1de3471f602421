/** Registers the panel's elements under their `biztel-` tags (idempotent). */
import { BiztelCallPanel } from './call-panel.js';
import { BiztelCallTimer } from './call-timer.js';
import { BiztelCallerIdSelect } from './caller-id-select.js';
import { BiztelChatTranscript } from './chat-transcript.js';
import { BiztelDialPad } from './dial-pad.js';
import { BiztelSignInForm } from './sign-in-form.js';
import { BiztelSoftphone } from './biztel-softphone.js';
import { BiztelStatusMenu } from './status-menu.js';
import { BiztelRecordInfo } from './record-info.js';
import { BiztelDiagnostics } from './diagnostics-view.js';

const elements: [string, CustomElementConstructor][] = [
  ['biztel-call-timer', BiztelCallTimer],
  ['biztel-dial-pad', BiztelDialPad],
  ['biztel-chat-transcript', BiztelChatTranscript],
  ['biztel-status-menu', BiztelStatusMenu],
  ['biztel-record-info', BiztelRecordInfo],
  ['biztel-caller-id-select', BiztelCallerIdSelect],
  ['biztel-diagnostics', BiztelDiagnostics],
  ['biztel-call-panel', BiztelCallPanel],
  ['biztel-sign-in-form', BiztelSignInForm],
  ['biztel-softphone', BiztelSoftphone],
];

export function registerElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, ctor] of elements) if (!registry.get(tag)) registry.define(tag, ctor);
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
