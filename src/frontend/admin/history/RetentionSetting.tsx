import React, { useState } from 'react';
import {
  Box,
  Button,
  ErrorMessage as FieldError,
  Heading,
  HelperMessage,
  Inline,
  Label,
  LoadingButton,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  Spinner,
  Stack,
  Strong,
  Text,
  Textfield,
} from '@forge/react';
import type { ErrorBody } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { flagSuccess } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { useResolver } from '../../shared/use-resolver';
import { count } from './history-labels';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3_650;
const DAY_MS = 86_400_000;

/** Whole days within the limits, or why not. */
export function retentionDays(text: string): { days: number } | { problem: string } {
  const trimmed = text.trim();
  const days = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    return { problem: `Enter whole days from ${MIN_RETENTION_DAYS} to ${count(MAX_RETENTION_DAYS)}.` };
  }
  return { days };
}

const daysText = (days: number) => `${count(days)} ${days === 1 ? 'day' : 'days'}`;

/** The oldest day a shorter setting keeps, in words. */
const keptSince = (days: number) => new Date(Date.now() - days * DAY_MS).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' });

/**
 * How long the history keeps entries (getAppConfig's historyRetentionDays; setHistoryRetention saves it). Shortening
 * asks first: the next daily purge deletes the entries older than the new setting, for good.
 */
export const RetentionSetting = () => {
  const config = useResolver('getAppConfig', undefined);
  const [saved, setSaved] = useState<number>();
  const [draft, setDraft] = useState<string>();
  const [confirming, setConfirming] = useState<number>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorBody>();

  if ('state' in config.result) return <Spinner label="Loading the retention setting" />;
  if (!config.result.success) return <ErrorMessage error={config.result.error} onRetry={config.reload} />;
  const current = saved ?? config.result.data.historyRetentionDays;
  const text = draft ?? String(current);
  const parsed = retentionDays(text);
  const problem = 'problem' in parsed ? parsed.problem : undefined;
  const days = 'days' in parsed ? parsed.days : undefined;

  const save = async (value: number) => {
    setSaving(true);
    setError(undefined);
    const answer = await call('setHistoryRetention', { days: value });
    setSaving(false);
    if (!answer.success) {
      setError(answer.error);
      return;
    }
    setConfirming(undefined);
    setSaved(answer.data.historyRetentionDays);
    setDraft(undefined);
    flagSuccess('History retention saved', `The history keeps each entry for ${daysText(answer.data.historyRetentionDays)}.`);
  };
  const cancel = () => {
    setConfirming(undefined);
    setError(undefined);
  };
  const onSave = () => {
    if (days === undefined) return;
    if (days < current) {
      setError(undefined);
      setConfirming(days);
    } else void save(days);
  };

  return (
    <Stack space="space.150">
      <Heading as="h2" size="small">
        Retention
      </Heading>
      <Text>{`The history keeps each entry for ${daysText(current)}. A daily purge deletes older entries.`}</Text>
      <Inline space="space.100" alignBlock="start">
        <Box xcss={{ width: '200px' }}>
          <Stack space="space.050">
            <Label labelFor="history-retention-days">Keep entries for (days)</Label>
            <Textfield
              id="history-retention-days"
              name="historyRetentionDays"
              type="number"
              min={MIN_RETENTION_DAYS}
              max={MAX_RETENTION_DAYS}
              value={text}
              isInvalid={problem !== undefined}
              onChange={(event) => setDraft(event.target.value)}
            />
            {problem ? <FieldError>{problem}</FieldError> : <HelperMessage>{`Whole days, ${MIN_RETENTION_DAYS} to ${count(MAX_RETENTION_DAYS)}.`}</HelperMessage>}
          </Stack>
        </Box>
        <Box xcss={{ paddingBlockStart: 'space.300' }}>
          <LoadingButton appearance="primary" isLoading={saving && confirming === undefined} isDisabled={days === undefined || days === current} onClick={onSave}>
            Save
          </LoadingButton>
        </Box>
      </Inline>
      {error && confirming === undefined ? <ErrorMessage error={error} /> : null}
      {confirming !== undefined ? (
        <ModalTransition>
          <Modal onClose={cancel}>
            <ModalHeader>
              <ModalTitle appearance="danger">{`Keep the history for only ${daysText(confirming)}?`}</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Stack space="space.150">
                <Text>
                  The next daily purge deletes every entry older than <Strong>{daysText(confirming)}</Strong>
                  {` (written before ${keptSince(confirming)}), instead of ${daysText(current)}. Deleted entries cannot be brought back or restored.`}
                </Text>
                {error ? <ErrorMessage error={error} /> : null}
              </Stack>
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={cancel}>
                Cancel
              </Button>
              <LoadingButton appearance="danger" isLoading={saving} onClick={() => void save(confirming)}>
                {`Shorten to ${daysText(confirming)}`}
              </LoadingButton>
            </ModalFooter>
          </Modal>
        </ModalTransition>
      ) : null}
    </Stack>
  );
};
