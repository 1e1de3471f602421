import { describe, expect, it } from '@jest/globals';
import { demoDirectory, type TenantConfig } from '../config/directory.js';
import type { Line } from './line-store.js';
import { snapshotOf } from './snapshot.js';

const tenant = demoDirectory.tenants[0]!;
const line = (callerId: NonNullable<Line['agent']>['callerId']): Line => ({
  tenantId: tenant.id,
  extension: '1001',
  device: null,
  calls: [],
  parked: [],
  agent: { account: 'agent01', statusId: 'available', hardphone: false, ...(callerId ? { callerId } : {}) },
  revision: 3,
  viewing: null,
  screens: {},
});

describe('snapshotOf: the caller ID the agent chose', () => {
  it('is shown while the account may use it', () => {
    expect(snapshotOf(line({ kind: 'window', id: 'sales' }), tenant, 0, 30_000).callerIdChoice).toEqual({ kind: 'window', id: 'sales' });
  });

  it('is dropped (指定なし) once the administrator has withdrawn it', () => {
    const withdrawn: TenantConfig = { ...tenant, callerIds: { ...tenant.callerIds, windows: tenant.callerIds.windows.filter((w) => w.id !== 'sales') } };

    const snapshot = snapshotOf(line({ kind: 'window', id: 'sales' }), withdrawn, 0, 30_000);

    expect(snapshot).not.toHaveProperty('callerIdChoice');
  });

  it('is absent when none was chosen', () => {
    expect(snapshotOf(line(undefined), tenant, 0, 30_000)).not.toHaveProperty('callerIdChoice');
  });
});
