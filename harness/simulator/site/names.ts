// Where generated people come from: display names in their own script (with an ASCII spelling for email addresses),
// and the time zones and locales that go with them.

/** [as displayed, as an email address spells it] */
export type Name = readonly [string, string];

export interface Culture {
  id: string;
  weight: number;
  first: readonly Name[];
  last: readonly Name[];
  /** Family name first, without a space (Chinese), or with one (Japanese). */
  order: 'given-family' | 'family-given' | 'family-given-spaced';
  /** Whether some people show a middle initial ("James R. Smith"). */
  initials?: boolean;
  /** Whether some people carry two family names ("María García Núñez"). */
  twoFamilyNames?: boolean;
  places: ReadonlyArray<{ timeZone: string; locale: string; region: 'AMER' | 'EMEA' | 'APAC' }>;
}

const n = (display: string, ascii: string = display.toLowerCase()): Name => [display, ascii];

export const CULTURES: readonly Culture[] = [
  {
    id: 'en',
    initials: true,
    weight: 40,
    first: [
      'James', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mia', 'Ethan', 'Harper', 'Lucas', 'Grace', 'Jack', 'Chloe', 'Samuel', 'Zoe',
      'Benjamin', 'Charlotte', 'Daniel', 'Amelia', 'Henry', 'Evelyn', 'Owen', 'Abigail', 'Isaac', 'Ruby', 'Leo', 'Hannah', 'Aiden', 'Nora', 'Caleb',
    ].map((x) => n(x)),
    last: [
      n('Smith'), n('Johnson'), n('Williams'), n('Brown'), n('Taylor'), n("O'Brien", 'obrien'), n('Wilson'), n('Clarke'), n('Walker'), n('Hall'),
      n('Young'), n('King'), n('Wright'), n('Scott'), n('Green'), n('Baker'), n('Adams'), n('Nelson'), n('Hill'), n('Campbell'), n('Mitchell'),
      n('Roberts'), n('Carter'), n('Phillips'), n('Evans'), n('Turner'), n('Parker'), n('Collins'), n('Edwards'), n('Stewart'),
    ],
    order: 'given-family',
    places: [
      { timeZone: 'America/New_York', locale: 'en_US', region: 'AMER' },
      { timeZone: 'America/Chicago', locale: 'en_US', region: 'AMER' },
      { timeZone: 'America/Los_Angeles', locale: 'en_US', region: 'AMER' },
      { timeZone: 'Europe/London', locale: 'en_GB', region: 'EMEA' },
      { timeZone: 'Australia/Sydney', locale: 'en_AU', region: 'APAC' },
    ],
  },
  {
    id: 'de',
    initials: true,
    weight: 8,
    first: [n('Jürgen', 'juergen'), n('Lena'), n('Lukas'), n('Anja'), n('Matthias'), n('Sophie'), n('Björn', 'bjoern')],
    last: [n('Müller', 'mueller'), n('Schmidt'), n('Schneider'), n('Fischer'), n('Weiß', 'weiss'), n('Hoffmann')],
    order: 'given-family',
    places: [{ timeZone: 'Europe/Berlin', locale: 'de_DE', region: 'EMEA' }, { timeZone: 'Europe/Vienna', locale: 'de_AT', region: 'EMEA' }],
  },
  {
    id: 'es',
    twoFamilyNames: true,
    weight: 10,
    first: [n('José', 'jose'), n('María', 'maria'), n('Lucía', 'lucia'), n('Alejandro'), n('Sofía', 'sofia'), n('Pablo')],
    last: [n('García', 'garcia'), n('Núñez', 'nunez'), n('Rodríguez', 'rodriguez'), n('López', 'lopez'), n('Martín', 'martin')],
    order: 'given-family',
    places: [{ timeZone: 'Europe/Madrid', locale: 'es_ES', region: 'EMEA' }, { timeZone: 'America/Mexico_City', locale: 'es_MX', region: 'AMER' }],
  },
  {
    id: 'fr',
    initials: true,
    weight: 6,
    first: [n('François', 'francois'), n('Chloé', 'chloe'), n('Léa', 'lea'), n('Hugo'), n('Inès', 'ines')],
    last: [n('Lefèvre', 'lefevre'), n('Dubois'), n('Moreau'), n('Girard'), n('Roux')],
    order: 'given-family',
    places: [{ timeZone: 'Europe/Paris', locale: 'fr_FR', region: 'EMEA' }, { timeZone: 'America/Montreal', locale: 'fr_CA', region: 'AMER' }],
  },
  {
    id: 'pl',
    initials: true,
    weight: 4,
    first: [n('Łukasz', 'lukasz'), n('Zofia'), n('Małgorzata', 'malgorzata'), n('Piotr')],
    last: [n('Wójcik', 'wojcik'), n('Nowak'), n('Kowalczyk'), n('Żak', 'zak')],
    order: 'given-family',
    places: [{ timeZone: 'Europe/Warsaw', locale: 'pl_PL', region: 'EMEA' }],
  },
  {
    id: 'ru',
    weight: 5,
    first: [n('Дмитрий', 'dmitry'), n('Анна', 'anna'), n('Сергей', 'sergey'), n('Ольга', 'olga')],
    last: [n('Иванов', 'ivanov'), n('Смирнова', 'smirnova'), n('Кузнецов', 'kuznetsov'), n('Попова', 'popova')],
    order: 'given-family',
    places: [{ timeZone: 'Europe/Moscow', locale: 'ru_RU', region: 'EMEA' }],
  },
  {
    id: 'zh',
    weight: 6,
    first: [n('伟', 'wei'), n('芳', 'fang'), n('静', 'jing'), n('强', 'qiang'), n('磊', 'lei')],
    last: [n('王', 'wang'), n('李', 'li'), n('张', 'zhang'), n('刘', 'liu'), n('陈', 'chen')],
    order: 'family-given',
    places: [{ timeZone: 'Asia/Shanghai', locale: 'zh_CN', region: 'APAC' }, { timeZone: 'Asia/Taipei', locale: 'zh_TW', region: 'APAC' }],
  },
  {
    id: 'ja',
    weight: 5,
    first: [n('翔太', 'shota'), n('陽菜', 'hina'), n('蓮', 'ren'), n('結衣', 'yui')],
    last: [n('佐藤', 'sato'), n('鈴木', 'suzuki'), n('高橋', 'takahashi'), n('田中', 'tanaka')],
    order: 'family-given-spaced',
    places: [{ timeZone: 'Asia/Tokyo', locale: 'ja_JP', region: 'APAC' }],
  },
  {
    id: 'ar',
    weight: 3,
    first: [n('محمد', 'mohammed'), n('فاطمة', 'fatima'), n('عمر', 'omar'), n('ليلى', 'layla')],
    last: [n('العلي', 'alali'), n('حداد', 'haddad'), n('منصور', 'mansour')],
    order: 'given-family',
    places: [{ timeZone: 'Asia/Dubai', locale: 'ar_AE', region: 'EMEA' }, { timeZone: 'Africa/Cairo', locale: 'ar_EG', region: 'EMEA' }],
  },
  {
    id: 'hi',
    weight: 6,
    first: [n('Aarav'), n('Priya'), n('आरव', 'aarav'), n('प्रिया', 'priya'), n('Rohan'), n('Ananya')],
    last: [n('Sharma'), n('Patel'), n('शर्मा', 'sharma'), n('Iyer'), n('Reddy')],
    order: 'given-family',
    places: [{ timeZone: 'Asia/Kolkata', locale: 'en_IN', region: 'APAC' }],
  },
  {
    id: 'el',
    weight: 2,
    first: [n('Γιώργος', 'giorgos'), n('Ελένη', 'eleni')],
    last: [n('Παπαδόπουλος', 'papadopoulos'), n('Νικολάου', 'nikolaou')],
    order: 'given-family',
    places: [{ timeZone: 'Europe/Athens', locale: 'el_GR', region: 'EMEA' }],
  },
  {
    id: 'vi',
    weight: 5,
    first: [n('Minh'), n('Thảo', 'thao'), n('Huy'), n('Lan')],
    last: [n('Nguyễn', 'nguyen'), n('Trần', 'tran'), n('Lê', 'le'), n('Phạm', 'pham')],
    order: 'family-given-spaced',
    places: [{ timeZone: 'Asia/Ho_Chi_Minh', locale: 'vi_VN', region: 'APAC' }],
  },
];

