// User number `index` of a generated site: a pure function of (seed, index), so a site of N users is the same every
// time and a site of N + M users starts with the same N.
import { APP_GROUP_NAME, DEMO_GROUPS } from '../seed';
import type { AccountType, EmailVisibility, SimUser } from '../types';
import { APP_ACCOUNT_NAMES, CULTURE_WEIGHTS, CUSTOMER_DOMAINS, EMAIL_DOMAINS, fullName } from './names';
import { hashString, Rng, uniqueHex15 } from './prng';
import { propertiesFor } from './property-mix';

export const DEFAULT_SITE_SEED = 'jira-sim-site';

export interface GeneratedUser {
  user: SimUser & { accountType: AccountType; emailVisibility: EmailVisibility };
  /** Values as JSON text. */
  properties: Array<{ key: string; json: string }>;
  /** Names of the groups the user is a member of (only those the site has are joined). */
  groups: string[];
}

// Shares of the mix (the brief for site scale: ~97% Atlassian accounts, the rest apps and a few customers; ~10%
// inactive).
const ACCOUNT_TYPES: ReadonlyArray<readonly [AccountType, number]> = [
  ['atlassian', 97],
  ['app', 2],
  ['customer', 1],
];
const INACTIVE: Record<AccountType, number> = { atlassian: 0.105, app: 0.05, customer: 0.1 };

function uuid(rng: Rng, unique15: string): string {
  const random = rng.hex(17);
  const hex = `${random.slice(0, 12)}4${random.slice(13, 16)}${'89ab'[rng.int(0, 3)]}${unique15}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Both shapes Jira Cloud hands out: a 24-hex ObjectId (a 2012–2024 creation time first) and "<prefix>:<uuid>".
function accountIdFor(rng: Rng, type: AccountType, unique15: string): string {
  if (type === 'customer') return `qm:${uuid(rng, unique15)}:${uuid(rng, rng.hex(15))}`;
  if (type === 'app') return `557058:${uuid(rng, unique15)}`;
  const shape = rng.weighted([
    ['objectid', 55],
    ['557058', 35],
    ['712020', 10],
  ] as const);
  if (shape === 'objectid') {
    const created = rng.int(Date.UTC(2012, 0, 1) / 1000, Date.UTC(2024, 11, 31) / 1000);
    return `${created.toString(16).padStart(8, '0')}${rng.hex(1)}${unique15}`;
  }
  return `${shape}:${uuid(rng, unique15)}`;
}

export function generateSiteUser(seed: string, index: number): GeneratedUser {
  const rng = new Rng(seed, index);
  const accountType = rng.weighted(ACCOUNT_TYPES);
  const unique15 = uniqueHex15(index, seed);
  const accountId = accountIdFor(rng, accountType, unique15);
  const active = !rng.chance(INACTIVE[accountType]);
  // A second seed in the same database must not repeat the first one's email addresses.
  const tag = seed === DEFAULT_SITE_SEED ? '' : `.${hashString(seed)[0].toString(36)}`;

  if (accountType === 'app') {
    const user = {
      accountId,
      email: `${unique15}${tag}@connect.atlassian.com`,
      displayName: rng.pick(APP_ACCOUNT_NAMES),
      active,
      isAdmin: true,
      timeZone: 'UTC',
      locale: 'en_US',
      emailVisibility: 'private' as const,
      accountType,
    };
    return { user, properties: propertiesFor({ rng, index, accountType, isAdmin: true, region: 'AMER' }), groups: [APP_GROUP_NAME] };
  }

  const culture = rng.weighted(CULTURE_WEIGHTS);
  const [firstShown, firstAscii] = rng.pick(culture.first);
  let [lastShown, lastAscii] = rng.pick(culture.last);
  if (culture.twoFamilyNames && rng.chance(0.6)) {
    const [second, secondAscii] = rng.pick(culture.last);
    if (second !== lastShown) [lastShown, lastAscii] = [`${lastShown} ${second}`, `${lastAscii}${secondAscii}`];
  }
  const place = rng.pick(culture.places);
  const initial = culture.initials && rng.chance(0.3) ? `${String.fromCharCode(65 + rng.int(0, 25))}. ` : '';
  let displayName = fullName(culture, `${firstShown} ${initial}`.trim(), lastShown);
  if (rng.chance(0.01)) displayName += ` ${rng.pick(['🚀', '🌴', '☕', '🎧'])}`;
  else if (rng.chance(0.02)) displayName += ' (contractor)';

  let local: string;
  if (rng.chance(0.02)) {
    local = `${firstShown}.${lastShown}${index}`.toLowerCase().replace(/[\s']/g, '');
  } else {
    local = rng.weighted([
      [`${firstAscii}.${lastAscii}${index}`, 50],
      [`${firstAscii[0]}${lastAscii}${index}`, 25],
      [`${lastAscii}.${firstAscii}${index}`, 15],
      [`${firstAscii}_${index}`, 10],
    ] as const);
  }
  const domain = accountType === 'customer' ? rng.pick(CUSTOMER_DOMAINS) : rng.weighted(EMAIL_DOMAINS);
  const isAdmin = accountType === 'atlassian' && active && rng.chance(0.015);
  const emailVisibility: EmailVisibility = rng.chance(accountType === 'customer' ? 0.1 : 0.2) ? 'private' : 'anyone';
  const user = {
    accountId,
    email: `${local}${tag}@${domain}`,
    displayName,
    active,
    isAdmin,
    timeZone: place.timeZone,
    locale: place.locale,
    emailVisibility,
    accountType,
  };

  const groups: string[] = [];
  if (accountType === 'atlassian') {
    if (rng.chance(0.92)) groups.push(DEMO_GROUPS.softwareUsers.name);
    if (isAdmin) groups.push(DEMO_GROUPS.administrators.name);
    if (rng.chance(0.02)) groups.push(DEMO_GROUPS.hrManagers.name);
    if (rng.chance(0.03)) groups.push(DEMO_GROUPS.teamLeads.name);
  }
  return { user, properties: propertiesFor({ rng, index, accountType, isAdmin, region: place.region }), groups };
}
