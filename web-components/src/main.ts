/**
 * Entry of the panel bundle (the `biztel_softphone` static resource): real adapters for the
 * Open CTI host and the event server, then the elements.
 */
import { createOpenCtiHost } from './crm/opencti-host.js';
import { consoleLogger } from './log.js';
import { SocketTransport } from './transport/socket-transport.js';
import { BiztelSoftphone } from './ui/biztel-softphone.js';
import { registerElements } from './ui/register.js';

BiztelSoftphone.services = () => ({
  host: createOpenCtiHost(window as unknown as Parameters<typeof createOpenCtiHost>[0]),
  server: new SocketTransport({ logger: consoleLogger('biztel:transport') }),
  logger: consoleLogger('biztel:panel'),
  now: () => Date.now(),
});
registerElements();