export const CULTURE_WEIGHTS: ReadonlyArray<readonly [Culture, number]> = CULTURES.map((c) => [c, c.weight]);

export function fullName(culture: Culture, first: string, last: string): string {
  if (culture.order === 'family-given') return `${last}${first}`;
  if (culture.order === 'family-given-spaced') return `${last} ${first}`;
  return `${first} ${last}`;
}

/** The accounts apps get on a site (Connect and Forge apps each have one, accountType 'app'). */
export const APP_ACCOUNT_NAMES: readonly string[] = [
  'Tempo Timesheets',
  'ScriptRunner for Jira',
  'Jira Misc Workflow Extensions',
  'Slack',
  'Microsoft Teams for Jira Cloud',
  'Zephyr Scale',
  'Xray',
  'draw.io Diagrams',
  'Automation for Jira',
  'Acme Timesheets',
  'GitHub for Jira',
  'Opsgenie',
  'Structure',
  'BigPicture',
  'Figma for Jira',
  'Elements Connect',
  'Power BI Connector',
  'Jira Cloud for Sheets',
];

export const EMAIL_DOMAINS: ReadonlyArray<readonly [string, number]> = [
  ['acme.example', 70],
  ['contractors.acme.example', 12],
  ['acme-labs.example', 10],
  ['münchen.acme.example', 3],
  ['acme.co.example', 5],
];

export const CUSTOMER_DOMAINS: readonly string[] = ['mail.example', 'customer.example', 'posteo.example', 'correo.example'];

export const TEAMS: readonly string[] = ['Platform', 'Support', 'Design', 'Finance', 'Mobile', 'Data', 'Платформа', '研发', 'Équipe Web', 'Growth 🚀', 'IT Operations'];
