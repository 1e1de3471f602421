// The generated tenant of `npm run bench:server`: agent i signs in as account `benchNNNNNN` on
// extension `5NNNNNN` (both panel and softphone). Shared by the node and the load generators.

export const accountOf = (i) => `bench${String(i).padStart(6, '0')}`;
export const extensionOf = (i) => `5${String(i).padStart(6, '0')}`;

const STATUSES = [
  { id: 'available', label: '受付可' },
  { id: 'wrapup', label: '後処理' },
  { id: 'away', label: '離席' },
  { id: 'break', label: '休憩' },
  { id: 'logoff', label: 'ログオフ' },
];

/** One tenant with `agents` accounts and extensions, shaped like server/config/demo.json. */
export function benchDirectory(agents, passwordHash) {
  const accounts = [];
  const extensions = [];
  for (let i = 0; i < agents; i++) {
    accounts.push({ account: accountOf(i), passwordHash, name: `Agent ${i}` });
    extensions.push(extensionOf(i));
  }
  return {
    defaultStatuses: STATUSES,
    tenants: [
      {
        id: 'bench',
        name: 'Bench Contact Center',
        accounts,
        extensions,
        statuses: STATUSES,
        callerIds: {
          numbers: [
            { number: '0312345000', label: '代表' },
            { number: '0312345001', label: 'サポート直通' },
            { number: '0120123456', label: 'フリーダイヤル' },
          ],
          windows: [
            { id: 'support', name: 'サポート窓口', number: '0312345001' },
            { id: 'sales', name: '営業窓口', number: '0312345002' },
          ],
          defaultNumber: '0312345000',
        },
        distribution: {},
        ringGroups: [],
        parkSlots: { first: 701, last: 720 },
        parkRecallSeconds: 300,
      },
    ],
  };
}
