/** The diagnostics view (診断), which the panel bundle loads when the agent first opens it. */
import { BiztelDiagnostics } from './diagnostics-view.js';
import { define } from './define.js';

export function registerDiagnosticsView(registry: CustomElementRegistry = customElements): void {
  define(registry, [['biztel-diagnostics', BiztelDiagnostics]]);
}
