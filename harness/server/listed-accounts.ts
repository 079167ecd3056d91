import { DEMO_USERS, type Simulator } from '../simulator';

/** A generated site (JIRA_SIM_USERS) lists at most this many of its accounts when it has no demo users. */
const MAX_LISTED = 50;

const DEMO_IDS = new Set(Object.values(DEMO_USERS).map((user) => user.accountId));

/**
 * The accounts the host offers to act as ("Acting as", /__host/info): every account of a small site; on a generated
 * one (10,000 users, say) the demo accounts only, and how many others there are. Any account still works by `?as=`.
 */
export function listedAccounts(simulator: Simulator) {
  const users = simulator.store.listUsers();
  if (!simulator.generatedSite) return { users, unlisted: 0 };
  const demo = users.filter((user) => DEMO_IDS.has(user.accountId));
  const listed = demo.length > 0 ? demo : users.slice(0, MAX_LISTED);
  return { users: listed, unlisted: users.length - listed.length };
}
