import React from 'react';
import { Text } from '@forge/react';
import type { ErrorBody } from '../../../shared/contract';

/** A refresh of a job's progress failed; the page keeps asking, so this goes once one answers. */
export const PollWarning = ({ error }: { error?: ErrorBody }) =>
  error ? <Text color="color.text.warning">{`The progress could not be refreshed (${error.message}); trying again.`}</Text> : null;
