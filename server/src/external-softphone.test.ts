/**
 * Integration: the local system with some demo extensions left to an external softphone
 * (`SIMULATED_EXTENSIONS`, docs/protocol.md) — a vendor's softphone signs in on the free extension
 * and serves its agent's panel, while the simulated ones keep theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Command } from '@biztel/protocol';
import { until } from '@biztel/testing';
import type { LocalSystem } from './local-system.js';
import { startTestSystem } from './testing/test-system.js';
import { signedInProbe } from './testing/panel-probe.js';

let system: LocalSystem;
const sockets: Socket[] = [];

beforeAll(async () => {
  system = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent', simulatedExtensions: ['1002', '1003'] });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await system.stop();
});

describe('an external softphone beside the simulated ones', () => {
  it('lists the extension left to it, with its demo account', () => {
    expect(system.demo.external).toEqual([{ account: 'agent01', extension: '1001' }]);
    expect(system.demo.accounts.map((a) => a.extension)).toEqual(['1001', '1002', '1003']);
  });

  it('serves its agent: the panel shows no softphone until it connects, then relays dial to it', async () => {
    const probe = await signedInProbe(system, 'agent01', '1001');
    try {
      expect(probe.latest?.softphone.state).toBe('stopped');
      const commands: Command[] = [];
      // As printed by npm start: the last node's URL, the demo account of the extension.
      const phone = connect(`${system.eventNodes.at(-1)!.url}/softphone`, {
        transports: ['websocket'],
        forceNew: true,
        auth: { protocol: PROTOCOL_VERSION, account: 'agent01', password: system.demo.password, extension: '1001' },
      });
      sockets.push(phone);
      phone.on('connect', () => phone.emit('device:state', { calls: [], parked: [] }));
      phone.on('device:command', (command: Command, ack: (reply: unknown) => void) => {
        commands.push(command);
        ack({ ok: true });
      });
      await probe.next((s) => s.softphone.state === 'running');

      expect(await probe.transport.send('dial', '0312345678')).toEqual({ ok: true });
      await until(() => commands.length === 1, { what: 'the dial at the external softphone' });
      expect(commands[0]).toMatchObject({ type: 'dial', number: '0312345678' });
      // The simulated extensions are not touched by it.
      expect(system.simulator.pbx.stateOf('1002').calls).toEqual([]);
    } finally {
      probe.close();
    }
  });
});
