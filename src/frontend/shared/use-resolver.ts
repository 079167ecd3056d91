import { useCallback, useEffect, useState } from 'react';
import type { DataOf, Envelope, PayloadOf, ResolverKey } from '../../shared/contract';
import { call } from './invoke';

export type Loadable<T> = { state: 'loading' } | Envelope<T>;

/** Calls a resolver once on mount (and again on `reload`), exposing loading, data or the error envelope. */
export function useResolver<K extends ResolverKey>(key: K, payload: PayloadOf<K>) {
  const [result, setResult] = useState<Loadable<DataOf<K>>>({ state: 'loading' });
  const payloadJson = JSON.stringify(payload ?? {});
  const reload = useCallback(() => {
    setResult({ state: 'loading' });
    void call(key, JSON.parse(payloadJson) as PayloadOf<K>).then(setResult);
  }, [key, payloadJson]);
  useEffect(reload, [reload]);
  return { result, reload };
}
