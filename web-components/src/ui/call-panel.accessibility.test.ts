/** `<biztel-call-panel>`: accessibility (axe) in every state it can show. */
import {
  idle,
  ringing,
  talking,
  dialing,
  hardphoneRinging,
  hardphoneTalking,
  held,
  consultRinging,
  transferActive,
  parking,
  parked,
  recall,
  starCollecting,
  ringingWithChat,
  withCallerIds,
  mount,
  padToggle,
  listRadios,
  openMenu,
  recordPanelEvents,
} from './call-panel-test-helpers.js';
import { axeViolations } from '../testing/axe.js';
import { snapshotFixture } from '../testing/fixtures.js';

// An empty page and real timers after each test.
recordPanelEvents();

describe('<biztel-call-panel>', () => {
  describe('accessibility (axe)', () => {
    it.each([
      ['idle', idle],
      ['ringing', ringing],
      ['talking', talking],
      ['dialing', dialing],
      ['hardphone ringing', hardphoneRinging],
      ['hardphone talking', hardphoneTalking],
      ['ringing with a chat history', ringingWithChat],
      ['held', held],
      ['consulting a transfer target', consultRinging],
      ['transfer active', transferActive],
      ['parking', parking],
      ['parked', parked],
      ['a park recall ringing', recall],
      ['collecting a * transfer', starCollecting],
      ['offering both caller-ID lists, restricted', withCallerIds({ restricted: true })],
    ])('is clean when %s', async (_name, snapshot) => {
      const el = await mount(snapshot);

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean with the status menu open', async () => {
      const el = await mount(talking);
      await openMenu(el);

      expect(await axeViolations(el)).toEqual([]);
    });

    it.each([
      ['idle', idle],
      ['talking', talking],
    ])('is clean with the dial pad open when %s', async (_name, snapshot) => {
      const el = await mount(snapshot);
      padToggle(el).click();
      await el.updateComplete;

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean with the window list chosen', async () => {
      const el = await mount(withCallerIds());
      listRadios(el)[1]!.click();
      await el.updateComplete;

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean with a notice and the softphone stopped', async () => {
      const el = await mount(snapshotFixture({ softphone: { running: false, state: 'stopped' } }), { notice: 'softphoneNotRunning' });

      expect(await axeViolations(el)).toEqual([]);
    });
  });
});
