/**
 * The views of a signed-in agent (call panel and what it holds), registered together. The panel
 * bundle loads this module on demand, once the agent signs in or a session is taken back, so the
 * page starts with the shell and the sign-in form only.
 */
import { BiztelCallPanel } from './call-panel.js';
import { BiztelCallTimer } from './call-timer.js';
import { BiztelCallerIdSelect } from './caller-id-select.js';
import { BiztelChatTranscript } from './chat-transcript.js';
import { BiztelDialPad } from './dial-pad.js';
import { BiztelRecordInfo } from './record-info.js';
import { BiztelStatusMenu } from './status-menu.js';
import { define } from './define.js';

export function registerSignedInViews(registry: CustomElementRegistry = customElements): void {
  define(registry, [
    ['biztel-call-timer', BiztelCallTimer],
    ['biztel-dial-pad', BiztelDialPad],
    ['biztel-chat-transcript', BiztelChatTranscript],
    ['biztel-status-menu', BiztelStatusMenu],
    ['biztel-record-info', BiztelRecordInfo],
    ['biztel-caller-id-select', BiztelCallerIdSelect],
    ['biztel-call-panel', BiztelCallPanel],
  ]);
}
