// Keys Jira itself and well-known apps write into user properties. Editing or deleting them can reset a person's
// navigation, onboarding or another app's settings, so the UI warns before touching them.
interface KnownKeyRule {
  test: (key: string) => boolean;
  owner: string;
}

const exact = (name: string, owner: string): KnownKeyRule => ({ test: (key) => key === name, owner });
const prefix = (start: string, owner: string): KnownKeyRule => ({ test: (key) => key.startsWith(start), owner });

const RULES: KnownKeyRule[] = [
  exact('navigation_next_ui_state', 'Jira navigation'),
  exact('onboarding', 'Jira onboarding'),
  prefix('jira.', 'Jira'),
  prefix('com.atlassian.', 'an Atlassian product'),
  prefix('atlassian.', 'an Atlassian product'),
  prefix('greenhopper', 'Jira Software boards'),
  prefix('jsw.', 'Jira Software'),
  prefix('jsd.', 'Jira Service Management'),
  prefix('sd.', 'Jira Service Management'),
  prefix('com.innovalog.', 'Appfire JMWE'),
  prefix('com.onresolve.', 'ScriptRunner'),
  prefix('io.tempo.', 'Tempo'),
];

/** Who is known to own a key, or undefined when the key is not known to belong to Jira or another app. */
export function knownKeyOwner(key: string): string | undefined {
  return RULES.find((rule) => rule.test(key))?.owner;
}
