// The generated tenant of `npm run bench:server`: agent i signs in as account `benchNNNNNN` on
// extension `5NNNNNN` (both panel and softphone). Shared by the node and the load generators.

export const accountOf = (i) => `bench${String(i).padStart(6, '0')}`;
export const extensionOf = (i) => `5${String(i).padStart(6, '0')}`;

/** One tenant with `agents` accounts and extensions: the demo tenant's statuses, caller IDs and park slots (server/config/demo.json). */
export async function benchDirectory(agents, passwordHash) {
  const { demoDirectory } = await import('../../dist/server/config/directory.js');
  const demo = demoDirectory.tenants[0];
  const accounts = [];
  const extensions = [];
  for (let i = 0; i < agents; i++) {
    accounts.push({ account: accountOf(i), passwordHash, name: `Agent ${i}` });
    extensions.push(extensionOf(i));
  }
  return { ...demoDirectory, tenants: [{ ...demo, id: 'bench', name: 'Bench Contact Center', accounts, extensions, distribution: {}, ringGroups: [] }] };
}
