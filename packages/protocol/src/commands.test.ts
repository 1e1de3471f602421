/** The command table: each row's request is what the server has always read, and its schema accepts it. */
import { describe, expect, it } from '@jest/globals';
import { CALL_COMMANDS, PANEL_COMMANDS, commandRequest, type CommandArgs, type PanelCommand } from './commands.js';

const screen = { recordId: '0035g00000AbCdEAAV', recordName: '山田 太郎', objectType: 'Contact' };

describe('the command table', () => {
  it.each<[PanelCommand, readonly unknown[], string, object]>([
    ['signOut', [], 'session:signOut', {}],
    ['setStatus', ['break'], 'agent:setStatus', { statusId: 'break' }],
    ['dial', ['0312345678'], 'call:dial', { number: '0312345678' }],
    ['dial', ['0312345678', { kind: 'window', id: 'cc-support' }], 'call:dial', { number: '0312345678', callerId: { kind: 'window', id: 'cc-support' } }],
    ['answer', ['c1'], 'call:answer', { callId: 'c1' }],
    ['hangup', ['c1'], 'call:hangup', { callId: 'c1' }],
    ['hold', ['c1'], 'call:hold', { callId: 'c1' }],
    ['unhold', ['c1'], 'call:unhold', { callId: 'c1' }],
    ['park', ['c1'], 'call:park', { callId: 'c1' }],
    ['transfer', ['c2'], 'call:transfer', { callId: 'c2' }],
    ['dtmf', ['c1', '*1002'], 'call:dtmf', { callId: 'c1', digits: '*1002' }],
    ['viewing', [screen], 'agent:viewing', { screen }],
    ['viewing', [null], 'agent:viewing', { screen: null }],
  ])('%s %j goes out as %s %j', (command, args, event, request) => {
    const made = commandRequest(command, args as CommandArgs<typeof command>);
    expect(PANEL_COMMANDS[command].event).toBe(event);
    // Byte for byte: the same keys in the same order as before the table.
    expect(JSON.stringify(made)).toBe(JSON.stringify(request));
    expect(PANEL_COMMANDS[command].request.check(made, command)).toEqual({ ok: true, value: request });
  });

  it('names the six call buttons, each acting on one call id', () => {
    expect(CALL_COMMANDS.map((c) => PANEL_COMMANDS[c].fields)).toEqual(CALL_COMMANDS.map(() => ['callId']));
    expect(new Set(CALL_COMMANDS.map((c) => PANEL_COMMANDS[c].event)).size).toBe(6);
  });
});
