/**
 * The softphone/PBX simulator: one PBX, one simulated softphone per configured device, all
 * connected to the event server over socket.io like real softphones.
 */
import { SimSoftphone, type SoftphoneCredentials } from './softphone-client.js';
import type { TenantConfig } from '../config/directory.js';
import type { ControllableClock } from './clock.js';
import { Pbx } from './pbx.js';

export interface SimulatorOptions {
  readonly serverUrl: string;
  readonly devices: readonly SoftphoneCredentials[];
  readonly clock: ControllableClock;
  readonly autoAnswerMs: number | null;
  /** The tenant's ring groups, park slots and park recall time. */
  readonly tenant?: Pick<TenantConfig, 'ringGroups' | 'parkSlots' | 'parkRecallSeconds'>;
  /** How long parking takes (default 1500 ms). */
  readonly parkDelayMs?: number;
  /** The pause before a `*`/`#` transfer target is dialled (default 3000 ms). */
  readonly transferDialPauseMs?: number;
  /** Devices whose softphone is not started at first (to try "softphone not running"). */
  readonly stopped?: readonly string[];
}

export class Simulator {
  readonly pbx: Pbx;
  readonly clock: ControllableClock;
  private readonly phones = new Map<string, SimSoftphone>();

  constructor(private readonly options: SimulatorOptions) {
    this.clock = options.clock;
    this.pbx = new Pbx({
      clock: options.clock,
      extensions: options.devices.map((d) => d.extension),
      autoAnswerMs: options.autoAnswerMs,
      onChange: (extension, state) => this.phones.get(extension)?.publish(state),
      ...(options.tenant
        ? { ringGroups: options.tenant.ringGroups, parkSlots: options.tenant.parkSlots, parkRecallSeconds: options.tenant.parkRecallSeconds }
        : {}),
      ...(options.parkDelayMs === undefined ? {} : { parkDelayMs: options.parkDelayMs }),
      ...(options.transferDialPauseMs === undefined ? {} : { transferDialPauseMs: options.transferDialPauseMs }),
    });
    for (const device of options.devices) {
      this.phones.set(device.extension, new SimSoftphone(options.serverUrl, device, this.pbx));
    }
  }

  async start(): Promise<void> {
    const stopped = new Set(this.options.stopped ?? []);
    await Promise.all([...this.phones.values()].filter((p) => !stopped.has(p.extension)).map((p) => p.start()));
  }

  async setSoftphoneRunning(extension: string, running: boolean): Promise<boolean> {
    const phone = this.phones.get(extension);
    if (!phone) return false;
    if (running) await phone.start();
    else phone.stop();
    return true;
  }

  /** Drops (false) or restores (true) the network of the extension's running softphone. */
  setSoftphoneNetwork(extension: string, up: boolean): boolean {
    const phone = this.phones.get(extension);
    if (!phone?.running) return false;
    phone.setNetwork(up);
    return true;
  }

  stop(): void {
    for (const phone of this.phones.values()) phone.stop();
    this.pbx.dispose();
  }
}
