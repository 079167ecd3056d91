import React, { useState } from 'react';
import { EmptyState, Heading, ProgressBar, Spinner, Stack, Text } from '@forge/react';
import type { MyPreferences } from '../../shared/contract';
import { ErrorMessage } from '../shared/ErrorMessage';
import { call } from '../shared/invoke';
import { usePagedOpen, type PagedOpen } from '../shared/use-paged-open';
import { ChangesByOthers } from './ChangesByOthers';
import { PreferenceCard } from './PreferenceCard';
import { RawPropertyCard } from './RawPropertyCard';

/** What getMyPreferences answers besides the first page of values. */
type Settings = Omit<MyPreferences, 'properties' | 'remainingKeys'>;

/**
 * The caller's own settings: a form per admin-defined preference, then any other keys stored on their profile, then
 * the changes others made to their profile through the app.
 */
export const PreferencesPage = () => {
  const { pages, reload, retry } = usePagedOpen<Settings>(() => call('getMyPreferences', undefined));
  if (pages.phase === 'loading') return <Spinner label="Loading your preferences" />;
  return (
    <Stack space="space.300">
      <Heading as="h1">My preferences</Heading>
      {pages.phase === 'open' ? (
        <>
          <Preferences pages={pages} onRetry={retry} />
          <ChangesByOthers accountId={pages.first.accountId} />
        </>
      ) : (
        <ErrorMessage error={pages.error} onRetry={reload} />
      )}
    </Stack>
  );
};

const Preferences = ({ pages, onRetry }: { pages: Extract<PagedOpen<Settings>, { phase: 'open' }>; onRetry(): void }) => {
  const { first: preferences, loaded: properties, remaining, error } = pages;
  const { definitions, allowRawEditing } = preferences;
  const [deleted, setDeleted] = useState<string[]>([]);
  const defined = new Set(definitions.map((definition) => definition.key));
  const unread = new Set(remaining);
  const others = properties.filter((property) => !defined.has(property.key) && !deleted.includes(property.key));
  const complete = remaining.length === 0;
  if (definitions.length === 0 && others.length === 0 && complete) {
    // Under the page's h1 (EmptyState's own default is an h4, which would skip two levels).
    return <EmptyState headingLevel={2} header="Nothing to set yet" description="Your Jira admin has not defined any preferences, and nothing is stored on your profile." />;
  }
  const total = properties.length + remaining.length;
  const progressLabel = `Loaded ${properties.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} stored values`;
  return (
    <Stack space="space.300">
      {definitions.length > 0 ? (
        <Stack space="space.200">
          {/* The cards' titles are h3: this h2 sits between them and the page's h1. */}
          <Heading as="h2" size="medium">
            Your preferences
          </Heading>
          {definitions.map((definition) => {
            const property = properties.find((entry) => entry.key === definition.key);
            // A card takes its stored value when it mounts: one whose value is still to come waits for it.
            if (!property && unread.has(definition.key)) return <Spinner key={definition.key} label={`Loading ${definition.title}`} />;
            return (
              <PreferenceCard
                key={definition.key}
                definition={definition}
                initial={property ? { exists: true, json: property.json } : { exists: false }}
              />
            );
          })}
        </Stack>
      ) : (
        <Text>Your Jira admin has not defined any preferences yet.</Text>
      )}
      {complete ? null : error ? (
        <Stack space="space.100">
          <Text>{`${progressLabel}. Reading the rest stopped; what is loaded is shown.`}</Text>
          <ErrorMessage error={error} onRetry={onRetry} retryLabel="Load the rest" />
        </Stack>
      ) : (
        <Stack space="space.050">
          <ProgressBar value={total === 0 ? 0 : properties.length / total} ariaLabel={progressLabel} />
          <Text>{`${progressLabel}…`}</Text>
        </Stack>
      )}
      {others.length > 0 ? (
        <Stack space="space.200">
          <Heading as="h2" size="medium">
            Other stored values
          </Heading>
          <Text>
            {allowRawEditing
              ? 'Jira and other apps keep these values on your profile. You may edit them as JSON; change them only if you know what they hold.'
              : 'Jira and other apps keep these values on your profile. They are shown for reference; only your Jira admin can change them.'}
          </Text>
          {others.map((property) => (
            <RawPropertyCard
              key={property.key}
              property={property}
              editable={allowRawEditing}
              onDeleted={(key) => setDeleted((keys) => [...keys, key])}
            />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
};
